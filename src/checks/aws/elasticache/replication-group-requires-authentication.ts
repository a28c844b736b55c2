import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.replication_group_requires_authentication',
  title: 'ElastiCache replication groups require authentication',
  severity: 'medium',
  resource: 'aws.elasticache.replication_group',
  triggers: [],
  description:
    'The replication group has neither an AUTH token nor RBAC user groups: any client that reaches it may run every command.',
  risk: 'Anything with network access to the cache can read, change or flush its data.',
  remediation: {
    text: 'Set an AUTH token (Redis OSS before 6) or attach RBAC user groups (Redis OSS 6 and later, Valkey); both need in-transit encryption.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --user-group-ids-to-add <user-group> --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html'],
  evaluate(group) {
    const token = extBool(group, 'auth_token');
    const users = extList<string>(group, 'user_groups');
    if (token === null || users === null) return error('the authentication settings are unreadable');
    if (token) return pass('an AUTH token is required');
    if (users.length > 0) return pass(`RBAC user groups ${users.join(', ')}`);
    return fail(`${group.com.name} accepts clients without authentication`);
  },
});

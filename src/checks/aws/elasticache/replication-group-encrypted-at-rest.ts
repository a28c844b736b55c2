import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.replication_group_encrypted_at_rest',
  title: 'ElastiCache replication groups are encrypted at rest',
  severity: 'medium',
  resource: 'aws.elasticache.replication_group',
  triggers: [],
  description: 'The data of the replication group on disk (swap, backups) is not encrypted.',
  risk: 'Whoever obtains the storage or a backup reads the cached data.',
  remediation: {
    text: 'Encryption at rest is set at creation: create a new replication group with at-rest encryption from a backup and move to it.',
    cli: 'aws elasticache create-replication-group --replication-group-id <new-group> --replication-group-description "encrypted" --snapshot-name <backup> --at-rest-encryption-enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  evaluate(group) {
    return settingOn(group, 'at_rest_encryption', {
      on: 'encryption at rest',
      off: `${group.com.name} has no encryption at rest`,
      unknown: 'the replication group settings are unreadable',
    });
  },
});

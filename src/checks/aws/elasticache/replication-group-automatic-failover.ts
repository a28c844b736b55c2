import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.replication_group_automatic_failover',
  title: 'ElastiCache replication groups fail over automatically',
  severity: 'medium',
  resource: 'aws.elasticache.replication_group',
  triggers: [],
  description: 'Automatic failover is off: when the primary node fails, no replica is promoted.',
  risk: 'A node failure makes the cache read-only or unavailable until someone promotes a replica by hand.',
  remediation: {
    text: 'Turn on automatic failover (the group needs at least one replica).',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --automatic-failover-enabled --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html'],
  evaluate(group) {
    return settingOn(group, 'automatic_failover_enabled', {
      on: 'automatic failover',
      off: `${group.com.name} has no automatic failover`,
      unknown: 'the replication group settings are unreadable',
    });
  },
});

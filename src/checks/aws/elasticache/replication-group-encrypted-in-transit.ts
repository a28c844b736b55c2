import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.replication_group_encrypted_in_transit',
  title: 'ElastiCache replication groups are encrypted in transit',
  severity: 'medium',
  resource: 'aws.elasticache.replication_group',
  triggers: [],
  description: 'Clients and nodes of the replication group talk without TLS.',
  risk: 'Cached data, commands and AUTH tokens cross the network in the clear.',
  remediation: {
    text: 'Turn on in-transit encryption (mode preferred, then required once clients use TLS).',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'],
  evaluate(group) {
    return settingOn(group, 'transit_encryption', {
      on: 'encryption in transit',
      off: `${group.com.name} has no encryption in transit`,
      unknown: 'the replication group settings are unreadable',
    });
  },
});

import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.cluster_auto_minor_version_upgrade',
  title: 'ElastiCache clusters upgrade minor versions automatically',
  severity: 'high',
  resource: 'aws.elasticache.cache_cluster',
  triggers: [],
  description:
    'Automatic minor version upgrades are off: engine patches are not applied in the maintenance window.',
  risk: 'Known vulnerabilities of the cache engine stay exploitable until someone upgrades by hand.',
  remediation: {
    text: 'Turn on automatic minor version upgrades for the cluster (or its replication group).',
    cli: 'aws elasticache modify-cache-cluster --cache-cluster-id <cluster> --auto-minor-version-upgrade --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'auto_minor_version_upgrade', {
      on: 'minor versions are upgraded automatically',
      off: `${cluster.com.name} does not upgrade minor versions automatically`,
      unknown: 'the automatic upgrade setting is unreadable',
    });
  },
});

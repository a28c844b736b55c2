import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';

export default defineCheck({
  id: 'aws.rds.cluster_deletion_protection',
  title: 'RDS DB clusters have deletion protection',
  severity: 'low',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'Deletion protection is off: the cluster can be deleted in one call by any identity allowed rds:DeleteDBCluster.',
  risk: 'A mistaken or malicious delete removes the cluster and its automated backups.',
  remediation: {
    text: 'Turn on deletion protection for the cluster.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --deletion-protection --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection',
  ],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () =>
      settingOn(cluster, 'deletion_protection', {
        on: 'deletion protection is on',
        off: `${cluster.com.name} has no deletion protection`,
        unknown: 'the deletion protection setting is unreadable',
      }),
    );
  },
});

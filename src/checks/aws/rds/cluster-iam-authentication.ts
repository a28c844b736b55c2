import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';

export default defineCheck({
  id: 'aws.rds.cluster_iam_authentication',
  title: 'RDS DB clusters accept IAM database authentication',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'IAM database authentication is off: every database login is a long-lived password kept in the database.',
  risk: 'Database passwords get shared and never rotated; IAM authentication gives short-lived tokens tied to an identity and logged in CloudTrail.',
  remediation: {
    text: 'Turn on IAM database authentication for the cluster and map database users to IAM identities.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --enable-iam-database-authentication --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html'],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () =>
      settingOn(cluster, 'iam_auth', {
        on: 'IAM database authentication is on',
        off: `${cluster.com.name} does not accept IAM database authentication`,
        unknown: 'the IAM authentication setting is unreadable',
      }),
    );
  },
});

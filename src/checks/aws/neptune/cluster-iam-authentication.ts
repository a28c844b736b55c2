import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_iam_authentication',
  title: 'Neptune clusters require IAM database authentication',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'IAM database authentication is off: any client that reaches the Neptune endpoint may query the graph.',
  risk: 'Nothing but network reachability stands between a client and the data.',
  remediation: {
    text: 'Turn on IAM database authentication and grant neptune-db permissions to the callers.',
    cli: 'aws neptune modify-db-cluster --db-cluster-identifier <cluster> --enable-iam-database-authentication --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html'],
  evaluate(r) {
    return onlyEngine(r, 'neptune', () =>
      settingOn(r, 'iam_auth', {
        on: 'IAM database authentication is on',
        off: `${r.com.name} does not use IAM database authentication`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});

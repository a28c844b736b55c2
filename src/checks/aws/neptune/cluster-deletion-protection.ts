import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_deletion_protection',
  title: 'Neptune clusters have deletion protection',
  severity: 'low',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'Deletion protection is off for the Neptune cluster.',
  risk: 'A mistaken or malicious delete removes the cluster and its automated backups.',
  remediation: {
    text: 'Turn on deletion protection for the cluster.',
    cli: 'aws neptune modify-db-cluster --db-cluster-identifier <cluster> --deletion-protection --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-instances-delete.html'],
  evaluate(r) {
    return onlyEngine(r, 'neptune', () =>
      settingOn(r, 'deletion_protection', {
        on: 'deletion protection is on',
        off: `${r.com.name} has no deletion protection`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});

import { defineCheck } from '../../../core/check.js';
import { exportsLogs } from '../rds/log-exports.js';

export default defineCheck({
  id: 'aws.neptune.cluster_exports_audit_logs',
  title: 'Neptune clusters export their audit log to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The Neptune cluster does not export its audit log to CloudWatch Logs.',
  risk: 'Authentication attempts and changes made in the database cannot be searched, alarmed on or kept for an investigation.',
  remediation: {
    text: 'Turn on the export of the audit log to CloudWatch Logs (and auditing in the cluster parameter group).',
    cli: `aws neptune modify-db-cluster --db-cluster-identifier <cluster> --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit"]}' --apply-immediately`,
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html'],
  evaluate(cluster) {
    return exportsLogs(cluster, ['neptune'], ['audit']);
  },
});

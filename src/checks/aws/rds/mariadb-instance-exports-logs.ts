import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { exportsLogs } from './log-exports.js';

export default defineCheck({
  id: 'aws.rds.mariadb_instance_exports_logs',
  title: 'RDS for MariaDB instances export their logs to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'The MariaDB instance does not export the required database logs to CloudWatch Logs.',
  risk: 'Failed logins, errors and audit records stay on the database host, where they rotate away and cannot be searched, alarmed on or kept for an investigation.',
  remediation: {
    text: 'Turn on the export of the required log types to CloudWatch Logs (for audit logs, also enable auditing in the parameter or option group).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["audit","error"]}\' --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
  ],
  params: z.object({ log_types: z.array(z.string().min(1)).min(1).default(['audit', 'error']) }),
  evaluate(r, { log_types }) {
    return exportsLogs(r, ['mariadb'], log_types);
  },
});

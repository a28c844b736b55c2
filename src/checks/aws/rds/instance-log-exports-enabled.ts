import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_log_exports_enabled',
  title: 'RDS instances export their database logs to CloudWatch Logs',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'The instance publishes none of its engine logs (error, audit, general, postgresql...) to CloudWatch Logs.',
  risk: 'Engine logs rotate away on the instance within days; sign-in failures and suspicious queries are gone before anyone looks.',
  remediation: {
    text: 'Enable the log exports of the engine (for example postgresql and upgrade, or error, audit and slowquery for MySQL).',
    cli: `aws rds modify-db-instance --db-instance-identifier <db> --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}' --apply-immediately`,
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
  ],
  evaluate(db) {
    const exports = extList<string>(db, 'log_exports');
    if (exports === null) return error('the log export setting is unreadable');
    return exports.length > 0
      ? pass(`exports ${exports.join(', ')}`)
      : fail(`${db.com.name} exports no logs to CloudWatch Logs`);
  },
});

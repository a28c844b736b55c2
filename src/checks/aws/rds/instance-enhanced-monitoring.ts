import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_enhanced_monitoring',
  title: 'RDS instances have Enhanced Monitoring',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'Enhanced Monitoring is off (monitoring interval 0): the operating system metrics of the instance are not collected.',
  risk: 'CPU, memory, file system and process figures of the host are missing when an outage or a performance incident must be diagnosed.',
  remediation: {
    text: 'Turn on Enhanced Monitoring with a monitoring interval (1, 5, 10, 15, 30 or 60 seconds) and a monitoring role.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --monitoring-interval 60 --monitoring-role-arn <rds-monitoring-role-arn> --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html'],
  evaluate(db) {
    const interval = extNum(db, 'monitoring_interval');
    if (interval === null) return error('the monitoring interval is unreadable');
    return interval > 0
      ? pass(`Enhanced Monitoring every ${interval} s`)
      : fail(`${db.com.name} has no Enhanced Monitoring`);
  },
});

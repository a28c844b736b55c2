import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.dynamodb.table_point_in_time_recovery',
  title: 'DynamoDB tables have point-in-time recovery',
  severity: 'medium',
  resource: 'aws.dynamodb.table',
  triggers: [],
  description:
    'Point-in-time recovery is off for the table: it cannot be restored to a moment of the last 35 days.',
  risk: 'An accidental delete, a faulty deployment or a malicious write destroys data that only on-demand backups, if any, can bring back.',
  remediation: {
    text: 'Turn on point-in-time recovery (continuous backups) for the table.',
    cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html'],
  evaluate(table) {
    return settingOn(table, 'point_in_time_recovery', {
      on: 'point-in-time recovery is on',
      off: `${table.com.name} has no point-in-time recovery`,
      unknown: 'the continuous backup status is unreadable',
      why: ['continuousBackups'],
    });
  },
});

import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.dynamodb.table_deletion_protection',
  title: 'DynamoDB tables have deletion protection',
  severity: 'medium',
  resource: 'aws.dynamodb.table',
  triggers: [],
  description:
    'Deletion protection is off: the table can be deleted in one call by any identity allowed dynamodb:DeleteTable.',
  risk: 'A mistaken or malicious delete removes the table and its point-in-time recovery history at once.',
  remediation: {
    text: 'Turn on deletion protection for the table.',
    cli: 'aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
  },
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
  ],
  evaluate(table) {
    return settingOn(table, 'deletion_protection', {
      on: 'deletion protection is on',
      off: `${table.com.name} has no deletion protection`,
      unknown: 'the table settings are unreadable',
      why: ['table'],
    });
  },
});

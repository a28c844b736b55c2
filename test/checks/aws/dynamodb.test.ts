import deletion from '../../../src/checks/aws/dynamodb/table-deletion-protection.js';
import pitr from '../../../src/checks/aws/dynamodb/table-point-in-time-recovery.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const table = (ext: Record<string, unknown>) =>
  rec(
    'aws.dynamodb.table',
    { point_in_time_recovery: true, deletion_protection: true, ...ext },
    { name: 'orders' },
  );

checkTester(pitr, {
  pass: [{ name: 'enabled', input: table({}) }],
  fail: [{ name: 'disabled', input: table({ point_in_time_recovery: false }), message: 'orders' }],
  error: [
    {
      name: 'unreadable',
      input: table({
        point_in_time_recovery: null,
        unknown_facts: { continuousBackups: 'AccessDeniedException: no' },
      }),
      message: 'AccessDeniedException',
    },
  ],
});

checkTester(deletion, {
  pass: [{ name: 'enabled', input: table({}) }],
  fail: [{ name: 'disabled', input: table({ deletion_protection: false }) }],
  error: [{ name: 'table not described', input: table({ deletion_protection: null }) }],
});

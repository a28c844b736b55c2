import inUse from '../../../src/checks/aws/secretsmanager/secret-in-use.js';
import rotatedRecently from '../../../src/checks/aws/secretsmanager/secret-rotated-recently.js';
import rotationEnabled from '../../../src/checks/aws/secretsmanager/secret-rotation-enabled.js';
import rotationSucceeds from '../../../src/checks/aws/secretsmanager/secret-rotation-succeeds.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const secret = (ext: Record<string, unknown>) =>
  rec(
    'aws.secretsmanager.secret',
    {
      rotation_enabled: true,
      rotation_interval_days: 30,
      rotation_schedule: null,
      last_rotated: '2026-11-30T00:00:00.000Z',
      last_accessed: '2026-12-01T00:00:00.000Z',
      next_rotation: '2026-12-30T00:00:00.000Z',
      created: '2025-01-01T00:00:00.000Z',
      days_since_created: 400,
      days_since_rotation: 6,
      days_since_access: 5,
      rotation_overdue_days: 0,
      ...ext,
    },
    { name: 'db-password' },
  );

checkTester(rotationEnabled, {
  pass: [{ name: 'rotating', input: secret({}), message: 'every 30 days' }],
  fail: [{ name: 'not rotating', input: secret({ rotation_enabled: false }) }],
  error: [{ name: 'setting missing', input: secret({ rotation_enabled: null }) }],
});

checkTester(rotationSucceeds, {
  pass: [
    { name: 'rotated on time', input: secret({}) },
    { name: 'first rotation not due yet', input: secret({ last_rotated: null, days_since_rotation: 10 }) },
  ],
  fail: [
    { name: 'missed its date', input: secret({ rotation_overdue_days: 12 }), message: '12 days ago' },
    {
      name: 'never rotated past its interval',
      input: secret({ last_rotated: null, days_since_rotation: 90 }),
    },
  ],
  not_applicable: [{ name: 'rotation off', input: secret({ rotation_enabled: false }) }],
});

checkTester(rotatedRecently, {
  pass: [{ name: 'rotated 6 days ago', input: secret({}) }],
  fail: [
    { name: 'rotated 120 days ago', input: secret({ days_since_rotation: 120 }), message: '120 days' },
    {
      name: 'never rotated, old',
      input: secret({ last_rotated: null, days_since_rotation: 400 }),
      message: 'never rotated',
    },
    { name: 'stricter limit', input: secret({ days_since_rotation: 40 }), params: { max_days: 30 } },
  ],
  error: [{ name: 'no dates', input: secret({ days_since_rotation: null }) }],
});

checkTester(inUse, {
  pass: [
    { name: 'read recently', input: secret({}) },
    { name: 'new, not read yet', input: secret({ days_since_access: null, days_since_created: 10 }) },
  ],
  fail: [
    { name: 'unread for 200 days', input: secret({ days_since_access: 200 }), message: '200 days' },
    { name: 'never read, old', input: secret({ days_since_access: null }), message: 'never read' },
  ],
  error: [{ name: 'no dates', input: secret({ days_since_access: null, days_since_created: null }) }],
});

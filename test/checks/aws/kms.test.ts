import rotation from '../../../src/checks/aws/kms/key-rotation-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const key = (ext: Record<string, unknown>) =>
  rec('aws.kms.key', {
    key_manager: 'CUSTOMER',
    key_spec: 'SYMMETRIC_DEFAULT',
    key_state: 'Enabled',
    origin: 'AWS_KMS',
    rotation_supported: true,
    rotation_enabled: true,
    ...ext,
  });

checkTester(rotation, {
  pass: [{ name: 'rotating', input: key({}) }],
  fail: [{ name: 'not rotating', input: key({ rotation_enabled: false }) }],
  error: [
    {
      name: 'metadata unreadable',
      input: key({ key_manager: null, unknown_facts: { metadata: 'AccessDenied: x' } }),
      message: 'AccessDenied',
    },
    { name: 'rotation unreadable', input: key({ rotation_enabled: null }) },
  ],
  not_applicable: [
    { name: 'AWS managed', input: key({ key_manager: 'AWS', rotation_enabled: null }) },
    { name: 'asymmetric', input: key({ key_spec: 'RSA_2048', rotation_enabled: false }) },
    { name: 'disabled', input: key({ key_state: 'Disabled', rotation_enabled: false }) },
    { name: 'imported material', input: key({ origin: 'EXTERNAL', rotation_enabled: false }) },
    { name: 'not supported', input: key({ rotation_supported: false, rotation_enabled: false }) },
  ],
});

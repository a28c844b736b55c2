import groupInline from '../../../src/checks/aws/iam/group-inline-policies-no-kms-decrypt-on-all-keys.js';
import passwordStrong from '../../../src/checks/aws/iam/password-policy-strong.js';
import policyKmsDecrypt from '../../../src/checks/aws/iam/policy-no-kms-decrypt-on-all-keys.js';
import policyWildcard from '../../../src/checks/aws/iam/policy-no-wildcard-service-actions.js';
import roleInline from '../../../src/checks/aws/iam/role-inline-policies-no-kms-decrypt-on-all-keys.js';
import userInline from '../../../src/checks/aws/iam/user-inline-policies-no-kms-decrypt-on-all-keys.js';
import pendingDeletion from '../../../src/checks/aws/kms/key-not-pending-deletion.js';
import keyNotPublic from '../../../src/checks/aws/kms/key-not-public.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const policy = (ext: Record<string, unknown>) =>
  rec(
    'aws.iam.policy',
    {
      full_admin: false,
      kms_decrypt_all_keys: false,
      wildcard_service_actions: [],
      document_unreadable: null,
      ...ext,
    },
    { name: 'app-policy' },
  );

checkTester(policyWildcard, {
  pass: [{ name: 'named actions only', input: policy({}) }],
  fail: [{ name: 's3:*', input: policy({ wildcard_service_actions: ['s3:*'] }), message: 's3:*' }],
  error: [
    {
      name: 'document unreadable',
      input: policy({ wildcard_service_actions: null, document_unreadable: 'policy document is not JSON' }),
      message: 'not JSON',
    },
  ],
});

checkTester(policyKmsDecrypt, {
  pass: [{ name: 'scoped keys', input: policy({}) }],
  fail: [{ name: 'every key', input: policy({ kms_decrypt_all_keys: true }), message: 'app-policy' }],
  error: [{ name: 'document unreadable', input: policy({ kms_decrypt_all_keys: null }) }],
});

for (const [check, type] of [
  [userInline, 'aws.iam.user'],
  [roleInline, 'aws.iam.role'],
  [groupInline, 'aws.iam.group'],
] as const) {
  const principal = (inline: unknown) => rec(type, { inline_policies: inline }, { name: 'ops' });
  checkTester(check, {
    pass: [
      { name: 'no inline policies', input: principal([]) },
      {
        name: 'scoped inline policy',
        input: principal([{ name: 'read', full_admin: false, kms_decrypt_all_keys: false }]),
      },
    ],
    fail: [
      {
        name: 'an inline policy decrypts with every key',
        input: principal([
          { name: 'read', full_admin: false, kms_decrypt_all_keys: false },
          { name: 'decrypt-all', full_admin: false, kms_decrypt_all_keys: true },
        ]),
        message: 'decrypt-all',
      },
    ],
    error: [
      { name: 'inline policies unreadable', input: principal(null) },
      {
        name: 'one inline document unreadable',
        input: principal([{ name: 'bad', full_admin: null, kms_decrypt_all_keys: null }]),
        message: 'bad',
      },
    ],
  });
}

const pw = (ext: Record<string, unknown>) =>
  rec('aws.iam.password_policy', {
    exists: true,
    minimum_length: 14,
    require_uppercase: true,
    require_lowercase: true,
    require_symbols: true,
    require_numbers: true,
    ...ext,
  });

checkTester(passwordStrong, {
  pass: [
    { name: 'long and mixed', input: pw({}) },
    { name: 'exactly the default minimum', input: pw({ minimum_length: 8 }) },
  ],
  fail: [
    { name: 'no policy', input: pw({ exists: false }), message: 'no password policy' },
    { name: 'short', input: pw({ minimum_length: 6 }), message: 'minimum length 6' },
    { name: 'no symbols', input: pw({ require_symbols: false }), message: 'symbol' },
    { name: 'shorter than the user asks for', input: pw({ minimum_length: 12 }), params: { min_length: 14 } },
  ],
  error: [
    { name: 'unknown', input: pw({ exists: null }) },
    { name: 'length missing', input: pw({ minimum_length: null }) },
  ],
});

const key = (ext: Record<string, unknown>) =>
  rec(
    'aws.kms.key',
    { key_manager: 'CUSTOMER', key_state: 'Enabled', policy_public: false, public_statements: [], ...ext },
    { name: '1234abcd' },
  );

checkTester(pendingDeletion, {
  pass: [
    { name: 'enabled', input: key({}) },
    { name: 'disabled', input: key({ key_state: 'Disabled' }) },
  ],
  fail: [
    {
      name: 'pending deletion',
      input: key({ key_state: 'PendingDeletion', deletion_date: '2026-12-30T00:00:00.000Z' }),
      message: '2026-12-30',
    },
  ],
  error: [
    {
      name: 'metadata unreadable',
      input: key({
        key_manager: null,
        key_state: null,
        unknown_facts: { metadata: 'AccessDeniedException: x' },
      }),
      message: 'AccessDeniedException',
    },
  ],
  not_applicable: [{ name: 'AWS managed', input: key({ key_manager: 'AWS', key_state: 'PendingDeletion' }) }],
});

checkTester(keyNotPublic, {
  pass: [{ name: 'private', input: key({}) }],
  fail: [
    {
      name: 'everyone may use it',
      input: key({ policy_public: true, public_statements: ['Enable everyone'] }),
      message: 'Enable everyone',
    },
  ],
  error: [
    {
      name: 'policy unreadable',
      input: key({
        policy_public: null,
        unknown_facts: { keyPolicy: 'AccessDeniedException: kms:GetKeyPolicy' },
      }),
      message: 'GetKeyPolicy',
    },
    { name: 'metadata unreadable', input: key({ key_manager: null }) },
  ],
  not_applicable: [{ name: 'AWS managed', input: key({ key_manager: 'AWS', policy_public: null }) }],
});

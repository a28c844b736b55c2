import accountBlocked from '../../../src/checks/aws/s3/account-public-access-blocked.js';
import accessLogging from '../../../src/checks/aws/s3/bucket-access-logging-enabled.js';
import defaultEncryption from '../../../src/checks/aws/s3/bucket-default-encryption-enabled.js';
import mfaDelete from '../../../src/checks/aws/s3/bucket-mfa-delete-enabled.js';
import requiresTls from '../../../src/checks/aws/s3/bucket-requires-tls.js';
import publicBlocked from '../../../src/checks/aws/s3/public-access-blocked.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope } from './scope.js';

const bucket = (ext: Record<string, unknown>, name = 'b1') => rec('aws.s3.bucket', ext, { name });

checkTester(requiresTls, {
  pass: [{ name: 'deny-HTTP statement', input: bucket({ secure_transport_required: true }) }],
  fail: [{ name: 'no such statement', input: bucket({ secure_transport_required: false }), message: 'HTTP' }],
  error: [
    {
      name: 'policy unreadable',
      input: bucket({ secure_transport_required: null, unknown_facts: { policy: 'AccessDenied: no' } }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(mfaDelete, {
  pass: [{ name: 'MFA delete on', input: bucket({ mfa_delete: true }) }],
  fail: [{ name: 'MFA delete off', input: bucket({ mfa_delete: false }) }],
  error: [{ name: 'versioning unreadable', input: bucket({ mfa_delete: null }) }],
});

checkTester(accessLogging, {
  pass: [
    {
      name: 'logging on',
      input: bucket({ access_logging: true, access_log_target: 'logs' }),
      message: 'logs',
    },
  ],
  fail: [{ name: 'logging off', input: bucket({ access_logging: false }) }],
  error: [{ name: 'logging unreadable', input: bucket({ access_logging: null }) }],
});

const account = (all: boolean | null) => rec('aws.s3.account_public_access_block', { all_blocked: all });
checkTester(accountBlocked, {
  pass: [{ name: 'all four on', input: account(true) }],
  fail: [{ name: 'not all on', input: account(false) }],
  error: [{ name: 'unreadable', input: account(null) }],
});

checkTester(publicBlocked, {
  pass: [
    {
      name: 'account-level block covers an unblocked bucket',
      input: scope([account(true), bucket({ public_access_blocked: false })]),
    },
    { name: 'bucket-level block', input: scope([account(false), bucket({ public_access_blocked: true })]) },
    { name: 'no buckets, account blocked', input: scope([account(true)]) },
  ],
  fail: [
    {
      name: 'neither level',
      input: scope([account(false), bucket({ public_access_blocked: false })]),
      message: 'b1',
    },
  ],
  error: [
    {
      name: 'bucket block unreadable',
      input: scope([account(false), bucket({ public_access_blocked: null })]),
    },
    { name: 'account block not read', input: scope([bucket({ public_access_blocked: false })]) },
  ],
});

checkTester(defaultEncryption, {
  pass: [
    { name: 'SSE-KMS by default', input: bucket({ encryption_algorithms: ['aws:kms'] }), message: 'aws:kms' },
    { name: 'SSE-S3 by default', input: bucket({ encryption_algorithms: ['AES256'] }) },
  ],
  fail: [{ name: 'no default encryption rule', input: bucket({ encryption_algorithms: [] }), message: 'b1' }],
  error: [
    {
      name: 'encryption configuration unreadable',
      input: bucket({ encryption_algorithms: null, unknown_facts: { encryption: 'AccessDenied: no' } }),
      message: 'AccessDenied',
    },
  ],
});

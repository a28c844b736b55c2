import aclsNotUsed from '../../../src/checks/aws/s3/bucket-acls-not-used.js';
import kms from '../../../src/checks/aws/s3/bucket-encrypted-with-kms.js';
import notifications from '../../../src/checks/aws/s3/bucket-event-notifications-enabled.js';
import lifecycle from '../../../src/checks/aws/s3/bucket-lifecycle-configured.js';
import publicRead from '../../../src/checks/aws/s3/bucket-no-public-read-access.js';
import publicWrite from '../../../src/checks/aws/s3/bucket-no-public-write-access.js';
import objectLock from '../../../src/checks/aws/s3/bucket-object-lock-enabled.js';
import crossAccount from '../../../src/checks/aws/s3/bucket-policy-no-cross-account-admin-actions.js';
import versioning from '../../../src/checks/aws/s3/bucket-versioning-enabled.js';
import versionedLifecycle from '../../../src/checks/aws/s3/versioned-bucket-has-lifecycle.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope, unreadable } from './scope.js';

const bucket = (ext: Record<string, unknown>, name = 'b1') => rec('aws.s3.bucket', ext, { name });

checkTester(versioning, {
  pass: [{ name: 'enabled', input: bucket({ versioning_status: 'Enabled' }) }],
  fail: [
    { name: 'never enabled', input: bucket({ versioning_status: 'Disabled' }), message: 'disabled' },
    { name: 'suspended', input: bucket({ versioning_status: 'Suspended' }), message: 'suspended' },
  ],
  error: [
    {
      name: 'unreadable',
      input: bucket({ versioning_status: null, unknown_facts: { versioning: 'AccessDenied: no' } }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(lifecycle, {
  pass: [{ name: 'enabled rule', input: bucket({ lifecycle_enabled: true, lifecycle_rules: 1 }) }],
  fail: [
    { name: 'no configuration', input: bucket({ lifecycle_enabled: false, lifecycle_rules: 0 }) },
    { name: 'only disabled rules', input: bucket({ lifecycle_enabled: false, lifecycle_rules: 2 }) },
  ],
  error: [
    {
      name: 'unreadable',
      input: bucket({ lifecycle_enabled: null, unknown_facts: { lifecycle: 'AccessDenied: no' } }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(versionedLifecycle, {
  pass: [
    {
      name: 'versioned with a rule',
      input: bucket({ versioning_status: 'Enabled', lifecycle_enabled: true }),
    },
  ],
  fail: [
    { name: 'versioned, no rule', input: bucket({ versioning_status: 'Enabled', lifecycle_enabled: false }) },
  ],
  error: [
    { name: 'versioning unknown', input: bucket({ versioning_status: null, lifecycle_enabled: true }) },
    { name: 'lifecycle unknown', input: bucket({ versioning_status: 'Enabled', lifecycle_enabled: null }) },
  ],
  not_applicable: [
    { name: 'not versioned', input: bucket({ versioning_status: 'Disabled', lifecycle_enabled: false }) },
  ],
});

checkTester(notifications, {
  pass: [
    {
      name: 'to EventBridge',
      input: bucket({ event_notifications: ['eventbridge'] }),
      message: 'eventbridge',
    },
  ],
  fail: [{ name: 'none', input: bucket({ event_notifications: [] }) }],
  error: [{ name: 'unreadable', input: bucket({ event_notifications: null }) }],
});

checkTester(aclsNotUsed, {
  pass: [
    {
      name: 'ACLs disabled',
      input: bucket({ acl_user_grants: [], object_ownership: 'BucketOwnerEnforced' }),
      message: 'BucketOwnerEnforced',
    },
    { name: 'owner-only ACL', input: bucket({ acl_user_grants: [], object_ownership: 'ObjectWriter' }) },
  ],
  fail: [
    {
      name: 'log delivery grant',
      input: bucket({
        acl_user_grants: ['http://acs.amazonaws.com/groups/s3/LogDelivery WRITE'],
        object_ownership: null,
      }),
      message: 'LogDelivery',
    },
  ],
  error: [
    {
      name: 'unreadable',
      input: bucket({ acl_user_grants: null, unknown_facts: { acl: 'AccessDenied: no' } }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(objectLock, {
  pass: [
    {
      name: 'enabled with retention',
      input: bucket({ object_lock_enabled: true, object_lock_mode: 'COMPLIANCE' }),
      message: 'COMPLIANCE',
    },
  ],
  fail: [{ name: 'not enabled', input: bucket({ object_lock_enabled: false, object_lock_mode: null }) }],
  error: [{ name: 'unreadable', input: bucket({ object_lock_enabled: null }) }],
});

checkTester(kms, {
  pass: [
    { name: 'SSE-KMS', input: bucket({ encryption_algorithms: ['aws:kms'] }) },
    { name: 'DSSE-KMS', input: bucket({ encryption_algorithms: ['aws:kms:dsse'] }) },
  ],
  fail: [
    { name: 'SSE-S3', input: bucket({ encryption_algorithms: ['AES256'] }), message: 'AES256' },
    { name: 'none', input: bucket({ encryption_algorithms: [] }), message: 'no default encryption' },
  ],
  error: [{ name: 'unreadable', input: bucket({ encryption_algorithms: null }) }],
});

checkTester(crossAccount, {
  pass: [{ name: 'nothing for other accounts', input: bucket({ policy_cross_account_actions: [] }) }],
  fail: [
    {
      name: 'PutBucketPolicy for another account',
      input: bucket({ policy_cross_account_actions: ['s3:PutBucketPolicy'] }),
      message: 's3:PutBucketPolicy',
    },
  ],
  error: [{ name: 'policy unreadable', input: bucket({ policy_cross_account_actions: null }) }],
});

const allOn = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const allOff = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const account = (flags: Record<string, boolean> | null) =>
  rec('aws.s3.account_public_access_block', { flags });
const exposed = (access: 'read' | 'write', over: Record<string, unknown>) =>
  bucket({
    public_access_block: allOff,
    [`policy_public_${access}`]: false,
    [`acl_public_${access}`]: false,
    ...over,
  });

for (const [check, access] of [
  [publicRead, 'read'],
  [publicWrite, 'write'],
] as const) {
  checkTester(check, {
    pass: [
      { name: 'no public grant', input: scope([exposed(access, {}), account(allOff)]) },
      {
        name: 'public policy overridden by the account block',
        input: scope([exposed(access, { [`policy_public_${access}`]: true }), account(allOn)]),
      },
      {
        name: 'public ACL ignored by the bucket block',
        input: scope([
          exposed(access, { [`acl_public_${access}`]: true, public_access_block: allOn }),
          account(null),
        ]),
      },
    ],
    fail: [
      {
        name: 'public policy, nothing blocks it',
        input: scope([exposed(access, { [`policy_public_${access}`]: true }), account(allOff)]),
        message: 'policy',
      },
      {
        name: 'public ACL, nothing blocks it',
        input: scope([exposed(access, { [`acl_public_${access}`]: true }), account(allOff)]),
        message: 'ACL',
      },
    ],
    error: [
      {
        name: 'public policy, account block unreadable',
        input: scope([exposed(access, { [`policy_public_${access}`]: true })]),
      },
      {
        name: 'ACL unreadable',
        input: scope([exposed(access, { [`acl_public_${access}`]: null }), account(allOff)]),
      },
      {
        name: 'buckets of a region unreadable',
        input: scope([account(allOff)], '111122223333', [unreadable('aws.s3.bucket')]),
      },
    ],
  });
}

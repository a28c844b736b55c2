import accessKeysRotated from '../../../src/checks/aws/iam/access-keys-rotated.js';
import cloudshell from '../../../src/checks/aws/iam/cloudshell-full-access-restricted.js';
import consoleMfa from '../../../src/checks/aws/iam/console-users-have-mfa.js';
import neverUsedKeys from '../../../src/checks/aws/iam/no-access-keys-from-initial-setup.js';
import expiredCerts from '../../../src/checks/aws/iam/no-expired-server-certificates.js';
import fullAdmin from '../../../src/checks/aws/iam/no-full-admin-policy-attached.js';
import oneKey from '../../../src/checks/aws/iam/one-active-access-key.js';
import minLength from '../../../src/checks/aws/iam/password-policy-min-length.js';
import reuse from '../../../src/checks/aws/iam/password-policy-prevents-reuse.js';
import hardwareMfa from '../../../src/checks/aws/iam/root-account-hardware-mfa.js';
import rootKeys from '../../../src/checks/aws/iam/root-account-has-no-access-keys.js';
import rootMfa from '../../../src/checks/aws/iam/root-account-mfa-enabled.js';
import rootUsed from '../../../src/checks/aws/iam/root-account-not-used.js';
import supportRole from '../../../src/checks/aws/iam/support-role-exists.js';
import unused from '../../../src/checks/aws/iam/unused-credentials-disabled.js';
import groupsOnly from '../../../src/checks/aws/iam/user-permissions-through-groups.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope, unreadable } from './scope.js';

const summary = (ext: Record<string, unknown>) => rec('aws.iam.account_summary', ext, { name: 'root' });

checkTester(rootKeys, {
  pass: [{ name: 'no root key', input: summary({ root_access_keys_present: false }) }],
  fail: [{ name: 'root key present', input: summary({ root_access_keys_present: true }) }],
  error: [{ name: 'flag missing', input: summary({ root_access_keys_present: null }) }],
});

checkTester(rootMfa, {
  pass: [{ name: 'MFA on', input: summary({ root_mfa_enabled: true }) }],
  fail: [{ name: 'MFA off', input: summary({ root_mfa_enabled: false }) }],
  error: [{ name: 'flag missing', input: summary({}) }],
});

const rootVirtual = rec('aws.iam.virtual_mfa_device', { assigned_to_root: true });
const userVirtual = rec('aws.iam.virtual_mfa_device', { assigned_to_root: false });
checkTester(hardwareMfa, {
  pass: [
    {
      name: 'MFA on, no virtual device for root',
      input: scope([summary({ root_mfa_enabled: true }), userVirtual]),
    },
  ],
  fail: [
    { name: 'root uses a virtual device', input: scope([summary({ root_mfa_enabled: true }), rootVirtual]) },
    {
      // CIS asks for a hardware device: with no MFA at all there is none (not "not applicable")
      name: 'root has no MFA at all',
      input: scope([summary({ root_mfa_enabled: false })]),
      message: 'no MFA device at all',
    },
    {
      name: 'root virtual device found although other devices could not be read',
      input: scope([summary({ root_mfa_enabled: true }), rootVirtual], undefined, [
        unreadable('aws.iam.virtual_mfa_device', 'global'),
      ]),
    },
  ],
  error: [
    { name: 'no summary', input: scope([rootVirtual]) },
    { name: 'unknown MFA flag', input: scope([summary({})]) },
    {
      name: 'virtual devices could not be read',
      input: scope([summary({ root_mfa_enabled: true })], undefined, [
        unreadable('aws.iam.virtual_mfa_device', 'global'),
      ]),
    },
  ],
});

type Key = {
  slot: 1 | 2;
  active: boolean | null;
  age_days: number | null;
  last_used_days: number | null;
  used_known: boolean;
};
const key = (slot: 1 | 2, k: Partial<Key> = {}): Key => ({
  slot,
  active: true,
  age_days: 10,
  last_used_days: 1,
  used_known: true,
  ...k,
});
const off = (slot: 1 | 2): Key => ({
  slot,
  active: false,
  age_days: null,
  last_used_days: null,
  used_known: true,
});
const row = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.iam.credential_report',
    {
      is_root: false,
      password_enabled: true,
      password_last_used_days: 2,
      password_use_known: true,
      password_last_changed_days: 100,
      user_created_days: 400,
      mfa_active: true,
      access_keys: [key(1), off(2)],
      ...ext,
    },
    { name: 'alice' },
  );
const root = (ext: Record<string, unknown> = {}) =>
  row({ is_root: true, password_last_used_days: 200, access_keys: [off(1), off(2)], ...ext });

checkTester(rootUsed, {
  pass: [
    { name: 'root unused for 200 days', input: scope([root(), row()]) },
    { name: 'root never used', input: scope([root({ password_last_used_days: null })]) },
    {
      name: 'used 10 days ago with a 7-day window',
      input: scope([root({ password_last_used_days: 10 })]),
      params: { days: 7 },
    },
  ],
  fail: [
    {
      name: 'root signed in yesterday',
      input: scope([root({ password_last_used_days: 1 })]),
      message: 'password used 1',
    },
    {
      name: 'root key used',
      input: scope([root({ access_keys: [key(1, { last_used_days: 3 }), off(2)] })]),
      message: 'access key',
    },
  ],
  error: [
    { name: 'no root row', input: scope([row()]) },
    { name: 'password use unreadable', input: scope([root({ password_use_known: false })]) },
    {
      name: 'key use unreadable',
      input: scope([root({ access_keys: [key(1, { used_known: false }), off(2)] })]),
    },
  ],
});

const policy = (ext: Record<string, unknown>) => rec('aws.iam.password_policy', { exists: true, ...ext });
checkTester(minLength, {
  pass: [
    { name: '14 characters', input: policy({ minimum_length: 14 }) },
    { name: '20 characters', input: policy({ minimum_length: 20 }) },
    {
      name: '12 with a lower requirement',
      input: policy({ minimum_length: 12 }),
      params: { min_length: 12 },
    },
  ],
  fail: [
    {
      name: 'no policy',
      input: policy({ exists: false, minimum_length: null }),
      message: 'no password policy',
    },
    { name: '8 characters', input: policy({ minimum_length: 8 }), message: '8' },
  ],
});

checkTester(reuse, {
  pass: [{ name: '24 remembered', input: policy({ reuse_prevention: 24 }) }],
  fail: [
    { name: 'no policy', input: policy({ exists: false }) },
    { name: 'reuse not prevented', input: policy({ reuse_prevention: 0 }), message: 'does not prevent' },
    { name: '5 remembered', input: policy({ reuse_prevention: 5 }), message: 'only 5' },
  ],
});

checkTester(consoleMfa, {
  pass: [{ name: 'console user with MFA', input: row() }],
  fail: [{ name: 'console user without MFA', input: row({ mfa_active: false }), message: 'alice' }],
  error: [
    { name: 'password flag unreadable', input: row({ password_enabled: null }) },
    { name: 'MFA flag unreadable', input: row({ mfa_active: null }) },
  ],
  not_applicable: [
    { name: 'no console password', input: row({ password_enabled: false, mfa_active: false }) },
    { name: 'root row', input: root() },
  ],
});

checkTester(unused, {
  pass: [
    { name: 'password and key used recently', input: row() },
    { name: 'inactive old key is ignored', input: row({ access_keys: [off(1), off(2)] }) },
    {
      name: 'new user, password never used',
      input: row({ password_last_used_days: null, password_last_changed_days: 3 }),
    },
  ],
  fail: [
    {
      name: 'password unused 60 days',
      input: row({ password_last_used_days: 60 }),
      message: 'password last used 60',
    },
    {
      name: 'password never used in 100 days',
      input: row({ password_last_used_days: null }),
      message: 'never used',
    },
    {
      name: 'key unused 50 days',
      input: row({ access_keys: [key(1, { last_used_days: 50 }), off(2)] }),
      message: 'access key 1',
    },
    {
      name: 'key never used in 90 days',
      input: row({ access_keys: [key(1, { last_used_days: null, age_days: 90 }), off(2)] }),
    },
    { name: 'stricter window', input: row({ password_last_used_days: 20 }), params: { days: 14 } },
  ],
  error: [
    { name: 'key state unreadable', input: row({ access_keys: [key(1, { active: null }), off(2)] }) },
    { name: 'key use unreadable', input: row({ access_keys: [key(1, { used_known: false }), off(2)] }) },
    {
      name: 'password use unreadable',
      input: row({ password_last_used_days: null, password_use_known: false }),
    },
  ],
  not_applicable: [{ name: 'root row', input: root() }],
});

checkTester(accessKeysRotated, {
  pass: [{ name: 'key 10 days old', input: row() }],
  fail: [
    {
      name: 'key 200 days old',
      input: row({ access_keys: [key(1, { age_days: 200 }), off(2)] }),
      message: '200',
    },
    {
      name: 'second key old',
      input: row({ access_keys: [key(1), key(2, { age_days: 91 })] }),
      message: 'key 2',
    },
  ],
  error: [{ name: 'key age unreadable', input: row({ access_keys: [key(1, { age_days: null }), off(2)] }) }],
  not_applicable: [{ name: 'no active key', input: row({ access_keys: [off(1), off(2)] }) }],
});

checkTester(oneKey, {
  pass: [
    { name: 'one active key', input: row() },
    { name: 'no key', input: row({ access_keys: [off(1), off(2)] }) },
  ],
  fail: [{ name: 'two active keys', input: row({ access_keys: [key(1), key(2)] }), message: '2 active' }],
  error: [{ name: 'unreadable', input: row({ access_keys: null }) }],
});

checkTester(neverUsedKeys, {
  pass: [{ name: 'key used', input: row() }],
  fail: [
    {
      name: 'console user with a never-used key',
      input: row({ access_keys: [key(1, { last_used_days: null }), off(2)] }),
    },
  ],
  error: [{ name: 'use unknown', input: row({ access_keys: [key(1, { used_known: false }), off(2)] }) }],
  not_applicable: [
    {
      name: 'programmatic-only user',
      input: row({ password_enabled: false, access_keys: [key(1, { last_used_days: null }), off(2)] }),
    },
    { name: 'root row', input: root() },
  ],
});

const user = (ext: Record<string, unknown>, name = 'bob') =>
  rec('aws.iam.user', { attached_policies: [], inline_policies: [], ...ext }, { name });
checkTester(groupsOnly, {
  pass: [{ name: 'no own policies', input: user({ groups: ['devs'] }) }],
  fail: [
    {
      name: 'attached policy',
      input: user({
        attached_policies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      }),
      message: 'ReadOnlyAccess',
    },
    {
      name: 'inline policy',
      input: user({ inline_policies: [{ name: 'mine', full_admin: false }] }),
      message: 'mine (inline)',
    },
  ],
  error: [{ name: 'policies unreadable', input: user({ attached_policies: null }) }],
});

const ADMIN = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const custom = (fullAdmin: boolean | null, attachments = 1) =>
  rec(
    'aws.iam.policy',
    { full_admin: fullAdmin, attachment_count: attachments },
    {
      name: 'custom-admin',
      com: { reference: 'arn:aws:iam::111122223333:policy/custom-admin' },
    },
  );
const role = (ext: Record<string, unknown>, name = 'app') =>
  rec('aws.iam.role', { attached_policies: [], inline_policies: [], ...ext }, { name });
checkTester(fullAdmin, {
  pass: [
    { name: 'scoped policies only', input: scope([user({}), role({}), custom(false)]) },
    { name: 'admin policy that is not attached', input: scope([custom(true, 0), user({})]) },
    {
      name: 'service-linked role is skipped',
      input: scope([role({ attached_policies: [ADMIN], service_linked: true })]),
    },
  ],
  fail: [
    {
      name: 'AdministratorAccess on a role',
      input: scope([role({ attached_policies: [ADMIN] }, 'ops')]),
      message: 'AdministratorAccess',
    },
    {
      name: 'customer *:* policy on a user',
      input: scope([
        custom(true),
        user({
          attached_policies: [{ name: 'custom-admin', arn: 'arn:aws:iam::111122223333:policy/custom-admin' }],
        }),
      ]),
      message: 'custom-admin',
    },
    {
      name: 'inline *:* on a group',
      input: scope([
        rec('aws.iam.group', { attached_policies: [], inline_policies: [{ name: 'all', full_admin: true }] }),
      ]),
    },
  ],
  error: [
    { name: 'attached customer policy unreadable', input: scope([custom(null)]) },
    {
      name: 'inline policy unreadable',
      input: scope([user({ inline_policies: [{ name: 'x', full_admin: null }] })]),
    },
  ],
});

checkTester(supportRole, {
  pass: [
    {
      name: 'a role holds it',
      input: rec('aws.iam.support_access', { roles: ['support'], users: [], groups: [] }),
    },
  ],
  fail: [
    {
      name: 'only a user holds it',
      input: rec('aws.iam.support_access', { roles: [], users: ['bob'], groups: [] }),
    },
  ],
  error: [{ name: 'unreadable', input: rec('aws.iam.support_access', {}) }],
});

checkTester(expiredCerts, {
  pass: [
    {
      name: 'valid',
      input: rec('aws.iam.server_certificate', { expired: false, expires: '2099-01-01T00:00:00.000Z' }),
    },
  ],
  fail: [
    {
      name: 'expired',
      input: rec('aws.iam.server_certificate', { expired: true, expires: '2020-01-01T00:00:00.000Z' }),
      message: '2020',
    },
  ],
  error: [{ name: 'unknown expiry', input: rec('aws.iam.server_certificate', { expired: null }) }],
});

const CLOUDSHELL = {
  name: 'AWSCloudShellFullAccess',
  arn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
};
checkTester(cloudshell, {
  pass: [{ name: 'nobody has it', input: scope([user({}), role({})]) }],
  fail: [
    {
      name: 'a user has it',
      input: scope([user({ attached_policies: [CLOUDSHELL] }), role({})]),
      message: 'bob',
    },
  ],
  error: [{ name: 'unreadable attachments', input: scope([role({ attached_policies: null })]) }],
});

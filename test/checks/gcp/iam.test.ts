import keyDuties from '../../../src/checks/gcp/cloudkms/key-duties-separated.js';
import projectSaUser from '../../../src/checks/gcp/iam/no-project-level-service-account-user.js';
import saDuties from '../../../src/checks/gcp/iam/service-account-duties-separated.js';
import saKeysRotated from '../../../src/checks/gcp/iam/service-account-keys-rotated.js';
import saNoKeys from '../../../src/checks/gcp/iam/service-account-no-user-managed-keys.js';
import saNotAdmin from '../../../src/checks/gcp/iam/service-account-not-admin.js';
import auditLogs from '../../../src/checks/gcp/logging/audit-logs-all-services.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import serviceAccount from '../../../src/providers/gcp/resources/iam-service-account.js';
import projectPolicy from '../../../src/providers/gcp/resources/resourcemanager-project-iam-policy.js';
import { checkTester } from '../../helpers/check-tester.js';
import { daysAgo, IAM_POLICIES } from '../../providers/gcp/estate.js';
import { inventory, ofType, recordsOf } from './records.js';

const policyRecords = (policy: Record<string, unknown>) => recordsOf(projectPolicy, { item: policy });
const binding = (role: string, member: string): ResourceRecord => {
  const [r] = ofType(policyRecords({ bindings: [{ role, members: [member] }] }), 'gcp.iam.binding');
  if (!r) throw new Error('no binding record');
  return r;
};
const policyOf = (policy: Record<string, unknown>): ResourceRecord => {
  const [r] = ofType(policyRecords(policy), 'gcp.resourcemanager.project_iam_policy');
  if (!r) throw new Error('no policy record');
  return r;
};
const unreadableBinding = (): ResourceRecord => {
  const b = binding('roles/owner', 'user:a@x.example');
  return { ...b, ext: { record_type: 'gcp.iam.binding' } };
};

checkTester(saNotAdmin, {
  pass: [
    {
      name: 'a service account with a narrow role',
      input: binding('roles/storage.objectViewer', 'serviceAccount:app@p.iam.gserviceaccount.com'),
    },
  ],
  fail: [
    {
      name: 'Editor',
      input: binding('roles/editor', 'serviceAccount:deployer@p.iam.gserviceaccount.com'),
      message: 'roles/editor',
    },
    {
      name: 'an admin role',
      input: binding('roles/compute.admin', 'serviceAccount:ci@p.iam.gserviceaccount.com'),
    },
    { name: 'Owner', input: binding('roles/owner', 'serviceAccount:ci@p.iam.gserviceaccount.com') },
  ],
  error: [{ name: 'a binding that could not be read', input: unreadableBinding() }],
  not_applicable: [
    { name: 'a user', input: binding('roles/owner', 'user:alice@shop.example') },
    {
      name: 'the Google APIs service agent',
      input: binding('roles/editor', 'serviceAccount:123@cloudservices.gserviceaccount.com'),
    },
  ],
});

checkTester(projectSaUser, {
  pass: [{ name: 'another role', input: binding('roles/viewer', 'user:bob@shop.example') }],
  fail: [
    {
      name: 'Service Account User on the project',
      input: binding('roles/iam.serviceAccountUser', 'user:bob@shop.example'),
      message: 'bob',
    },
    {
      name: 'Token Creator on the project',
      input: binding('roles/iam.serviceAccountTokenCreator', 'group:ops@shop.example'),
    },
  ],
  error: [{ name: 'a binding that could not be read', input: unreadableBinding() }],
});

const bindings = (pairs: [string, string][]) =>
  ofType(policyRecords({ bindings: pairs.map(([role, m]) => ({ role, members: [m] })) }), 'gcp.iam.binding');

checkTester(saDuties, {
  pass: [
    {
      name: 'admin and user held by different people',
      input: inventory(
        bindings([
          ['roles/iam.serviceAccountAdmin', 'user:a@x.example'],
          ['roles/iam.serviceAccountUser', 'user:b@x.example'],
        ]),
      ),
    },
  ],
  fail: [
    {
      name: 'one person holds both',
      input: inventory(
        bindings([
          ['roles/iam.serviceAccountAdmin', 'user:b@x.example'],
          ['roles/iam.serviceAccountUser', 'user:b@x.example'],
        ]),
      ),
      message: 'user:b@x.example',
    },
  ],
  error: [{ name: 'the policy could not be read', input: inventory([], ['gcp.iam.binding']) }],
});

checkTester(keyDuties, {
  pass: [
    { name: 'KMS admin only', input: inventory(bindings([['roles/cloudkms.admin', 'user:c@x.example']])) },
  ],
  fail: [
    {
      name: 'admin and encrypter/decrypter',
      input: inventory(
        bindings([
          ['roles/cloudkms.admin', 'user:c@x.example'],
          ['roles/cloudkms.cryptoKeyDecrypter', 'user:c@x.example'],
        ]),
      ),
      message: 'roles/cloudkms.cryptoKeyDecrypter',
    },
  ],
  error: [{ name: 'the policy could not be read', input: inventory([], ['gcp.iam.binding']) }],
});

const sa = (keys: unknown) =>
  recordsOf(serviceAccount, {
    item: {
      name: 'projects/p/serviceAccounts/app@p.iam.gserviceaccount.com',
      email: 'app@p.iam.gserviceaccount.com',
    },
    keys,
  })[0] as ResourceRecord;
const key = (id: string, age: number) => ({
  name: `projects/p/serviceAccounts/app@p.iam.gserviceaccount.com/keys/${id}`,
  validAfterTime: daysAgo(age),
  keyType: 'USER_MANAGED',
});

checkTester(saNoKeys, {
  pass: [
    { name: 'no user-managed key', input: sa({}) },
    { name: 'not found (no keys)', input: sa(null) },
  ],
  fail: [{ name: 'a user-managed key', input: sa({ keys: [key('k1', 3)] }), message: 'k1' }],
  error: [
    {
      name: 'keys that could not be listed',
      input: sa({ __error: 'PERMISSION_DENIED: denied (HTTP 403)' }),
      message: 'PERMISSION_DENIED',
    },
  ],
});

checkTester(saKeysRotated, {
  pass: [{ name: 'a key of 10 days', input: sa({ keys: [key('k1', 10)] }) }],
  fail: [{ name: 'a key of 200 days', input: sa({ keys: [key('k1', 10), key('k2', 200)] }), message: 'k2' }],
  error: [
    { name: 'keys that could not be listed', input: sa({ __error: 'PERMISSION_DENIED: denied (HTTP 403)' }) },
  ],
  not_applicable: [{ name: 'no user-managed key', input: sa({}) }],
});

const ALL = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'].map((logType) => ({ logType }));
checkTester(auditLogs, {
  pass: [
    {
      name: 'every log type for all services',
      input: inventory([policyOf(IAM_POLICIES['shop-dev'] as Record<string, unknown>)]),
    },
  ],
  fail: [
    {
      name: 'DATA_READ missing',
      input: inventory([policyOf(IAM_POLICIES['shop-prod'] as Record<string, unknown>)]),
      message: 'DATA_READ',
    },
    { name: 'no audit config', input: inventory([policyOf({ bindings: [] })]) },
    {
      name: 'an exempted member',
      input: inventory([
        policyOf({
          auditConfigs: [
            {
              service: 'allServices',
              auditLogConfigs: [
                ...ALL.slice(0, 2),
                { logType: 'DATA_WRITE', exemptedMembers: ['user:x@y.example'] },
              ],
            },
          ],
        }),
      ]),
      message: 'user:x@y.example',
    },
  ],
  error: [
    {
      name: 'facts missing',
      input: inventory([{ ...policyOf({}), ext: { record_type: 'gcp.resourcemanager.project_iam_policy' } }]),
    },
    {
      name: 'the policy could not be read',
      input: inventory([], ['gcp.resourcemanager.project_iam_policy']),
    },
  ],
});

import diskExportRestricted from '../../../src/checks/azure/compute/disk-export-restricted.js';
import diskExportUrl from '../../../src/checks/azure/compute/disk-export-url-inactive.js';
import publicIpAttached from '../../../src/checks/azure/network/public-ip-attached.js';
import deleteLock from '../../../src/checks/azure/storage/account-delete-lock.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';
import { SUBSCRIPTION, subscription } from './scope.js';

const SUB = `/subscriptions/${SUBSCRIPTION}`;
const ACCOUNT_ID = `${SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/shopdata`;

const rec = (type: string, name: string, ext: Record<string, unknown>, reference?: string) =>
  makeResource({
    cloud: 'azure',
    type,
    extType: type,
    name,
    ext,
    com: { account: SUBSCRIPTION, ...(reference ? { reference } : {}) },
  });

const disk = (ext: Record<string, unknown>) => rec('azure.compute.disk', 'vm-web-01_OsDisk', ext);
const ip = (ext: Record<string, unknown>) => rec('azure.network.public_ip', 'old-lb-ip', ext);
const account = rec('azure.storage.account', 'shopdata', { kind: 'StorageV2' }, ACCOUNT_ID);
const lock = (name: string, level: string, scope: string) =>
  rec(
    'azure.authorization.lock',
    name,
    { level, scope },
    `${scope}/providers/Microsoft.Authorization/locks/${name}`,
  );

checkTester(diskExportRestricted, {
  pass: [{ name: 'DenyAll', input: disk({ exportable_from_any_network: false }), message: 'private link' }],
  fail: [
    {
      name: 'AllowAll (the default)',
      input: disk({ exportable_from_any_network: true }),
      message: 'from any network',
    },
  ],
  error: [{ name: 'a record without the fact', input: disk({}), message: 'exportable_from_any_network' }],
});

checkTester(diskExportUrl, {
  pass: [{ name: 'Attached, no SAS', input: disk({ export_url_active: false }), message: 'no live' }],
  fail: [{ name: 'ActiveSAS', input: disk({ export_url_active: true }), message: 'live SAS export URL' }],
  error: [{ name: 'no disk state in the answer', input: disk({ export_url_active: null }) }],
});

checkTester(publicIpAttached, {
  pass: [
    { name: 'on a network interface', input: ip({ attached: true }), message: 'attached to a resource' },
  ],
  fail: [{ name: 'on nothing', input: ip({ attached: false }), message: 'attached to nothing' }],
  error: [{ name: 'a record without the fact', input: ip({}) }],
});

checkTester(deleteLock, {
  pass: [
    {
      name: 'a CanNotDelete lock on the account',
      input: subscription([account, lock('keep', 'CanNotDelete', ACCOUNT_ID)]),
      message: 'CanNotDelete lock keep',
    },
    {
      name: 'a ReadOnly lock on its resource group (different case)',
      input: subscription([account, lock('frozen', 'ReadOnly', `${SUB}/resourcegroups/DATA`)]),
      message: 'ReadOnly lock frozen',
    },
    {
      name: 'a lock on the subscription',
      input: subscription([account, lock('all', 'CanNotDelete', SUB)]),
    },
  ],
  fail: [
    { name: 'no lock', input: subscription([account]), message: 'no lock stops its deletion' },
    {
      name: 'a lock on another group whose name starts the same',
      input: subscription([account, lock('other', 'CanNotDelete', `${SUB}/resourceGroups/dat`)]),
    },
  ],
  error: [
    {
      name: 'the locks could not be read',
      input: subscription([account], ['azure.authorization.lock']),
      message: 'AuthorizationFailed',
    },
  ],
});

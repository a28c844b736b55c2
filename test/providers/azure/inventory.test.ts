import { describe, expect, it } from 'vitest';
import { rgId, subscriptionRoutes } from './estate.js';
import {
  diskListKey,
  lockListKey,
  managedDisk,
  managementLock,
  publicIp,
  publicIpListKey,
} from './estate-inventory.js';
import { armError, armList } from './fixture-server.js';
import { azureFixtureForFile, collectType, fixtureProvider, SUB_A } from './helpers.js';

const fx = azureFixtureForFile(() => subscriptionRoutes([[SUB_A, 'Production']]));

const collect = (type: string) => collectType(fixtureProvider(fx), type);

describe('azure.compute.disk', () => {
  it('reads every managed disk over a paged list: state, owner, export network, live export URLs', async () => {
    fx.routes[diskListKey(SUB_A)] = armList(
      [
        managedDisk(SUB_A, 'web', 'vm-web-01_OsDisk', { vm: 'vm-web-01', networkAccessPolicy: 'DenyAll' }),
        managedDisk(SUB_A, 'web', 'old-data', {}),
        managedDisk(SUB_A, 'web', 'exported', {
          state: 'ActiveSAS',
          networkAccessPolicy: 'AllowAll',
          publicNetworkAccess: 'Enabled',
        }),
      ],
      { pageSize: 2 },
    );
    const { records, errors } = await collect('azure.compute.disk');
    expect(errors).toEqual([]);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.attached,
        r.ext.exportable_from_any_network,
        r.ext.export_url_active,
        r.ext.managed_by,
      ]),
    ).toEqual([
      [
        'vm-web-01_OsDisk',
        true,
        false,
        false,
        `${rgId(SUB_A, 'web')}/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
      ],
      // no networkAccessPolicy in the answer: Azure's default, AllowAll
      ['old-data', false, true, false, null],
      ['exported', true, true, true, null],
    ]);
    expect(records[0]?.ext.encryption_type).toBe('EncryptionAtRestWithPlatformKey');
    expect(fx.refused).toEqual([]);
    expect(fx.requests.filter((r) => r.path.endsWith('/disks')).length).toBe(2);
  });
});

describe('azure.network.public_ip', () => {
  it('names what each public IP is attached to, or nothing', async () => {
    const nic = `${rgId(SUB_A, 'web')}/providers/Microsoft.Network/networkInterfaces/vm-web-01-nic`;
    fx.routes[publicIpListKey(SUB_A)] = armList([
      publicIp(SUB_A, 'web', 'vm-web-01-ip', `${nic}/ipConfigurations/ipconfig1`),
      publicIp(SUB_A, 'web', 'spare-ip'),
    ]);
    const { records } = await collect('azure.network.public_ip');
    expect(records.map((r) => [r.com.name, r.ext.attached, r.ext.attached_to, r.ext.sku])).toEqual([
      ['vm-web-01-ip', true, nic, 'Standard'],
      ['spare-ip', false, null, 'Standard'],
    ]);
    expect(records[0]?.ext.ip_address).toBe('20.31.44.7');
  });
});

describe('azure.authorization.lock', () => {
  it('reads each lock with its level and the scope it protects', async () => {
    const account = `${rgId(SUB_A, 'data')}/providers/Microsoft.Storage/storageAccounts/shopdata`;
    fx.routes[lockListKey(SUB_A)] = armList([
      managementLock(account, 'keep-shopdata', 'CanNotDelete'),
      managementLock(rgId(SUB_A, 'network'), 'frozen', 'ReadOnly'),
    ]);
    const { records } = await collect('azure.authorization.lock');
    expect(records.map((r) => [r.com.name, r.ext.level, r.ext.scope, r.com.region])).toEqual([
      ['keep-shopdata', 'CanNotDelete', account, 'global'],
      ['frozen', 'ReadOnly', rgId(SUB_A, 'network'), 'global'],
    ]);
  });

  it('a refused list is the collection error, with Azure’s code, never an empty list', async () => {
    fx.routes[lockListKey(SUB_A)] = armError(
      403,
      'AuthorizationFailed',
      "The client does not have authorization to perform action 'Microsoft.Authorization/locks/read'.",
    );
    const { collection } = await collect('azure.authorization.lock');
    expect(collection?.error).toContain('AuthorizationFailed');
    expect(collection?.items).toBeUndefined();
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_API_VERSION } from '../../src/providers/azure/resources/storage-account.js';
import type { AzureRecollector } from '../../src/watch/azure-collect-one.js';
import { rawMatches, targetsOf } from '../../src/watch/resource-ids.js';
import {
  bastionHost,
  ROLE,
  roleAssignment,
  roleAssignmentsKey,
  storageAccount,
  virtualMachine,
  vmRoutes,
  webSite,
  webSiteRoutes,
} from '../providers/azure/estate.js';
import { type AzureFixture, armError, armList } from '../providers/azure/fixture-server.js';
import { SUB_A } from '../providers/azure/helpers.js';
import { activityEvent, startRecheckFixture } from './azure-recheck.js';

const activity = (operation: string, resourceId: string) => activityEvent(operation, resourceId, 'storage');

let fx: AzureFixture;
let recollector: AzureRecollector;
beforeAll(async () => {
  ({ fx, recollector } = await startRecheckFixture());
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => fx.reset());

describe('an Azure re-check from an Activity Log event', () => {
  const account = storageAccount(SUB_A, 'data', 'proddata', { supportsHttpsTrafficOnly: false });

  it('finds the storage account the event changed, and reads only it, by id', async () => {
    const [target] = targetsOf(activity('MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE', account.id.toUpperCase()));
    expect(target).toMatchObject({
      cloud: 'azure',
      type: 'azure.storage.account',
      id: account.id.toLowerCase(),
      account: SUB_A,
    });
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = { body: account };
    const col = await recollector.collectOne(target as never);
    expect(col?.items?.map((i) => (i.item as { name: string }).name)).toEqual(['proddata']);
    expect(rawMatches('azure.storage.account', col?.items?.[0] as never, target?.id as string)).toBe(true);
    // one GET of the resource and its blob and file service settings, no list of the subscription
    const id = account.id.toLowerCase();
    expect(fx.requests.map((r) => r.path.toLowerCase())).toEqual([
      id,
      `${id}/blobservices/default`,
      `${id}/fileservices/default`,
    ]);
  });

  it('reports a deleted resource as gone, and a denied read as an error', async () => {
    const target = {
      cloud: 'azure' as const,
      type: 'azure.storage.account',
      id: account.id.toLowerCase(),
      account: SUB_A,
      region: 'global',
    };
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = armError(
      404,
      'ResourceNotFound',
      "The Resource 'Microsoft.Storage/storageAccounts/proddata' under resource group 'data' was not found.",
    );
    expect((await recollector.collectOne(target))?.items).toEqual([]);
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = armError(
      403,
      'AuthorizationFailed',
      'no',
    );
    expect((await recollector.collectOne(target))?.error).toMatch(
      /^Microsoft\.Storage\/storageAccounts\/read: AuthorizationFailed/,
    );
  });
});

describe('re-checks of virtual machines, App Service apps, Bastion hosts and role assignments', () => {
  it('a VM write re-reads that VM by id, with its OS disk', async () => {
    const vm = virtualMachine(SUB_A, 'web', 'vm-web', { patched: false });
    const [target] = targetsOf(activity('MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE', vm.id.toUpperCase()));
    expect(target).toMatchObject({ type: 'azure.compute.vm', id: vm.id.toLowerCase(), account: SUB_A });
    const routes = vmRoutes(SUB_A, [{ vm, cmk: false }]);
    fx.routes[`arm ${vm.id}?api-version=2024-07-01`] = { body: vm };
    for (const [k, v] of Object.entries(routes)) if (k.includes('/disks/')) fx.routes[k] = v;
    const col = await recollector.collectOne(target as never);
    expect(col?.items?.map((i) => (i.item as { name: string }).name)).toEqual(['vm-web']);
    const disk = vm.properties.storageProfile.osDisk.managedDisk.id.toLowerCase();
    expect(fx.requests.map((r) => r.path.toLowerCase())).toEqual([vm.id.toLowerCase(), disk]);
  });

  it('a site config write re-reads that app by id, with its config and diagnostic settings', async () => {
    const site = webSite(SUB_A, 'web', 'shop');
    const [target] = targetsOf(
      activity('Microsoft.Web/sites/config/write', `${site.id}/config/web`.toUpperCase()),
    );
    expect(target).toMatchObject({ type: 'azure.web.site', id: site.id.toLowerCase() });
    Object.assign(fx.routes, webSiteRoutes(SUB_A, [{ site, good: true }]));
    fx.routes[`arm ${site.id}?api-version=2023-12-01`] = { body: site };
    const col = await recollector.collectOne(target as never);
    expect(col?.items).toHaveLength(1);
    const id = site.id.toLowerCase();
    expect(fx.requests.map((r) => r.path.toLowerCase()).sort()).toEqual(
      [id, `${id}/config/web`, `${id}/providers/microsoft.insights/diagnosticsettings`].sort(),
    );
  });

  it('a Bastion host delete reads it by id and finds it gone', async () => {
    const host = bastionHost(SUB_A, 'hub', 'hub-bastion');
    const [target] = targetsOf(activity('Microsoft.Network/bastionHosts/delete', host.id));
    expect(target).toMatchObject({ type: 'azure.network.bastion_host', id: host.id.toLowerCase() });
    fx.routes[`arm ${host.id}?api-version=2024-05-01`] = armError(
      404,
      'ResourceNotFound',
      "The Resource 'Microsoft.Network/bastionHosts/hub-bastion' under resource group 'hub' was not found.",
    );
    expect((await recollector.collectOne(target as never))?.items).toEqual([]);
  });

  it('a role assignment change re-reads the whole assignment list of the subscription', async () => {
    const targets = targetsOf(
      activity(
        'Microsoft.Authorization/roleAssignments/write',
        `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments/0cbd037f-0000-4000-8000-000000000001`,
      ),
    );
    const target = targets.find((t) => t.type === 'azure.authorization.role_assignment');
    expect(target).toMatchObject({ id: '*', account: SUB_A });
    fx.routes[roleAssignmentsKey(SUB_A)] = armList([
      roleAssignment(`/subscriptions/${SUB_A}`, ROLE.owner, '0cbd037f-0000-4000-8000-000000000001'),
    ]);
    const col = await recollector.collectOne(target as never);
    expect(col?.items).toHaveLength(1);
    expect(fx.requests.map((r) => r.query.get('$filter'))).toEqual(['atScope()']);
  });
});

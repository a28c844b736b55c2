import { describe, expect, it } from 'vitest';
import {
  bastionHost,
  bastionListKey,
  ROLE,
  roleAssignment,
  roleAssignmentsKey,
  rootRoleAssignmentsKey,
  subscriptionRoutes,
  virtualMachine,
  vmRoutes,
  webSite,
  webSiteRoutes,
} from './estate.js';
import { armError, armList } from './fixture-server.js';
import { azureFixtureForFile, collectType, fixtureProvider, SUB_A } from './helpers.js';

const fx = azureFixtureForFile();

const collect = (type: string, facts?: string[]) => collectType(fixtureProvider(fx), type, facts);

describe('azure.compute.vm', () => {
  it('reads every VM over a paged list, and the encryption of each managed OS disk', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      vmRoutes(SUB_A, [
        { vm: virtualMachine(SUB_A, 'web', 'vm-good', { patched: true }), cmk: true },
        { vm: virtualMachine(SUB_A, 'web', 'vm-bad', { os: 'Windows', patched: false }), cmk: false },
      ]),
    );
    const { collection, records, errors } = await collect('azure.compute.vm');
    expect(collection?.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.os_type,
        r.ext.os_disk_encryption_type,
        r.com.os_disk_encrypted,
        r.ext.patch_assessment_mode,
        r.ext.periodic_update_assessment,
      ]),
    ).toEqual([
      ['vm-good', 'Linux', 'EncryptionAtRestWithCustomerKey', true, 'AutomaticByPlatform', true],
      ['vm-bad', 'Windows', 'EncryptionAtRestWithPlatformKey', false, 'ImageDefault', false],
    ]);
    // 2 list pages (one VM a page) + 1 disk GET per VM
    expect(fx.requests.filter((r) => r.path.includes('Microsoft.Compute'))).toHaveLength(4);
    expect(fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('skips the disk reads when the selected checks only read the patch settings', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      vmRoutes(SUB_A, [{ vm: virtualMachine(SUB_A, 'web', 'vm-good', { patched: true }), cmk: true }]),
    );
    const { records } = await collect('azure.compute.vm', ['periodic_update_assessment']);
    expect(records[0]?.ext.periodic_update_assessment).toBe(true);
    expect(fx.requests.filter((r) => r.path.includes('/disks/'))).toEqual([]);
  });

  it('a disk it may not read leaves the encryption unknown with the reason, never "encrypted"', async () => {
    const vm = virtualMachine(SUB_A, 'web', 'vm-locked', { patched: true });
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      vmRoutes(SUB_A, [{ vm, cmk: true }]),
    );
    const disk = vm.properties.storageProfile.osDisk.managedDisk.id;
    fx.routes[`arm ${disk}?api-version=2024-03-02`] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Compute/disks/read' over scope '${disk}'.`,
    );
    const { records } = await collect('azure.compute.vm');
    expect(records[0]?.com.os_disk_encrypted).toBeNull();
    expect(JSON.stringify(records[0]?.ext.unknown_facts)).toContain('AuthorizationFailed');
  });
});

describe('azure.web.site', () => {
  it('reads each app with its web config and diagnostic settings, keeping no publishing data', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      webSiteRoutes(SUB_A, [
        { site: webSite(SUB_A, 'web', 'shop-good'), good: true },
        {
          site: webSite(SUB_A, 'web', 'shop-bad', { httpsOnly: false, clientCertEnabled: false }),
          good: false,
        },
      ]),
    );
    const { collection, records, errors } = await collect('azure.web.site');
    expect(errors).toEqual([]);
    expect(
      records.map((r) => [
        r.com.name,
        r.com.min_tls_version,
        r.com.https_only,
        r.ext.ftps_state,
        r.ext.http20_enabled,
        r.ext.remote_debugging_enabled,
        r.ext.client_cert_enabled,
        r.ext.http_logs_enabled,
      ]),
    ).toEqual([
      ['shop-good', '1.2', true, 'Disabled', true, false, true, true],
      ['shop-bad', '1.0', false, 'AllAllowed', false, true, false, false],
    ]);
    expect(JSON.stringify(collection)).not.toContain('publishingUsername');
    expect(JSON.stringify(collection)).not.toContain('ipSecurityRestrictions');
    // the subscriptions list, the root group and its descendants, the apps list, and per app
    // its config/web and its diagnostic settings list
    expect(fx.requests).toHaveLength(1 + 2 + 1 + 2 * 2);
  });

  it('diagnostic settings it may not read leave http_logs_enabled unknown, the rest still read', async () => {
    const site = webSite(SUB_A, 'web', 'shop-locked');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      webSiteRoutes(SUB_A, [{ site, good: true }]),
    );
    fx.routes[
      `arm ${site.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`
    ] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'microsoft.insights/diagnosticSettings/read' over scope '${site.id}'.`,
    );
    const { records } = await collect('azure.web.site');
    expect(records[0]?.ext.http_logs_enabled).toBeNull();
    expect(JSON.stringify(records[0]?.ext.unknown_facts)).toContain('AuthorizationFailed');
    expect(records[0]?.com.min_tls_version).toBe('1.2');
  });
});

describe('role assignments and Bastion hosts', () => {
  it('lists the assignments over the subscription (atScope) with their role and principal', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
    fx.routes[roleAssignmentsKey(SUB_A)] = armList(
      [
        roleAssignment(`/subscriptions/${SUB_A}`, ROLE.owner, '0cbd037f-0000-4000-8000-000000000001'),
        roleAssignment(
          '/providers/Microsoft.Management/managementGroups/platform',
          ROLE.owner,
          '11be1c9d-0000-4000-8000-000000000002',
          'Group',
        ),
      ],
      { pageSize: 1 },
    );
    const { records, errors } = await collect('azure.authorization.role_assignment');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.ext.role_name, r.ext.principal_type, r.ext.scope])).toEqual([
      ['Owner', 'User', `/subscriptions/${SUB_A}`],
      ['Owner', 'Group', '/providers/Microsoft.Management/managementGroups/platform'],
    ]);
    expect(
      fx.requests.filter((r) => r.path.endsWith('roleAssignments')).map((r) => r.query.get('$filter')),
    ).toEqual(['atScope()', 'atScope()']);
  });

  it('reads the root assignments once for the tenant; a 403 there is an error, not an empty list', async () => {
    fx.routes[rootRoleAssignmentsKey] = armList([
      roleAssignment('/', ROLE.userAccessAdministrator, 'a1b2c3d4-0000-4000-8000-000000000003'),
    ]);
    const ok = await collect('azure.authorization.root_role_assignment');
    expect(ok.records.map((r) => [r.ext.role_name, r.ext.at_root])).toEqual([
      ['User Access Administrator', true],
    ]);
    fx.reset();
    fx.routes[rootRoleAssignmentsKey] = armError(
      403,
      'AuthorizationFailed',
      "The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/'.",
    );
    const denied = await collect('azure.authorization.root_role_assignment');
    expect(denied.collection?.error).toContain('AuthorizationFailed');
    expect(denied.collection?.items).toBeUndefined();
  });

  it('lists Bastion hosts with the virtual network they serve', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
    fx.routes[bastionListKey(SUB_A)] = armList([bastionHost(SUB_A, 'hub', 'hub-bastion')]);
    const { records } = await collect('azure.network.bastion_host');
    expect(records.map((r) => [r.com.name, r.ext.virtual_networks])).toEqual([
      [
        'hub-bastion',
        [`/subscriptions/${SUB_A}/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub`],
      ],
    ]);
  });
});

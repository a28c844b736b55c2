import { describe, expect, it } from 'vitest';
import { AZURE, normalise, one, rules } from './helpers.js';

const SUB = '/subscriptions/00000000-1111-2222-3333-444444444444';
const ERR = { __error: 'AuthorizationFailed: no read permission' };
const rg = (name: string) => `${SUB}/resourceGroups/${name}`;

describe('azure.network.nsg', () => {
  const nsgId = `${rg('net')}/providers/Microsoft.Network/networkSecurityGroups/web-nsg`;
  const rule = (name: string, props: Record<string, unknown>) => ({
    name,
    id: `${nsgId}/securityRules/${name}`,
    properties: {
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      sourceAddressPrefixes: [],
      destinationPortRanges: [],
      access: 'Allow',
      direction: 'Inbound',
      ...props,
    },
  });
  const nsg = {
    id: nsgId,
    name: 'web-nsg',
    location: 'West Europe',
    tags: { env: 'prod' },
    properties: {
      securityRules: [
        rule('ssh-anywhere', { sourceAddressPrefix: '*', destinationPortRange: '22', priority: 100 }),
        rule('https', {
          sourceAddressPrefix: 'Internet',
          destinationPortRanges: ['443', '8443-8444'],
          priority: 110,
        }),
        rule('deny-rdp', {
          protocol: '*',
          sourceAddressPrefixes: ['10.0.0.0/8', '192.168.0.0/16'],
          destinationPortRange: '3389',
          access: 'Deny',
          priority: 120,
        }),
      ],
      defaultSecurityRules: [
        rule('DenyAllInBound', {
          protocol: '*',
          sourceAddressPrefix: '*',
          destinationPortRange: '*',
          access: 'Deny',
          priority: 65500,
        }),
      ],
    },
  };

  it('yields the NSG and one rule record per security rule, default rules included', () => {
    const out = normalise('azure.network.nsg', { item: nsg }, AZURE);
    expect(out[0]?.com).toMatchObject({
      record_type: 'firewall',
      reference: nsgId,
      region: 'westeurope',
      tags: { env: 'prod' },
    });
    const r = rules(out);
    expect(r).toHaveLength(4);
    expect(r[0]?.com).toMatchObject({
      reference: `${nsgId}#inbound/ssh-anywhere/*`,
      direction: 'inbound',
      access: 'allow',
      protocol: 'tcp',
      source_addresses: ['*'],
      destination_ports: ['22'],
      firewall: nsgId,
      priority: 100,
    });
    expect(r[1]?.com.destination_ports).toEqual(['443', '8443-8444']);
    expect(r[2]?.com).toMatchObject({
      access: 'deny',
      protocol: 'all',
      source_addresses: ['10.0.0.0/8', '192.168.0.0/16'],
    });
    expect(r[3]?.com).toMatchObject({ priority: 65500, destination_ports: ['0-65535'] });
    expect(r[3]?.ext).toMatchObject({ record_type: 'azure.network.nsg_rule', default_rule: true });
  });

  it('rejects a rule whose direction cannot be read, naming the rule', () => {
    const bad = { ...nsg, properties: { securityRules: [rule('odd', { direction: 'Sideways' })] } };
    expect(() => normalise('azure.network.nsg', { item: bad }, AZURE)).toThrow(
      /securityRules\[0\]\.properties\.direction must be Inbound or Outbound/,
    );
  });

  it('throws when id or a rule name is missing', () => {
    expect(() => normalise('azure.network.nsg', { item: { name: 'x' } }, AZURE)).toThrow(
      /azure\.network\.nsg: missing required field item\.id/,
    );
    const noName = { ...nsg, properties: { securityRules: [{ properties: {} }] } };
    expect(() => normalise('azure.network.nsg', { item: noName }, AZURE)).toThrow(/securityRules\[0\]\.name/);
  });
});

describe('azure.compute.vm', () => {
  const diskId = `${rg('app')}/providers/Microsoft.Compute/disks/app-vm_OsDisk_1`;
  const vm = (extra: Record<string, unknown> = {}) => ({
    id: `${rg('app')}/providers/Microsoft.Compute/virtualMachines/app-vm`,
    name: 'app-vm',
    location: 'eastus',
    properties: {
      vmId: 'a1b2c3d4-0000-0000-0000-000000000001',
      hardwareProfile: { vmSize: 'Standard_B2s' },
      storageProfile: { osDisk: { osType: 'Linux', managedDisk: { id: diskId } } },
      instanceView: { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/running' }] },
      ...extra,
    },
  });
  const disk = (encryption: Record<string, unknown>, ade?: boolean) => ({
    id: diskId,
    name: 'app-vm_OsDisk_1',
    properties: {
      encryption,
      ...(ade === undefined ? {} : { encryptionSettingsCollection: { enabled: ade } }),
    },
  });

  it('counts a customer-managed key or Azure Disk Encryption as encrypted', () => {
    const cmk = one(
      'azure.compute.vm',
      { item: vm(), osDisk: disk({ type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: 'des' }) },
      AZURE,
    );
    expect(cmk.com).toMatchObject({
      record_type: 'compute',
      os_disk_encrypted: true,
      state: 'running',
      region: 'eastus',
    });
    const ade = one(
      'azure.compute.vm',
      { item: vm(), osDisk: disk({ type: 'EncryptionAtRestWithPlatformKey' }, true) },
      AZURE,
    );
    expect(ade.com.os_disk_encrypted).toBe(true);
    const host = one(
      'azure.compute.vm',
      { item: vm({ securityProfile: { encryptionAtHost: true } }), osDisk: null },
      AZURE,
    );
    expect(host.com.os_disk_encrypted).toBe(true);
  });

  it('treats platform-key-only as not encrypted, and an unread disk as unknown', () => {
    const pmk = one(
      'azure.compute.vm',
      { item: vm(), osDisk: disk({ type: 'EncryptionAtRestWithPlatformKey' }) },
      AZURE,
    );
    expect(pmk.com.os_disk_encrypted).toBe(false);
    expect(one('azure.compute.vm', { item: vm(), osDisk: null }, AZURE).com.os_disk_encrypted).toBeNull();
    const failed = one('azure.compute.vm', { item: vm(), osDisk: ERR }, AZURE);
    expect(failed.com.os_disk_encrypted).toBeNull();
    expect(failed.ext.unknown_facts).toEqual({ osDisk: ERR.__error });
  });

  it('throws when name is missing', () => {
    const { name: _drop, ...noName } = vm();
    expect(() => normalise('azure.compute.vm', { item: noName }, AZURE)).toThrow(
      /azure\.compute\.vm: missing required field item\.name/,
    );
  });
});

describe('azure.sql.server', () => {
  const server = (props: Record<string, unknown>) => ({
    id: `${rg('data')}/providers/Microsoft.Sql/servers/orders-sql`,
    name: 'orders-sql',
    location: 'eastus',
    properties: { version: '12.0', state: 'Ready', ...props },
  });

  it('enforces TLS when a minimal version is set', () => {
    const r = one(
      'azure.sql.server',
      { item: server({ minimalTlsVersion: '1.2', publicNetworkAccess: 'Disabled' }) },
      AZURE,
    );
    expect(r.com).toMatchObject({
      engine: 'sqlserver',
      tls_enforced: true,
      min_tls_version: '1.2',
      publicly_accessible: false,
      storage_encrypted: null,
    });
  });

  it('is not enforced for "None"; an absent access flag is null; a wrong-typed one is refused', () => {
    const r = one('azure.sql.server', { item: server({ minimalTlsVersion: 'None' }) }, AZURE);
    expect(r.com).toMatchObject({ tls_enforced: false, min_tls_version: '1.0', publicly_accessible: null });
    expect(() =>
      normalise(
        'azure.sql.server',
        { item: server({ minimalTlsVersion: 'None', publicNetworkAccess: 42 }) },
        AZURE,
      ),
    ).toThrow('azure.sql.server: properties.publicNetworkAccess: expected a string, got number');
  });

  it('throws when id is missing', () => {
    expect(() => normalise('azure.sql.server', { item: { name: 'x', properties: {} } }, AZURE)).toThrow(
      /item\.id/,
    );
  });
});

for (const [type, provider, engine] of [
  ['azure.postgresql.server', 'Microsoft.DBforPostgreSQL', 'postgres'],
  ['azure.mysql.server', 'Microsoft.DBforMySQL', 'mysql'],
] as const) {
  describe(type, () => {
    const server = (props: Record<string, unknown>) => ({
      id: `${rg('data')}/providers/${provider}/servers/legacy-db`,
      name: 'legacy-db',
      location: 'East US',
      properties: { userVisibleState: 'Ready', publicNetworkAccess: 'Enabled', ...props },
    });

    it('reads sslEnforcement and minimalTlsVersion', () => {
      const r = one(
        type,
        { item: server({ sslEnforcement: 'Enabled', minimalTlsVersion: 'TLS1_2' }) },
        AZURE,
      );
      expect(r.com).toMatchObject({
        engine,
        tls_enforced: true,
        min_tls_version: '1.2',
        storage_encrypted: true,
        publicly_accessible: true,
        region: 'eastus',
      });
      const off = one(
        type,
        { item: server({ sslEnforcement: 'Disabled', minimalTlsVersion: 'TLSEnforcementDisabled' }) },
        AZURE,
      );
      expect(off.com).toMatchObject({ tls_enforced: false, min_tls_version: '1.0' });
    });

    it('turns an unknown sslEnforcement value into null', () => {
      expect(one(type, { item: server({ sslEnforcement: 'Sometimes' }) }, AZURE).com.tls_enforced).toBeNull();
    });

    it('throws when id is missing', () => {
      expect(() => normalise(type, { item: { name: 'x' } }, AZURE)).toThrow(
        new RegExp(`${type}: missing required field item\\.id`),
      );
    });
  });
}

describe('azure.postgresql.flexible_server', () => {
  const item = {
    id: `${rg('data')}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-flex`,
    name: 'pg-flex',
    location: 'eastus',
    properties: { version: '16', state: 'Ready', network: { publicNetworkAccess: 'Disabled' } },
  };
  const param = (name: string, value: string) => ({ name, properties: { value, source: 'system-default' } });

  it('reads require_secure_transport from the configurations', () => {
    const r = one(
      'azure.postgresql.flexible_server',
      {
        item,
        parameters: [param('require_secure_transport', 'on'), param('ssl_min_protocol_version', 'TLSv1.2')],
      },
      AZURE,
    );
    expect(r.com).toMatchObject({ tls_enforced: true, min_tls_version: '1.2', publicly_accessible: false });
    const off = one(
      'azure.postgresql.flexible_server',
      { item, parameters: { value: [param('require_secure_transport', 'off')] } },
      AZURE,
    );
    expect(off.com.tls_enforced).toBe(false);
  });

  it('is unknown when the configurations were not read', () => {
    expect(
      one('azure.postgresql.flexible_server', { item, parameters: ERR }, AZURE).com.tls_enforced,
    ).toBeNull();
    expect(
      one('azure.postgresql.flexible_server', { item, parameters: null }, AZURE).com.tls_enforced,
    ).toBeNull();
  });

  it('throws when name is missing', () => {
    expect(() => normalise('azure.postgresql.flexible_server', { item: { id: item.id } }, AZURE)).toThrow(
      /item\.name/,
    );
  });
});

describe('azure.monitor.log_profile', () => {
  const profile = (retentionPolicy: unknown) => ({
    id: `${SUB}/providers/microsoft.insights/logprofiles/default`,
    name: 'default',
    location: null,
    tags: null,
    properties: {
      categories: ['Write', 'Delete', 'Action'],
      locations: ['global', 'eastus'],
      retentionPolicy,
    },
  });

  it('reads the retention policy; disabled means kept forever', () => {
    const r = one('azure.monitor.log_profile', { item: profile({ enabled: true, days: 365 }) }, AZURE);
    expect(r.com).toMatchObject({
      record_type: 'log_profile',
      region: 'global',
      retention_days: 365,
      retention_enabled: true,
      tags: {},
    });
    expect(r.ext).toMatchObject({ all_categories: true, covers_global: true });
    const forever = one('azure.monitor.log_profile', { item: profile({ enabled: false, days: 0 }) }, AZURE);
    expect(forever.com).toMatchObject({ retention_days: 0, retention_enabled: false });
  });

  it('is unknown without a readable retention policy', () => {
    const r = one('azure.monitor.log_profile', { item: profile(undefined) }, AZURE);
    expect(r.com).toMatchObject({ retention_days: null, retention_enabled: null });
  });

  it('throws when id is missing', () => {
    expect(() => normalise('azure.monitor.log_profile', { item: { name: 'default' } }, AZURE)).toThrow(
      /item\.id/,
    );
  });
});

describe('azure.web.site', () => {
  const site = {
    id: `${rg('web')}/providers/Microsoft.Web/sites/shop`,
    name: 'shop',
    kind: 'app',
    location: 'East US',
    properties: { state: 'Running', httpsOnly: true, siteConfig: null },
  };

  it('reads minTlsVersion from the web config and httpsOnly from the site', () => {
    const r = one(
      'azure.web.site',
      { item: site, config: { properties: { minTlsVersion: '1.2', ftpsState: 'Disabled' } } },
      AZURE,
    );
    expect(r.com).toMatchObject({ record_type: 'web_app', min_tls_version: '1.2', https_only: true });
    const old = one(
      'azure.web.site',
      { item: site, config: { properties: { minTlsVersion: '1.0' } } },
      AZURE,
    );
    expect(old.com.min_tls_version).toBe('1.0');
  });

  it('is unknown when the config could not be read', () => {
    const r = one('azure.web.site', { item: site, config: ERR }, AZURE);
    expect(r.com.min_tls_version).toBeNull();
    // the diagnostic settings were not read either: whether HTTP logs go anywhere is unknown too
    expect(r.ext.unknown_facts).toEqual({
      config: ERR.__error,
      http_logs_enabled: 'diagnostics was not collected',
    });
    expect(r.ext.http_logs_enabled).toBeNull();
  });

  it('throws when id is missing', () => {
    expect(() => normalise('azure.web.site', { item: { name: 'shop' } }, AZURE)).toThrow(
      /azure\.web\.site: .*item\.id/,
    );
  });
});

describe('azure.storage.account', () => {
  const account = (props: Record<string, unknown>) => ({
    id: `${rg('data')}/providers/Microsoft.Storage/storageAccounts/acmedata`,
    name: 'acmedata',
    kind: 'StorageV2',
    location: 'eastus',
    properties: {
      encryption: {
        services: { blob: { enabled: true }, file: { enabled: true } },
        keySource: 'Microsoft.Storage',
      },
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      ...props,
    },
  });

  it('reads encryption and public blob access', () => {
    const r = one('azure.storage.account', { item: account({ allowBlobPublicAccess: false }) }, AZURE);
    expect(r.com).toMatchObject({
      record_type: 'storage',
      encrypted: true,
      public_access: false,
      versioning: null,
    });
    expect(r.ext).toMatchObject({
      https_only: true,
      minimum_tls_version: '1.2',
      customer_managed_key: false,
    });
    expect(
      one('azure.storage.account', { item: account({ allowBlobPublicAccess: true }) }, AZURE).com
        .public_access,
    ).toBe(true);
  });

  it('is unknown when the flags are absent', () => {
    const r = one('azure.storage.account', { item: account({ encryption: undefined }) }, AZURE);
    expect(r.com).toMatchObject({ encrypted: null, public_access: null });
  });

  it('throws when id is missing', () => {
    expect(() => normalise('azure.storage.account', { item: { name: 'x' } }, AZURE)).toThrow(/item\.id/);
  });
});

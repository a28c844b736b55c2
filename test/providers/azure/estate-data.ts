import { MYSQL_FLEXIBLE_API_VERSION } from '../../../src/providers/azure/resources/mysql-flexible-server.js';
import { NETWORK_API_VERSION } from '../../../src/providers/azure/resources/network-nsg.js';
import { POSTGRESQL_FLEXIBLE_API_VERSION } from '../../../src/providers/azure/resources/postgresql-flexible-server.js';
import { SQL_API_VERSION } from '../../../src/providers/azure/resources/sql-server.js';
import { rgId } from './estate.js';
import { armList, type FixtureRoutes } from './fixture-server.js';

/**
 * The database and network-logging part of the test estate, in Azure's answer shapes: Azure SQL
 * servers (2021-11-01) with their auditing policy, TDE protector, Entra admins and firewall
 * rules; PostgreSQL (2022-12-01) and MySQL (2023-12-30) flexible servers with their
 * configurations and firewall rules; virtual networks, network watchers and flow logs
 * (2024-05-01). Shapes follow the REST API specifications' examples and the recorded exchanges
 * in ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl.
 */

const q = (v: string) => `?api-version=${v}`;

/** An Azure SQL server as GET .../Microsoft.Sql/servers lists it; `over` replaces properties. */
export function sqlServer(sub: string, rg: string, name: string, over: Record<string, unknown> = {}) {
  return {
    kind: 'v12.0',
    properties: {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: `${name}.database.windows.net`,
      privateEndpointConnections: [],
      minimalTlsVersion: '1.2',
      publicNetworkAccess: 'Disabled',
      restrictOutboundNetworkAccess: 'Disabled',
      ...over,
    },
    location: 'westeurope',
    tags: { team: 'data' },
    id: `${rgId(sub, rg)}/providers/Microsoft.Sql/servers/${name}`,
    name,
    type: 'Microsoft.Sql/servers',
  };
}

/** How a planted SQL server is set: compliant, everything wrong, or only its audit retention short. */
export type SqlPlant = 'good' | 'bad' | 'short_retention';

export const BAD_SQL_SETTINGS = { minimalTlsVersion: 'None', publicNetworkAccess: 'Enabled' };

/** The checks the `bad` SQL server breaks. */
export const SQL_CHECKS = [
  'azure.sql.server_auditing_enabled',
  'azure.sql.server_tde_customer_managed_key',
  'azure.sql.server_entra_admin_configured',
  'azure.sql.server_no_firewall_rule_open_to_internet',
  'azure.sql.server_azure_services_access_disabled',
  'azure.sql.server_public_network_access_disabled',
  'azure.sql.server_min_tls_1_2',
  'common.database.tls_enforced',
];

const firewallRule = (parent: string, kind: string, name: string, start: string, end: string) => ({
  properties: { startIpAddress: start, endIpAddress: end },
  id: `${parent}/firewallRules/${name}`,
  name,
  type: kind,
});

/** The per-server reads of Azure SQL servers. */
export function sqlServerRoutes(
  sub: string,
  servers: { server: { id: string }; plant: SqlPlant }[],
  pageSize = 2,
): FixtureRoutes {
  const v = q(SQL_API_VERSION);
  const routes: FixtureRoutes = {
    [`arm /subscriptions/${sub}/providers/Microsoft.Sql/servers${v}`]: armList(
      servers.map((s) => s.server),
      { pageSize },
    ),
  };
  for (const { server, plant } of servers) {
    const bad = plant === 'bad';
    routes[`arm ${server.id}/auditingSettings/default${v}`] = {
      body: {
        properties: {
          retentionDays: plant === 'short_retention' ? 30 : bad ? 0 : 90,
          auditActionsAndGroups: bad
            ? []
            : [
                'SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP',
                'FAILED_DATABASE_AUTHENTICATION_GROUP',
                'BATCH_COMPLETED_GROUP',
              ],
          isStorageSecondaryKeyInUse: false,
          isAzureMonitorTargetEnabled: !bad,
          isManagedIdentityInUse: false,
          state: bad ? 'Disabled' : 'Enabled',
          storageEndpoint: bad ? '' : 'https://auditlogs.blob.core.windows.net/',
          storageAccountSubscriptionId: '00000000-0000-0000-0000-000000000000',
        },
        id: `${server.id}/auditingSettings/Default`,
        name: 'Default',
        type: 'Microsoft.Sql/servers/auditingSettings',
      },
    };
    routes[`arm ${server.id}/encryptionProtector/current${v}`] = {
      body: bad
        ? {
            kind: 'servicemanaged',
            properties: {
              serverKeyName: 'ServiceManaged',
              serverKeyType: 'ServiceManaged',
              autoRotationEnabled: false,
            },
            id: `${server.id}/encryptionProtector/current`,
            name: 'current',
            type: 'Microsoft.Sql/servers/encryptionProtector',
          }
        : {
            kind: 'azurekeyvault',
            properties: {
              serverKeyName: 'kvgood_tde-key_0a1b2c3d4e5f',
              serverKeyType: 'AzureKeyVault',
              uri: 'https://kvgood.vault.azure.net/keys/tde-key/0a1b2c3d4e5f',
              autoRotationEnabled: true,
            },
            id: `${server.id}/encryptionProtector/current`,
            name: 'current',
            type: 'Microsoft.Sql/servers/encryptionProtector',
          },
    };
    routes[`arm ${server.id}/administrators${v}`] = armList(
      bad
        ? []
        : [
            {
              properties: {
                administratorType: 'ActiveDirectory',
                login: 'sql-admins',
                sid: '00000000-0000-4000-8000-0000000000d1',
                tenantId: '00000000-0000-0000-0000-0000000000a1',
              },
              id: `${server.id}/administrators/ActiveDirectory`,
              name: 'ActiveDirectory',
              type: 'Microsoft.Sql/servers/administrators',
            },
          ],
    );
    const rule = (name: string, start: string, end: string) =>
      firewallRule(server.id, 'Microsoft.Sql/servers/firewallRules', name, start, end);
    routes[`arm ${server.id}/firewallRules${v}`] = armList(
      bad
        ? [
            rule('AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0'),
            rule('everyone', '0.0.0.0', '255.255.255.255'),
            rule('office', '203.0.113.0', '203.0.113.255'),
          ]
        : [rule('office', '203.0.113.0', '203.0.113.255')],
    );
  }
  return routes;
}

/** A PostgreSQL or MySQL flexible server as the list answers it. */
export function flexibleServer(
  engine: 'postgresql' | 'mysql',
  sub: string,
  rg: string,
  name: string,
  publicAccess = 'Enabled',
) {
  const provider = engine === 'postgresql' ? 'Microsoft.DBforPostgreSQL' : 'Microsoft.DBforMySQL';
  const domain = engine === 'postgresql' ? 'postgres.database.azure.com' : 'mysql.database.azure.com';
  return {
    sku: { name: 'Standard_D2ds_v4', tier: 'GeneralPurpose' },
    properties: {
      dataEncryption: { type: 'SystemManaged' },
      storage: { storageSizeGB: 128, autoGrow: 'Disabled' },
      ...(engine === 'postgresql'
        ? { authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled' } }
        : {}),
      fullyQualifiedDomainName: `${name}.${domain}`,
      version: engine === 'postgresql' ? '16' : '8.0.21',
      administratorLogin: 'dbadmin',
      state: 'Ready',
      availabilityZone: '1',
      backup: {
        backupRetentionDays: 7,
        geoRedundantBackup: 'Disabled',
        earliestRestoreDate: '2026-11-29T08:00:00Z',
      },
      network: { publicNetworkAccess: publicAccess },
      highAvailability: { mode: 'Disabled' },
    },
    location: 'westeurope',
    tags: {},
    id: `${rgId(sub, rg)}/providers/${provider}/flexibleServers/${name}`,
    name,
    type: `${provider}/flexibleServers`,
  };
}

/** Server parameters, compliant and planted wrong, per engine (name -> [good, bad]). */
export const FLEXIBLE_PARAMETERS = {
  postgresql: {
    require_secure_transport: ['on', 'off'],
    ssl_min_protocol_version: ['TLSv1.2', 'TLSv1'],
    log_checkpoints: ['on', 'off'],
    'connection_throttle.enable': ['on', 'off'],
    'logfiles.retention_days': ['7', '3'],
    max_connections: ['859', '859'],
    shared_buffers: ['131072', '131072'],
  },
  mysql: {
    require_secure_transport: ['ON', 'OFF'],
    tls_version: ['TLSv1.2,TLSv1.3', 'TLSv1,TLSv1.1,TLSv1.2'],
    audit_log_enabled: ['ON', 'OFF'],
    audit_log_events: ['CONNECTION,DDL', 'DDL,DCL'],
    max_connections: ['1365', '1365'],
  },
} as const;

/** The checks a `bad` flexible server breaks, per engine. */
export const FLEXIBLE_CHECKS = {
  postgresql: [
    'azure.postgresql.flexible_server_min_tls_1_2',
    'azure.postgresql.flexible_server_log_checkpoints',
    'azure.postgresql.flexible_server_connection_throttling',
    'azure.postgresql.flexible_server_log_retention_over_3_days',
    'azure.postgresql.flexible_server_azure_services_access_disabled',
    'azure.postgresql.flexible_server_no_firewall_rule_open_to_internet',
    'common.database.tls_enforced',
  ],
  mysql: [
    'azure.mysql.flexible_server_min_tls_1_2',
    'azure.mysql.flexible_server_audit_log_enabled',
    'azure.mysql.flexible_server_audit_log_connection_events',
    'azure.mysql.flexible_server_azure_services_access_disabled',
    'azure.mysql.flexible_server_no_firewall_rule_open_to_internet',
    'common.database.tls_enforced',
  ],
};

export const flexibleApiVersion = (engine: 'postgresql' | 'mysql') =>
  engine === 'postgresql' ? POSTGRESQL_FLEXIBLE_API_VERSION : MYSQL_FLEXIBLE_API_VERSION;

export const flexibleListKey = (engine: 'postgresql' | 'mysql', sub: string) =>
  `arm /subscriptions/${sub}/providers/${engine === 'postgresql' ? 'Microsoft.DBforPostgreSQL' : 'Microsoft.DBforMySQL'}/flexibleServers${q(flexibleApiVersion(engine))}`;

/** The list of flexible servers of one engine and, per server, its configurations (3 a page) and firewall rules. */
export function flexibleServerRoutes(
  engine: 'postgresql' | 'mysql',
  sub: string,
  servers: { server: { id: string; type: string }; good: boolean }[],
): FixtureRoutes {
  const v = q(flexibleApiVersion(engine));
  const routes: FixtureRoutes = { [flexibleListKey(engine, sub)]: armList(servers.map((s) => s.server)) };
  for (const { server, good } of servers) {
    const params = Object.entries(FLEXIBLE_PARAMETERS[engine]).map(([name, [ok, wrong]]) => ({
      properties: {
        value: good ? ok : wrong,
        description: `The ${name} server parameter.`,
        defaultValue: ok,
        dataType: 'Enumeration',
        source: good ? 'system-default' : 'user-override',
        isDynamicConfig: true,
        isReadOnly: false,
        isConfigPendingRestart: false,
      },
      id: `${server.id}/configurations/${name}`,
      name,
      type: `${server.type}/configurations`,
    }));
    routes[`arm ${server.id}/configurations${v}`] = armList(params, { pageSize: 3 });
    const rule = (name: string, start: string, end: string) =>
      firewallRule(server.id, `${server.type}/firewallRules`, name, start, end);
    routes[`arm ${server.id}/firewallRules${v}`] = armList(
      good
        ? [rule('office', '203.0.113.0', '203.0.113.255')]
        : [
            rule('AllowAllAzureServicesAndResourcesWithinAzureIps_2026-11-30_8-0-0', '0.0.0.0', '0.0.0.0'),
            rule('everyone', '0.0.0.0', '255.255.255.255'),
          ],
    );
  }
  return routes;
}

/**
 * A virtual network as GET .../virtualNetworks lists it; subnets name their NSG or none;
 * `ddosPlan` (a DDoS protection plan id) turns DDoS Network Protection on.
 */
export function virtualNetwork(
  sub: string,
  rg: string,
  name: string,
  region: string,
  subnets: [name: string, nsg: string | null][],
  ddosPlan?: string,
) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworks/${name}`;
  return {
    name,
    id,
    etag: 'W/"00000000-0000-0000-0000-0000000000e1"',
    type: 'Microsoft.Network/virtualNetworks',
    location: region,
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '00000000-0000-4000-8000-0000000000e1',
      addressSpace: { addressPrefixes: ['10.10.0.0/16'] },
      subnets: subnets.map(([subnet, nsg], i) => ({
        name: subnet,
        id: `${id}/subnets/${subnet}`,
        etag: 'W/"00000000-0000-0000-0000-0000000000e1"',
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: `10.10.${i}.0/24`,
          ...(nsg
            ? {
                networkSecurityGroup: {
                  id: `${rgId(sub, rg)}/providers/Microsoft.Network/networkSecurityGroups/${nsg}`,
                },
              }
            : {}),
          delegations: [],
          privateEndpointNetworkPolicies: 'Disabled',
          privateLinkServiceNetworkPolicies: 'Enabled',
        },
        type: 'Microsoft.Network/virtualNetworks/subnets',
      })),
      virtualNetworkPeerings: [],
      enableDdosProtection: ddosPlan !== undefined,
      ...(ddosPlan ? { ddosProtectionPlan: { id: ddosPlan } } : {}),
    },
  };
}

/** A network watcher (one per region, in NetworkWatcherRG). */
export function networkWatcher(sub: string, region: string) {
  return {
    name: `NetworkWatcher_${region}`,
    id: `${rgId(sub, 'NetworkWatcherRG')}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_${region}`,
    etag: 'W/"00000000-0000-0000-0000-0000000000f1"',
    type: 'Microsoft.Network/networkWatchers',
    location: region,
    tags: {},
    properties: { provisioningState: 'Succeeded' },
  };
}

/** A flow log below a watcher; `retention` null turns the retention policy off. */
export function flowLog(
  watcher: { id: string; location: string },
  name: string,
  targetId: string,
  retention: number | null,
  analytics = true,
) {
  const sub = /\/subscriptions\/([^/]+)/.exec(watcher.id)?.[1] as string;
  return {
    name,
    id: `${watcher.id}/flowLogs/${name}`,
    etag: 'W/"00000000-0000-0000-0000-0000000000f2"',
    type: 'Microsoft.Network/networkWatchers/flowLogs',
    location: watcher.location,
    properties: {
      provisioningState: 'Succeeded',
      targetResourceId: targetId,
      targetResourceGuid: '00000000-0000-4000-8000-0000000000f3',
      storageId: `${rgId(sub, 'monitoring')}/providers/Microsoft.Storage/storageAccounts/flowlogs`,
      enabled: true,
      flowAnalyticsConfiguration: {
        networkWatcherFlowAnalyticsConfiguration: {
          enabled: analytics,
          workspaceId: '00000000-0000-4000-8000-0000000000f4',
          workspaceRegion: watcher.location,
          workspaceResourceId: `${rgId(sub, 'monitoring')}/providers/Microsoft.OperationalInsights/workspaces/central`,
          trafficAnalyticsInterval: 10,
        },
      },
      retentionPolicy: retention === null ? { days: 0, enabled: false } : { days: retention, enabled: true },
      format: { type: 'JSON', version: 2 },
    },
  };
}

export const networkListKey = (sub: string, what: 'virtualNetworks' | 'networkWatchers') =>
  `arm /subscriptions/${sub}/providers/Microsoft.Network/${what}${q(NETWORK_API_VERSION)}`;

/** The virtual networks, watchers and each watcher's flow logs of a subscription. */
export function networkLoggingRoutes(
  sub: string,
  vnets: ReturnType<typeof virtualNetwork>[],
  watchers: { watcher: ReturnType<typeof networkWatcher>; flowLogs: ReturnType<typeof flowLog>[] }[],
): FixtureRoutes {
  const routes: FixtureRoutes = {
    [networkListKey(sub, 'virtualNetworks')]: armList(vnets),
    [networkListKey(sub, 'networkWatchers')]: armList(watchers.map((w) => w.watcher)),
  };
  for (const { watcher, flowLogs } of watchers)
    routes[`arm ${watcher.id}/flowLogs${q(NETWORK_API_VERSION)}`] = armList(flowLogs, { pageSize: 2 });
  return routes;
}

/** A DDoS protection plan's id (plans may sit in another subscription than the networks they cover). */
export const ddosPlanId = (sub: string) =>
  `${rgId(sub, 'net')}/providers/Microsoft.Network/ddosProtectionPlans/ddos-plan`;

/** Empty lists of every database and network-logging type, for a subscription that has none. */
export function emptyDataRoutes(sub: string): FixtureRoutes {
  return {
    [`arm /subscriptions/${sub}/providers/Microsoft.Sql/servers${q(SQL_API_VERSION)}`]: armList([]),
    [flexibleListKey('postgresql', sub)]: armList([]),
    [flexibleListKey('mysql', sub)]: armList([]),
    ...networkLoggingRoutes(sub, [], []),
  };
}

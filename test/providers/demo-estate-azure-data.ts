import type { Json } from '../../src/providers/normalise-kit.js';
import { flexibleServer, flowLog, networkWatcher, virtualNetwork } from './azure/estate-data.js';

/**
 * The demo's Azure databases and network logging, as raw items (the list item and each
 * per-item answer): SQL server settings, flexible server parameters and firewall rules,
 * virtual networks, network watchers and flow logs, each check with a passing and a failing
 * example.
 */

const rule = (parent: string, type: string, name: string, start: string, end: string) => ({
  properties: { startIpAddress: start, endIpAddress: end },
  id: `${parent}/firewallRules/${name}`,
  name,
  type: `${type}/firewallRules`,
});

/** An Azure SQL server's per-server answers: compliant, everything wrong, or audit records kept 30 days. */
export function sqlDetails(raw: Json, plant: 'good' | 'bad' | 'short_retention'): Json {
  const item = raw.item as { id: string };
  const bad = plant === 'bad';
  return {
    ...raw,
    auditing: {
      id: `${item.id}/auditingSettings/Default`,
      name: 'Default',
      properties: {
        state: bad ? 'Disabled' : 'Enabled',
        retentionDays: plant === 'short_retention' ? 30 : bad ? 0 : 180,
        isAzureMonitorTargetEnabled: !bad,
        storageEndpoint: bad ? '' : 'https://acmeactivitylogs.blob.core.windows.net/',
        auditActionsAndGroups: bad
          ? []
          : [
              'SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP',
              'FAILED_DATABASE_AUTHENTICATION_GROUP',
              'BATCH_COMPLETED_GROUP',
            ],
      },
    },
    encryptionProtector: {
      kind: bad ? 'servicemanaged' : 'azurekeyvault',
      id: `${item.id}/encryptionProtector/current`,
      name: 'current',
      type: 'Microsoft.Sql/servers/encryptionProtector',
      properties: bad
        ? { serverKeyName: 'ServiceManaged', serverKeyType: 'ServiceManaged' }
        : {
            serverKeyName: 'acme-keys_sql-tde_7c1d',
            serverKeyType: 'AzureKeyVault',
            uri: 'https://acme-keys.vault.azure.net/keys/sql-tde/7c1d',
            autoRotationEnabled: true,
          },
    },
    administrators: bad
      ? []
      : [
          {
            id: `${item.id}/administrators/ActiveDirectory`,
            name: 'ActiveDirectory',
            type: 'Microsoft.Sql/servers/administrators',
            properties: {
              administratorType: 'ActiveDirectory',
              login: 'acme-dba',
              sid: '00000000-0000-4000-8000-00000000dba1',
              tenantId: '00000000-0000-4000-8000-0000000000a1',
            },
          },
        ],
    firewallRules: bad
      ? [
          rule(item.id, 'Microsoft.Sql/servers', 'AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0'),
          rule(item.id, 'Microsoft.Sql/servers', 'temp-anyone', '0.0.0.0', '255.255.255.255'),
        ]
      : [rule(item.id, 'Microsoft.Sql/servers', 'office', '203.0.113.0', '203.0.113.255')],
  };
}

const PG_PARAMETERS: Record<string, [good: string, bad: string]> = {
  ssl_min_protocol_version: ['TLSv1.2', 'TLSv1'],
  log_checkpoints: ['on', 'off'],
  'connection_throttle.enable': ['on', 'off'],
  'logfiles.retention_days': ['7', '3'],
};

const MYSQL_PARAMETERS: Record<string, [good: string, bad: string]> = {
  require_secure_transport: ['ON', 'OFF'],
  tls_version: ['TLSv1.2,TLSv1.3', 'TLSv1.1,TLSv1.2'],
  audit_log_enabled: ['ON', 'OFF'],
  audit_log_events: ['CONNECTION,DDL,DCL', 'DDL'],
};

function parameters(id: string, type: string, table: Record<string, [string, string]>, good: boolean) {
  return Object.entries(table).map(([name, [ok, wrong]]) => ({
    id: `${id}/configurations/${name}`,
    name,
    type: `${type}/configurations`,
    properties: {
      value: good ? ok : wrong,
      defaultValue: ok,
      source: good ? 'system-default' : 'user-override',
    },
  }));
}

function firewall(id: string, type: string, good: boolean) {
  return good
    ? [rule(id, type, 'office', '203.0.113.0', '203.0.113.255')]
    : [
        rule(
          id,
          type,
          'AllowAllAzureServicesAndResourcesWithinAzureIps_2025-2-24_6-0-0',
          '0.0.0.0',
          '0.0.0.0',
        ),
        rule(id, type, 'debug-anyone', '0.0.0.0', '255.255.255.255'),
      ];
}

/** A PostgreSQL flexible server of the demo with every parameter the checks read (its require_secure_transport kept). */
export function pgDetails(raw: Json, good: boolean): Json {
  const item = raw.item as { id: string; type: string };
  const kept = (raw.parameters as Json[]).filter((p) => p.name === 'require_secure_transport');
  return {
    ...raw,
    parameters: [...kept, ...parameters(item.id, item.type, PG_PARAMETERS, good)],
    firewallRules: firewall(item.id, item.type, good),
  };
}

/** MySQL flexible servers: a compliant one and one left open and unaudited. */
export function mysqlFlexibleServers(sub: string): Json[] {
  return (
    [
      ['acme-mysql-orders', true],
      ['acme-mysql-wiki', false],
    ] as const
  ).map(([name, good]) => {
    const item = {
      ...flexibleServer('mysql', sub, 'shop-rg', name),
      location: 'eastus',
      tags: { app: name },
    };
    return {
      item,
      parameters: parameters(item.id, item.type, MYSQL_PARAMETERS, good),
      firewallRules: firewall(item.id, item.type, good),
    };
  });
}

/**
 * Production's networks: a hub in eastus with an NSG on every subnet and DDoS Network
 * Protection, a spoke in westeurope with a subnet left without one, no DDoS protection plan
 * and no network watcher in its region; flow logs of NSGs and
 * virtual networks, one of each kept long enough and one not.
 */
export function networkLogging(sub: string): [type: string, items: Json[]][] {
  const hub = virtualNetwork(
    sub,
    'net-rg',
    'acme-hub-vnet',
    'eastus',
    [
      ['web', 'prod-web-nsg'],
      ['GatewaySubnet', null],
      ['dbw-public', 'prod-web-nsg'],
      ['dbw-private', 'prod-web-nsg'],
    ],
    `/subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/ddosProtectionPlans/acme-ddos`,
  );
  const spoke = virtualNetwork(sub, 'net-rg', 'acme-batch-vnet', 'westeurope', [
    ['batch', 'prod-web-nsg'],
    ['scratch', null],
  ]);
  const watcher = networkWatcher(sub, 'eastus');
  const nsg = (name: string) =>
    `/subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/networkSecurityGroups/${name}`;
  return [
    ['azure.network.virtual_network', [hub, spoke].map((item) => ({ item }))],
    ['azure.network.watcher', [{ item: watcher }]],
    [
      'azure.network.flow_log',
      [
        flowLog(watcher, 'acme-web-nsg-flows', nsg('prod-web-nsg'), 90),
        flowLog(watcher, 'acme-legacy-nsg-flows', nsg('prod-legacy-nsg'), 14, false),
        flowLog(watcher, 'acme-hub-vnet-flows', hub.id, null),
        flowLog(watcher, 'acme-batch-vnet-flows', spoke.id, 7, false),
      ].map((item) => ({ item })),
    ],
  ];
}

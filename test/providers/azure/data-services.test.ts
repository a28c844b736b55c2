import { describe, expect, it } from 'vitest';
import { azurePolicy } from '../../../src/providers/azure/policy.js';
import { SQL_API_VERSION } from '../../../src/providers/azure/resources/sql-server.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { subscriptionRoutes } from './estate.js';
import {
  BAD_SQL_SETTINGS,
  flexibleServer,
  flexibleServerRoutes,
  flowLog,
  networkLoggingRoutes,
  networkWatcher,
  sqlServer,
  sqlServerRoutes,
  virtualNetwork,
} from './estate-data.js';
import { armError } from './fixture-server.js';
import { azureFixtureForFile, collectBatches, fixtureProvider, SUB_A } from './helpers.js';

const fx = azureFixtureForFile(() => subscriptionRoutes([[SUB_A, 'Production']]));

async function collect(types: string[]) {
  const batches = await collectBatches(fixtureProvider(fx), { types: new Set(types) });
  const collections = batches.flatMap((b) => b.collections);
  for (const c of collections) expect(c.error, c.type).toBeUndefined();
  const out = collections.map((c) => normaliseCollection(c as never));
  expect(out.flatMap((o) => o.errors)).toEqual([]);
  return out.flatMap((o) => o.records);
}

const sqlPath = (p: string) => p.includes('Microsoft.Sql');

describe('azure.sql.server', () => {
  it('reads each server with its auditing policy, TDE protector, Entra admins and firewall rules', async () => {
    const good = sqlServer(SUB_A, 'data', 'sqlgood');
    const bad = sqlServer(SUB_A, 'data', 'sqlbad', BAD_SQL_SETTINGS);
    const short = sqlServer(SUB_A, 'data', 'sqlshort');
    Object.assign(
      fx.routes,
      sqlServerRoutes(SUB_A, [
        { server: good, plant: 'good' },
        { server: bad, plant: 'bad' },
        { server: short, plant: 'short_retention' },
      ]),
    );
    const records = await collect(['azure.sql.server']);
    const facts = records.map((r) => [
      r.com.name,
      r.ext.auditing_enabled,
      r.ext.audit_retention_days,
      r.ext.tde_customer_managed_key,
      r.ext.entra_admin_configured,
      r.ext.firewall_allows_any_ip,
      r.ext.firewall_allows_azure_services,
      r.ext.public_network_access_enabled,
      r.ext.min_tls_1_2,
      r.com.tls_enforced,
    ]);
    expect(facts).toEqual([
      ['sqlgood', true, 90, true, true, false, false, false, true, true],
      ['sqlbad', false, null, false, false, true, true, true, false, false],
      ['sqlshort', true, 30, true, true, false, false, false, true, true],
    ]);
    // calls: the server list (2 a page: 2 pages) and 4 reads per server, every one a GET
    const calls = fx.requests.filter((r) => sqlPath(r.path));
    expect(calls).toHaveLength(2 + 3 * 4);
    expect(calls.every((r) => r.method === 'GET' && r.query.get('api-version') === SQL_API_VERSION)).toBe(
      true,
    );
  });

  it('tells "not configured" (404) from "could not read" (403), and keeps the server', async () => {
    const server = sqlServer(SUB_A, 'data', 'sqllocked');
    Object.assign(fx.routes, sqlServerRoutes(SUB_A, [{ server, plant: 'good' }]));
    fx.routes[`arm ${server.id}/encryptionProtector/current?api-version=${SQL_API_VERSION}`] = armError(
      404,
      'ResourceNotFound',
      "The requested resource of type 'Microsoft.Sql/servers/encryptionProtector' with name 'current' was not found.",
    );
    fx.routes[`arm ${server.id}/auditingSettings/default?api-version=${SQL_API_VERSION}`] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Sql/servers/auditingSettings/read' over scope '${server.id}'.`,
    );
    const [r] = await collect(['azure.sql.server']);
    // no protector: the service-managed default
    expect(r?.ext.tde_customer_managed_key).toBe(false);
    expect(r?.ext.auditing_enabled).toBeNull();
    expect(String((r?.ext.unknown_facts as Record<string, string> | undefined)?.auditing_enabled)).toContain(
      'AuthorizationFailed',
    );
    expect(r?.ext.entra_admin_configured).toBe(true);
  });
});

describe('flexible servers', () => {
  for (const engine of ['postgresql', 'mysql'] as const) {
    it(`${engine}: one configurations list per server (paged) answers every parameter`, async () => {
      const good = flexibleServer(engine, SUB_A, 'data', `${engine}good`);
      const bad = flexibleServer(engine, SUB_A, 'data', `${engine}bad`);
      Object.assign(
        fx.routes,
        flexibleServerRoutes(engine, SUB_A, [
          { server: good, good: true },
          { server: bad, good: false },
        ]),
      );
      const type = `azure.${engine}.flexible_server`;
      const records = await collect([type]);
      const facts =
        engine === 'postgresql'
          ? ['min_tls_1_2', 'log_checkpoints', 'connection_throttling', 'log_retention_days']
          : ['min_tls_1_2', 'audit_log_enabled', 'audit_log_connection_events'];
      const row = (name: string) => {
        const r = records.find((x) => x.com.name === name);
        return [
          r?.com.tls_enforced,
          r?.ext.firewall_allows_any_ip,
          r?.ext.firewall_allows_azure_services,
          ...facts.map((f) => r?.ext[f]),
        ];
      };
      expect(row(`${engine}good`)).toEqual([
        true,
        false,
        false,
        ...(engine === 'postgresql' ? [true, true, true, 7] : [true, true, true]),
      ]);
      expect(row(`${engine}bad`)).toEqual([
        false,
        true,
        true,
        ...(engine === 'postgresql' ? [false, false, false, 3] : [false, false, false]),
      ]);
      // the list, then per server the configurations (3 a page) and the firewall rules
      const pages = Math.ceil((engine === 'postgresql' ? 7 : 5) / 3);
      expect(fx.requests.filter((r) => r.path.includes('flexibleServers'))).toHaveLength(1 + 2 * (pages + 1));
      // the parameters' descriptions are not kept
      expect(JSON.stringify(records[0]?.raw)).not.toContain('server parameter.');
    });
  }
});

describe('network watchers and flow logs', () => {
  const watcherWe = networkWatcher(SUB_A, 'westeurope');
  const nsgId = `/subscriptions/${SUB_A}/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/web`;
  const hub = virtualNetwork(SUB_A, 'net', 'vnet-hub', 'westeurope', [
    ['app', 'web'],
    ['GatewaySubnet', null],
    ['data', null],
  ]);

  it('lists the watchers once for both types, and the flow logs below each', async () => {
    Object.assign(
      fx.routes,
      networkLoggingRoutes(
        SUB_A,
        [hub],
        [
          {
            watcher: watcherWe,
            flowLogs: [
              flowLog(watcherWe, 'fl-nsg', nsgId, 30),
              flowLog(watcherWe, 'fl-vnet', hub.id, null),
              flowLog(watcherWe, 'fl-subnet', `${hub.id}/subnets/app`, 0, false),
            ],
          },
        ],
      ),
    );
    const records = await collect([
      'azure.network.watcher',
      'azure.network.flow_log',
      'azure.network.virtual_network',
    ]);
    const logs = records.filter((r) => r.ext.record_type === 'azure.network.flow_log');
    expect(
      logs.map((r) => [
        r.com.name,
        r.ext.target_kind,
        r.ext.retention_days,
        r.ext.retention_unlimited,
        r.ext.traffic_analytics_enabled,
      ]),
    ).toEqual([
      ['fl-nsg', 'network_security_group', 30, false, true],
      ['fl-vnet', 'virtual_network', null, true, true],
      ['fl-subnet', 'subnet', null, true, false],
    ]);
    expect(
      records.find((r) => r.ext.record_type === 'azure.network.virtual_network')?.ext.subnets_without_nsg,
    ).toEqual(['data']);
    expect(records.find((r) => r.ext.record_type === 'azure.network.watcher')?.com.region).toBe('westeurope');
    expect(fx.requests.filter((r) => r.path.endsWith('/networkWatchers'))).toHaveLength(1);
  });

  it('a watcher whose flow logs cannot be read fails the flow log type, not the watchers', async () => {
    Object.assign(fx.routes, networkLoggingRoutes(SUB_A, [hub], [{ watcher: watcherWe, flowLogs: [] }]));
    fx.routes[`arm ${watcherWe.id}/flowLogs?api-version=2024-05-01`] = armError(
      403,
      'AuthorizationFailed',
      'no',
    );
    const batches = await collectBatches(fixtureProvider(fx, { maxAttempts: 1 }), {
      types: new Set(['azure.network.watcher', 'azure.network.flow_log']),
    });
    const cols = batches.flatMap((b) => b.collections);
    expect(cols.find((c) => c.type === 'azure.network.flow_log')?.error).toMatch(
      /^Microsoft\.Network\/networkWatchers\/flowLogs\/read: AuthorizationFailed/,
    );
    expect(cols.find((c) => c.type === 'azure.network.watcher')?.error).toBeUndefined();
  });
});

describe('the role for these types', () => {
  it('holds the per-server and flow log reads, and nothing that returns a secret', () => {
    const { role } = azurePolicy([
      'azure.sql.server',
      'azure.postgresql.flexible_server',
      'azure.mysql.flexible_server',
      'azure.network.flow_log',
      'azure.network.watcher',
      'azure.network.virtual_network',
    ]);
    expect(role.Actions).toEqual([
      'Microsoft.DBforMySQL/flexibleServers/configurations/read',
      'Microsoft.DBforMySQL/flexibleServers/firewallRules/read',
      'Microsoft.DBforMySQL/flexibleServers/read',
      'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read',
      'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules/read',
      'Microsoft.DBforPostgreSQL/flexibleServers/read',
      'Microsoft.Network/networkWatchers/flowLogs/read',
      'Microsoft.Network/networkWatchers/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Sql/servers/administrators/read',
      'Microsoft.Sql/servers/auditingSettings/read',
      'Microsoft.Sql/servers/encryptionProtector/read',
      'Microsoft.Sql/servers/firewallRules/read',
      'Microsoft.Sql/servers/read',
    ]);
  });
});

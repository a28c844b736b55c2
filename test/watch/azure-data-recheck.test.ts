import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NETWORK_API_VERSION } from '../../src/providers/azure/resources/network-nsg.js';
import { POSTGRESQL_FLEXIBLE_API_VERSION } from '../../src/providers/azure/resources/postgresql-flexible-server.js';
import { SQL_API_VERSION } from '../../src/providers/azure/resources/sql-server.js';
import type { AzureRecollector } from '../../src/watch/azure-collect-one.js';
import { rawMatches, targetsOf } from '../../src/watch/resource-ids.js';
import {
  flexibleServer,
  flexibleServerRoutes,
  flowLog,
  networkWatcher,
  sqlServer,
  sqlServerRoutes,
} from '../providers/azure/estate-data.js';
import { type AzureFixture, armError } from '../providers/azure/fixture-server.js';
import { SUB_A } from '../providers/azure/helpers.js';
import { activityEvent, startRecheckFixture } from './azure-recheck.js';

const activity = (operation: string, resourceId: string) => activityEvent(operation, resourceId, 'sql');

let fx: AzureFixture;
let recollector: AzureRecollector;
beforeAll(async () => {
  ({ fx, recollector } = await startRecheckFixture());
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => fx.reset());

describe('Azure re-checks of databases and flow logs', () => {
  it('a firewall rule written on an SQL server re-reads that server by id, with its settings', async () => {
    const server = sqlServer(SUB_A, 'data', 'sqlprod');
    const [target] = targetsOf(
      activity(
        'MICROSOFT.SQL/SERVERS/FIREWALLRULES/WRITE',
        `${server.id}/firewallRules/AllowAllWindowsAzureIps`.toUpperCase(),
      ),
    );
    expect(target).toMatchObject({ type: 'azure.sql.server', id: server.id.toLowerCase(), account: SUB_A });
    Object.assign(fx.routes, sqlServerRoutes(SUB_A, [{ server, plant: 'bad' }]));
    fx.routes[`arm ${server.id}?api-version=${SQL_API_VERSION}`] = { body: server };
    const col = await recollector.collectOne(target as never);
    expect(col?.items).toHaveLength(1);
    expect(rawMatches('azure.sql.server', col?.items?.[0] as never, target?.id as string)).toBe(true);
    const id = server.id.toLowerCase();
    expect(fx.requests.map((r) => r.path.toLowerCase()).sort()).toEqual(
      [
        id,
        `${id}/administrators`,
        `${id}/auditingsettings/default`,
        `${id}/encryptionprotector/current`,
        `${id}/firewallrules`,
      ].sort(),
    );
  });

  it('a server parameter written on a PostgreSQL flexible server re-reads it and its configurations', async () => {
    const server = flexibleServer('postgresql', SUB_A, 'data', 'pgprod');
    const [target] = targetsOf(
      activity(
        'MICROSOFT.DBFORPOSTGRESQL/FLEXIBLESERVERS/CONFIGURATIONS/WRITE',
        `${server.id}/configurations/log_checkpoints`,
      ),
    );
    expect(target).toMatchObject({ type: 'azure.postgresql.flexible_server', id: server.id.toLowerCase() });
    Object.assign(fx.routes, flexibleServerRoutes('postgresql', SUB_A, [{ server, good: true }]));
    fx.routes[`arm ${server.id}?api-version=${POSTGRESQL_FLEXIBLE_API_VERSION}`] = { body: server };
    const col = await recollector.collectOne(target as never);
    expect(col?.items).toHaveLength(1);
    expect(fx.requests.some((r) => r.path.toLowerCase().endsWith('/configurations'))).toBe(true);
  });

  it('a flow log written re-reads that flow log by id; one deleted is gone', async () => {
    const watcher = networkWatcher(SUB_A, 'westeurope');
    const log = flowLog(
      watcher,
      'fl-web',
      `/subscriptions/${SUB_A}/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/web`,
      30,
    );
    const [target] = targetsOf(activity('Microsoft.Network/networkWatchers/flowLogs/write', log.id));
    expect(target).toMatchObject({ type: 'azure.network.flow_log', id: log.id.toLowerCase() });
    fx.routes[`arm ${log.id}?api-version=${NETWORK_API_VERSION}`] = { body: log };
    const col = await recollector.collectOne(target as never);
    expect(col?.items?.map((i) => (i.item as { name: string }).name)).toEqual(['fl-web']);
    expect(fx.requests.map((r) => r.path.toLowerCase())).toEqual([log.id.toLowerCase()]);
    fx.routes[`arm ${log.id}?api-version=${NETWORK_API_VERSION}`] = armError(
      404,
      'NotFound',
      `Resource ${log.id} not found.`,
    );
    expect((await recollector.collectOne(target as never))?.items).toEqual([]);
  });
});

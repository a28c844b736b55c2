#!/usr/bin/env node
// Benchmark of Azure collection through the whole stack (the Azure SDK's HTTP pipeline with
// its bearer-token policy, TLS, the read-only policy, nextLink paging, the per-subscription
// limiter, the collection kit), against the HTTPS fixture server of the test suite with a
// fixed latency added to every answer.
//
//   node --import ./test/store/ts-loader/register.mjs bench/azure-collect.mjs [--resources N] [--latency MS]
//
// Two subscriptions share N resources (default 2,000) of the live types this estate exercises:
// 20% Azure SQL servers (4 reads each: auditing, TDE protector, Entra admins, firewall rules),
// 15% PostgreSQL and 15% MySQL flexible servers (one configurations list, 3 pages, and one
// firewall list each), 15% virtual networks, 15% flow logs (below 10 network watchers per
// subscription) and 20% network security groups. Two runs on the same estate:
//   every check   - all per-resource detail reads (what `scan azure` does with every check);
//   lists only    - the baseline: the same types with the per-resource reads planned away (as
//                   when the selected checks read no fact they feed), i.e. the list calls alone.
// Also prints what the flexible servers would cost read one parameter at a time (GET
// configurations/{name}) instead of one configurations list. Prints wall time, calls, calls
// per resource per type, peak RSS of this process (the fixture server included) and the ideal
// time (calls x latency / concurrency). It asserts nothing: figures depend on the machine.
import { AzureProvider } from '../src/providers/azure/provider.ts';
import { goodNsg, nsgListKey, subscriptionRoutes } from '../test/providers/azure/estate.ts';
import {
  FLEXIBLE_PARAMETERS,
  flexibleServer,
  flexibleServerRoutes,
  flowLog,
  networkLoggingRoutes,
  networkWatcher,
  sqlServer,
  sqlServerRoutes,
  virtualNetwork,
} from '../test/providers/azure/estate-data.ts';
import { armList, startAzureFixture } from '../test/providers/azure/fixture-server.ts';
import { SUB_A, SUB_B } from '../test/providers/azure/helpers.ts';
import { fixtureCredential } from '../test/providers/azure/tokens.ts';
import { CONCURRENCY, LATENCY, peakRssLine, RESOURCES } from './lib/collect-options.mjs';

const REGIONS = [
  'westeurope',
  'northeurope',
  'eastus',
  'eastus2',
  'westus2',
  'uksouth',
  'francecentral',
  'swedencentral',
  'japaneast',
  'australiaeast',
];

const TYPES = {
  'azure.sql.server': 'Microsoft.Sql/servers',
  'azure.postgresql.flexible_server': 'Microsoft.DBforPostgreSQL/flexibleServers',
  'azure.mysql.flexible_server': 'Microsoft.DBforMySQL/flexibleServers',
  'azure.network.virtual_network': 'Microsoft.Network/virtualNetworks',
  'azure.network.flow_log': 'Microsoft.Network/networkWatchers',
  'azure.network.nsg': 'Microsoft.Network/networkSecurityGroups',
};

function estate(per) {
  const routes = {};
  const n = (share) => Math.round(per * share);
  for (const sub of [SUB_A, SUB_B]) {
    Object.assign(
      routes,
      sqlServerRoutes(
        sub,
        Array.from({ length: n(0.2) }, (_, i) => ({
          server: sqlServer(sub, 'data', `sql${i}`),
          plant: i % 2 ? 'good' : 'bad',
        })),
        100,
      ),
    );
    for (const engine of ['postgresql', 'mysql'])
      Object.assign(
        routes,
        flexibleServerRoutes(
          engine,
          sub,
          Array.from({ length: n(0.15) }, (_, i) => ({
            server: flexibleServer(engine, sub, 'data', `${engine}${i}`),
            good: i % 2 === 0,
          })),
        ),
      );
    const vnets = Array.from({ length: n(0.15) }, (_, i) =>
      virtualNetwork(sub, 'net', `vnet${i}`, REGIONS[i % REGIONS.length], [
        ['app', `nsg${i}`],
        ['data', null],
      ]),
    );
    const watchers = REGIONS.map((r) => networkWatcher(sub, r));
    const logs = Array.from({ length: n(0.15) }, (_, i) => i);
    Object.assign(
      routes,
      networkLoggingRoutes(
        sub,
        vnets,
        watchers.map((w, wi) => ({
          watcher: w,
          flowLogs: logs
            .filter((i) => i % REGIONS.length === wi)
            .map((i) => flowLog(w, `fl${i}`, vnets[i % vnets.length].id, i % 3 ? 90 : 30)),
        })),
      ),
    );
    routes[nsgListKey(sub)] = armList(
      Array.from({ length: n(0.2) }, (_, i) => goodNsg(sub, 'net', `nsg${i}`)),
      { pageSize: 100 },
    );
  }
  return routes;
}

/** Every answer of a route, `ms` later. */
function delayed(route, ms) {
  if (typeof route === 'function') return (req, ctx) => ({ ...route(req, ctx), delayMs: ms });
  if (Array.isArray(route)) return route.map((a) => ({ ...a, delayMs: ms }));
  return { ...route, delayMs: ms };
}

async function run(label, fx, facts) {
  fx.requests.length = 0;
  const provider = new AzureProvider(
    { type: 'azure', credential: 'cli', max_concurrency: CONCURRENCY },
    {
      credential: fixtureCredential(fx.secret),
      ca: fx.pki.caPem,
      env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
    },
    'tenant',
  );
  const types = new Set([...Object.keys(TYPES), 'azure.network.watcher']);
  const started = performance.now();
  const perType = {};
  let failed = 0;
  for await (const batch of provider.collect({ types, ...(facts ? { facts } : {}) })) {
    for (const c of batch.collections) {
      perType[c.type] = (perType[c.type] ?? 0) + (c.items?.length ?? 0);
      if (c.error) failed++;
    }
  }
  const wall = (performance.now() - started) / 1000;
  const t = provider.stats();
  const resources = Object.entries(perType)
    .filter(([type]) => type !== 'azure.network.watcher')
    .reduce((a, [, n]) => a + n, 0);
  const ideal = (t.attempts * LATENCY) / CONCURRENCY / 1000;
  // the default limiter: 20 reads/s per subscription after a burst of 200
  const floor = Math.max(
    ...[SUB_A, SUB_B].map(
      (s) => Math.max(0, fx.requests.filter((r) => r.path.includes(s)).length - 200) / 20,
    ),
  );
  console.log(
    `${label.padEnd(12)} ${wall.toFixed(1).padStart(6)} s  ${String(t.calls).padStart(5)} calls  ` +
      `${(t.calls / resources).toFixed(2)} calls/resource  ${resources} resources  ` +
      `${(resources / wall).toFixed(0)} resources/s  throttled ${t.throttled}  failed collections ${failed}  ideal ${ideal.toFixed(1)} s (latency / concurrency), limiter floor ${floor.toFixed(1)} s`,
  );
  const calls = (marker) => fx.requests.filter((r) => r.path.includes(marker)).length;
  const line = Object.entries(TYPES)
    .map(
      ([type, marker]) =>
        `${type.replace('azure.', '')} ${(calls(marker) / (perType[type] || 1)).toFixed(2)}`,
    )
    .join(', ');
  console.log(
    `  calls per resource: ${line} (flow logs: the watcher lists and one flowLogs list per watcher)`,
  );
  return { perType };
}

const fx = await startAzureFixture();
const routes = {
  ...subscriptionRoutes([
    [SUB_A, 'Production'],
    [SUB_B, 'Staging'],
  ]),
  ...estate(RESOURCES / 2),
};
for (const [k, v] of Object.entries(routes)) fx.routes[k] = delayed(v, LATENCY);
console.log(
  `Azure collection: ${RESOURCES} resources in 2 subscriptions, ${LATENCY} ms per call, ${CONCURRENCY} in flight`,
);
try {
  const listsOnly = new Map([...Object.keys(TYPES), 'azure.network.watcher'].map((t) => [t, new Set()]));
  await run('lists only', fx, listsOnly);
  const { perType } = await run('every check', fx);
  const servers = perType['azure.postgresql.flexible_server'] + perType['azure.mysql.flexible_server'];
  const perParameter =
    perType['azure.postgresql.flexible_server'] * 5 + perType['azure.mysql.flexible_server'] * 4;
  console.log(
    `  flexible servers: ${servers} configurations lists (each 1 call a page) vs ${perParameter} GETs one parameter at a time (5 PostgreSQL, 4 MySQL parameters; ${Object.keys(FLEXIBLE_PARAMETERS.postgresql).length} and ${Object.keys(FLEXIBLE_PARAMETERS.mysql).length} in the fixture's lists)`,
  );
  console.log(peakRssLine());
} finally {
  await fx.close();
}

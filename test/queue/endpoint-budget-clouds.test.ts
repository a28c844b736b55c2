import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peakInWindow } from '../../bench/lib/fake-org.mjs';
import { SUBSCRIPTIONS_API_VERSION } from '../../src/providers/azure/scopes.js';
import { badNsg, goodNsg, nsgListKey, subscriptionRoutes } from '../providers/azure/estate.js';
import { type AzureFixture, armList, startAzureFixture } from '../providers/azure/fixture-server.js';
import { SUB_A, subscriptionItem } from '../providers/azure/helpers.js';
import { installStandinAz } from '../providers/azure/standin-az.js';
import { firewall, resourceManagerRoutes, SHOP_PROD } from '../providers/gcp/estate.js';
import { type GcpFixture, pagedList, startGcpFixture } from '../providers/gcp/fixture-server.js';
import { startMetadataServer } from '../providers/gcp/metadata-server.js';
import { freshSchema, pgAvailable, sql } from '../store/postgres-helpers.js';
import { freshPrefix, redisAvailable } from './helpers.js';
import { cleanUpScaleTests, runScan, scaleTestDir, workerOf, writeScaleConfig } from './scale-setup.js';

/*
 * The shared request budget of Azure (per subscription and principal) and GCP (per project and
 * per caller), measured where the cloud sees it: the HTTPS fixture servers (which check every
 * bearer token) log each request's arrival; workers are `cloudward worker` child processes.
 * One subscription (one project) holds more pages than one second of its budget lets through,
 * read one item per request: unpaced, they would break the bound. With four workers two scans
 * of it run at once, so two workers page through it together and only the shared budget in
 * Redis keeps them within it. The bound is the AWS test's: a token bucket lets at most
 * burst + rate x W requests through in a window of W seconds, plus SLACK_MS of drift between
 * the grant in Redis and the arrival at the endpoint.
 */

const available =
  (await pgAvailable('endpoint budget (clouds)')) && (await redisAvailable('endpoint budget (clouds)'));
const SLACK_MS = 500;
const t = scaleTestDir('budget-clouds');
cleanUpScaleTests(t, available);

async function startWorkers(file: string, n: number, env: Record<string, string>): Promise<void> {
  // one after the other: several node processes starting at once on a loaded machine take long
  for (let i = 0; i < n; i++) await workerOf(t, file, env);
}

interface Budget {
  rate: number;
  burst: number;
}

/** The most a window of `ms` may hold for one bucket. */
const allowed = (b: Budget, ms: number) => b.burst + Math.ceil((b.rate * (ms + SLACK_MS)) / 1000);

/** Every key within its budget in windows of 1 and 3 s; the peak per second seen, per key. */
function expectWithinBudget<R extends { at: number }>(
  requests: readonly R[],
  keyOf: (r: R) => string | undefined,
  budget: Budget,
): Map<string, { peak: number; total: number }> {
  for (const ms of [3000, 1000]) {
    for (const [key, { peak }] of peakInWindow(requests, ms, keyOf)) {
      expect(peak, `requests of ${key} within ${ms} ms`).toBeLessThanOrEqual(allowed(budget, ms));
    }
  }
  return peakInWindow(requests, 1000, keyOf);
}

/** The run's rate seen at the endpoint: peak in 1 s, mean over the run. */
function figures(label: string, requests: readonly { at: number }[], peak: number): void {
  const first = Math.min(...requests.map((r) => r.at));
  const last = Math.max(...requests.map((r) => r.at));
  const mean = requests.length / Math.max(0.001, (last - first) / 1000);
  console.log(
    `${label}: ${requests.length} requests in ${((last - first) / 1000).toFixed(1)} s, ${mean.toFixed(2)}/s on average, peak ${peak} in 1 s`,
  );
}

const distinctWorkers = async (schema: string) =>
  Number(
    (await sql<{ n: string }>(`SELECT count(DISTINCT worker)::text AS n FROM "${schema}".scale_units`))[0]?.n,
  );

const findingsOf = (r: Awaited<ReturnType<typeof runScan>>['report']) =>
  r.findings.map((f) => `${f.com.finding_id} ${f.com.status}`).sort();

/** A fixture endpoint serving the estate, as the suite sees it. */
interface Endpoint<R extends { at: number }> {
  /** what the scanning processes need to reach it: fixture endpoints, its CA, the credential helper */
  env: Record<string, string>;
  requests: R[];
  refused: unknown[];
  unmatched: () => string[];
  close(): Promise<void>;
}

/** One cloud's budget test: its fixture, provider and where its bucket's key is in a request. */
interface CloudBudget<R extends { at: number }> {
  cloud: string;
  /** what one bucket is kept for: 'subscription', 'project' */
  scope: string;
  budget: Budget;
  /** items of the account, one a page */
  pages: number;
  check: string;
  provider: { name: string; yaml: string };
  /** the account whose bucket the test fills */
  account: string;
  keyOf: (r: R) => string | undefined;
  /** starts the fixture with the estate planted */
  start(): Promise<Endpoint<R>>;
  /** what one process's scan of the estate must find failing */
  expectFailing(failing: number): void;
  /** more to hold of a one-worker scan's requests */
  expectOneWorker?(requests: readonly R[]): void;
}

/**
 * The suite for one cloud: a scan in one process gives the findings to match and must itself keep
 * to the budget; then one worker, and four workers running two scans of the account at once.
 */
function budgetSuite<R extends { at: number }>(c: CloudBudget<R>): void {
  const tag = c.cloud.toLowerCase();
  let ep: Endpoint<R>;
  let local: string[];

  const config = (name: string, schema: string, prefix?: string) =>
    writeScaleConfig(t.dir, `${tag}-${name}`, {
      schema,
      ...(prefix ? { prefix } : {}),
      queue: { concurrency: 1, stall_timeout_ms: 5000 },
      providers: { [c.provider.name]: c.provider.yaml },
      audits: {
        nightly: `{ providers: [${c.provider.name}], checks: [${c.check}], store: main }`,
        weekly: `{ providers: [${c.provider.name}], checks: [${c.check}], store: main }`,
      },
    });

  /** The budget held over the requests seen since the last look: logs their figures, forgets them, returns the account's total. */
  const expectBudgetKept = (workers: number) => {
    expect(ep.refused).toEqual([]);
    const peaks = expectWithinBudget(ep.requests, c.keyOf, c.budget);
    const seen = peaks.get(c.account);
    figures(
      `${c.cloud}, ${workers} worker${workers > 1 ? 's' : ''}, ${c.scope}`,
      ep.requests.filter(c.keyOf),
      seen?.peak ?? 0,
    );
    ep.requests.length = 0;
    return seen?.total ?? 0;
  };

  beforeAll(async () => {
    if (!available) return;
    ep = await c.start();
    const { report } = await runScan(
      { dir: t.dir, env: ep.env },
      config('local', freshSchema()),
      'nightly',
      false,
    );
    expect(ep.refused).toEqual([]);
    expect(ep.unmatched()).toEqual([]);
    local = findingsOf(report);
    c.expectFailing(local.filter((f) => f.endsWith(' fail')).length);
    expect(report.could_not_evaluate).toEqual([]);
    expectWithinBudget(ep.requests, c.keyOf, c.budget);
    ep.requests.length = 0;
  }, 180_000);

  afterAll(async () => {
    await ep?.close();
  });

  it('one worker: never above the budget, same findings as one process', async () => {
    const file = config('one', freshSchema(), freshPrefix());
    await startWorkers(file, 1, ep.env);
    const { report } = await runScan({ dir: t.dir, env: ep.env }, file, 'nightly', true);
    expect(findingsOf(report)).toEqual(local);
    c.expectOneWorker?.(ep.requests);
    expect(expectBudgetKept(1)).toBeGreaterThan(allowed(c.budget, 1000));
  }, 180_000);

  it(`four workers running two scans of the ${c.scope} at once: never above the budget`, async () => {
    const schema = freshSchema();
    const file = config('four', schema, freshPrefix());
    await startWorkers(file, 4, ep.env);
    const [nightly, weekly] = await Promise.all([
      runScan({ dir: t.dir, env: ep.env }, file, 'nightly', true),
      runScan({ dir: t.dir, env: ep.env }, file, 'weekly', true),
    ]);
    expect(findingsOf(nightly.report)).toEqual(local);
    expect(findingsOf(weekly.report)).toEqual(local);
    expect(await distinctWorkers(schema)).toBeGreaterThanOrEqual(2);
    // both scans paged through the account: twice what one second of budget allows
    expect(expectBudgetKept(4)).toBeGreaterThanOrEqual(2 * c.pages);
  }, 300_000);
}

describe.skipIf(!available)('Azure: the request rate per subscription at the fixture endpoint', () => {
  const PAGES = 30;
  // requests_per_second: 2 gives the (subscription, principal) bucket 2/s and a burst of 20
  const BUDGET = { rate: 2, burst: 20 };
  budgetSuite<AzureFixture['requests'][number]>({
    cloud: 'Azure',
    scope: 'subscription',
    budget: BUDGET,
    pages: PAGES,
    check: 'azure.network.nsg_http_not_open_to_internet',
    provider: {
      name: 'prod',
      yaml: `{ type: azure, credential: cli, subscriptions: [${SUB_A}], requests_per_second: ${BUDGET.rate} }`,
    },
    account: SUB_A,
    keyOf: (r) => /^\/subscriptions\/([^/]+)\//i.exec(r.path)?.[1]?.toLowerCase(),
    async start() {
      const fx = await startAzureFixture();
      const az = installStandinAz({ secret: fx.secret });
      Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
      fx.routes[`arm /subscriptions/${SUB_A}?api-version=${SUBSCRIPTIONS_API_VERSION}`] = {
        body: subscriptionItem(SUB_A, 'Production'),
      };
      const nsgs = Array.from({ length: PAGES }, (_, i) =>
        i % 5 === 0 ? badNsg(SUB_A, 'net', `nsg${i}bad`) : goodNsg(SUB_A, 'net', `nsg${i}`),
      );
      fx.routes[nsgListKey(SUB_A)] = armList(nsgs, { pageSize: 1 });
      return {
        env: {
          ...t.env,
          PATH: az.path,
          CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
          CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
          CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
          NODE_EXTRA_CA_CERTS: fx.pki.caFile,
        },
        requests: fx.requests,
        refused: fx.refused,
        unmatched: () => fx.unmatched,
        async close() {
          az.close();
          await fx.close();
        },
      };
    },
    expectFailing: (failing) => expect(failing).toBeGreaterThan(0),
  });
});

describe.skipIf(!available)('GCP: the request rate per project at the fixture endpoint', () => {
  const PAGES = 24;
  const SCANNER = 'cloudward-auditor@scanner-proj.iam.gserviceaccount.com';
  budgetSuite<GcpFixture['requests'][number]>({
    cloud: 'GCP',
    scope: 'project',
    // requests_per_minute { compute: 120 }: 80% of it, 1.6/s, and a burst of 10% of it, 12, for the
    // project's and the caller's compute bucket alike
    budget: { rate: 1.6, burst: 12 },
    pages: PAGES,
    check: 'gcp.compute.firewall_no_ssh_from_internet',
    provider: {
      name: 'shop',
      yaml: `{ type: gcp, projects: [${SHOP_PROD.id}], requests_per_minute: { compute: 120 } }`,
    },
    account: SHOP_PROD.id,
    /** compute reads per project (the project's bucket; the caller's holds the same requests) */
    keyOf: (r) => (r.api === 'compute' ? /^compute\/v1\/projects\/([^/]+)\//.exec(r.path)?.[1] : undefined),
    async start() {
      const fx = await startGcpFixture();
      Object.assign(fx.routes, resourceManagerRoutes([SHOP_PROD]));
      const rules = Array.from({ length: PAGES }, (_, i) =>
        firewall(SHOP_PROD.id, {
          name: `rule-${i}`,
          sourceRanges: [i % 6 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'],
          allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
        }),
      );
      fx.routes[`compute GET compute/v1/projects/${SHOP_PROD.id}/global/firewalls`] = pagedList(
        'items',
        rules,
        {
          pageSize: 1,
          extra: { kind: 'compute#firewallList' },
        },
      );
      const md = await startMetadataServer({
        email: SCANNER,
        projectId: 'scanner-proj',
        issueToken: fx.issueToken,
      });
      const gcloud = join(t.dir, 'gcloud');
      mkdirSync(gcloud, { recursive: true });
      return {
        env: {
          ...t.env,
          CLOUDSDK_CONFIG: gcloud,
          GCE_METADATA_HOST: md.host,
          NODE_EXTRA_CA_CERTS: fx.pki.caFile,
          ...fx.env(),
        },
        requests: fx.requests,
        refused: fx.refused,
        unmatched: () => fx.unmatched.map((r) => `${r.api} ${r.path}`),
        async close() {
          await md.close();
          await fx.close();
        },
      };
    },
    expectFailing: (failing) => expect(failing).toBe(PAGES / 6),
    expectOneWorker: (requests) =>
      expect(new Set(requests.map((r) => r.principal))).toEqual(new Set([SCANNER])),
  });
});

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { peakInWindow } from '../../bench/lib/fake-org.mjs';
import { SUBSCRIPTIONS_API_VERSION } from '../../src/providers/azure/scopes.js';
import {
  badNsg,
  goodNsg,
  nsgListKey,
  rootGroupRoutes,
  subscriptionRoutes,
} from '../providers/azure/estate.js';
import { type AzureFixture, armList, startAzureFixture } from '../providers/azure/fixture-server.js';
import { SUB_A, subscriptionItem } from '../providers/azure/helpers.js';
import { installStandinAz, type StandinAz } from '../providers/azure/standin-az.js';
import { firewall, resourceManagerRoutes, SHOP_PROD } from '../providers/gcp/estate.js';
import { type GcpFixture, pagedList, startGcpFixture } from '../providers/gcp/fixture-server.js';
import { type MetadataServer, startMetadataServer } from '../providers/gcp/metadata-server.js';
import { dropSchemas, freshSchema, pgAvailable, sql } from '../store/postgres-helpers.js';
import { dropPrefixes, freshPrefix, killNow, redisAvailable, startWorker } from './helpers.js';
import { runScan, scaleTestDir, writeScaleConfig } from './scale-setup.js';

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
const workers: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map(killNow));
});

afterAll(async () => {
  await Promise.all(workers.splice(0).map(killNow));
  if (available) {
    await dropSchemas();
    await dropPrefixes();
  }
  rmSync(t.dir, { recursive: true, force: true });
}, 60_000);

async function startWorkers(file: string, n: number, env: Record<string, string>): Promise<void> {
  // one after the other: several node processes starting at once on a loaded machine take long
  for (let i = 0; i < n; i++) workers.push((await startWorker(file, env)).child);
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

describe.skipIf(!available)('Azure: the request rate per subscription at the fixture endpoint', () => {
  // requests_per_second: 2 gives the (subscription, principal) bucket 2/s and a burst of 20
  const BUDGET = { rate: 2, burst: 20 };
  const PAGES = 30;
  const CHECK = 'azure.network.nsg_http_not_open_to_internet';
  let fx: AzureFixture;
  let az: StandinAz;
  let env: Record<string, string>;

  const plant = () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
    fx.routes[`arm /subscriptions/${SUB_A}?api-version=${SUBSCRIPTIONS_API_VERSION}`] = {
      body: subscriptionItem(SUB_A, 'Production'),
    };
    const nsgs = Array.from({ length: PAGES }, (_, i) =>
      i % 5 === 0 ? badNsg(SUB_A, 'net', `nsg${i}bad`) : goodNsg(SUB_A, 'net', `nsg${i}`),
    );
    fx.routes[nsgListKey(SUB_A)] = armList(nsgs, { pageSize: 1 });
  };

  const config = (name: string, schema: string, prefix?: string) =>
    writeScaleConfig(t.dir, name, {
      schema,
      ...(prefix ? { prefix } : {}),
      queue: { concurrency: 1, stall_timeout_ms: 5000 },
      providers: {
        prod: `{ type: azure, credential: cli, subscriptions: [${SUB_A}], requests_per_second: ${BUDGET.rate} }`,
      },
      audits: {
        nightly: `{ providers: [prod], checks: [${CHECK}], store: main }`,
        weekly: `{ providers: [prod], checks: [${CHECK}], store: main }`,
      },
    });

  const ofSubscription = (r: AzureFixture['requests'][number]) =>
    /^\/subscriptions\/([^/]+)\//i.exec(r.path)?.[1]?.toLowerCase();

  const findings = (r: Awaited<ReturnType<typeof runScan>>['report']) =>
    r.findings.map((f) => `${f.com.finding_id} ${f.com.status}`).sort();

  let local: string[];

  beforeAll(async () => {
    if (!available) return;
    fx = await startAzureFixture();
    az = installStandinAz({ secret: fx.secret });
    env = {
      ...t.env,
      PATH: az.path,
      CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
      CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
      CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
      NODE_EXTRA_CA_CERTS: fx.pki.caFile,
    };
    plant();
    const { report } = await runScan(
      { dir: t.dir, env },
      config('azure-local', freshSchema()),
      'nightly',
      false,
    );
    expect(fx.refused).toEqual([]);
    expect(fx.unmatched).toEqual([]);
    local = findings(report);
    expect(local.filter((f) => f.endsWith(' fail')).length).toBeGreaterThan(0);
    expect(report.could_not_evaluate).toEqual([]);
    expectWithinBudget(fx.requests, ofSubscription, BUDGET);
    fx.requests.length = 0;
  }, 180_000);

  afterAll(async () => {
    az?.close();
    await fx?.close();
  });

  it('one worker: never above the budget, same findings as one process', async () => {
    const file = config('azure-one', freshSchema(), freshPrefix());
    await startWorkers(file, 1, env);
    const { report } = await runScan({ dir: t.dir, env }, file, 'nightly', true);
    expect(findings(report)).toEqual(local);
    expect(fx.refused).toEqual([]);
    const peaks = expectWithinBudget(fx.requests, ofSubscription, BUDGET);
    expect(peaks.get(SUB_A)?.total).toBeGreaterThan(allowed(BUDGET, 1000));
    figures('Azure, 1 worker, subscription', fx.requests.filter(ofSubscription), peaks.get(SUB_A)?.peak ?? 0);
    fx.requests.length = 0;
  }, 180_000);

  it('four workers running two scans of the subscription at once: never above the budget', async () => {
    const schema = freshSchema();
    const file = config('azure-four', schema, freshPrefix());
    await startWorkers(file, 4, env);
    const [nightly, weekly] = await Promise.all([
      runScan({ dir: t.dir, env }, file, 'nightly', true),
      runScan({ dir: t.dir, env }, file, 'weekly', true),
    ]);
    expect(findings(nightly.report)).toEqual(local);
    expect(findings(weekly.report)).toEqual(local);
    expect(fx.refused).toEqual([]);
    const peaks = expectWithinBudget(fx.requests, ofSubscription, BUDGET);
    // both scans paged through the subscription: twice what one second of budget allows
    expect(peaks.get(SUB_A)?.total).toBeGreaterThanOrEqual(2 * PAGES);
    expect(await distinctWorkers(schema)).toBeGreaterThanOrEqual(2);
    figures(
      'Azure, 4 workers, subscription',
      fx.requests.filter(ofSubscription),
      peaks.get(SUB_A)?.peak ?? 0,
    );
    fx.requests.length = 0;
  }, 300_000);
});

describe.skipIf(!available)('GCP: the request rate per project at the fixture endpoint', () => {
  // requests_per_minute { compute: 120 }: 80% of it, 1.6/s, and a burst of 10% of it, 12, for the
  // project's and the caller's compute bucket alike
  const BUDGET = { rate: 1.6, burst: 12 };
  const PAGES = 24;
  const CHECK = 'gcp.compute.firewall_no_ssh_from_internet';
  const SCANNER = 'cloudward-auditor@scanner-proj.iam.gserviceaccount.com';
  let fx: GcpFixture;
  let md: MetadataServer;
  let env: Record<string, string>;

  const config = (name: string, schema: string, prefix?: string) =>
    writeScaleConfig(t.dir, name, {
      schema,
      ...(prefix ? { prefix } : {}),
      queue: { concurrency: 1, stall_timeout_ms: 5000 },
      providers: {
        shop: `{ type: gcp, projects: [${SHOP_PROD.id}], requests_per_minute: { compute: 120 } }`,
      },
      audits: {
        nightly: `{ providers: [shop], checks: [${CHECK}], store: main }`,
        weekly: `{ providers: [shop], checks: [${CHECK}], store: main }`,
      },
    });

  /** compute reads per project (the project's bucket; the caller's holds the same requests) */
  const ofProject = (r: GcpFixture['requests'][number]) =>
    r.api === 'compute' ? /^compute\/v1\/projects\/([^/]+)\//.exec(r.path)?.[1] : undefined;

  const findings = (r: Awaited<ReturnType<typeof runScan>>['report']) =>
    r.findings.map((f) => `${f.com.finding_id} ${f.com.status}`).sort();

  let local: string[];

  beforeAll(async () => {
    if (!available) return;
    fx = await startGcpFixture();
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
    md = await startMetadataServer({ email: SCANNER, projectId: 'scanner-proj', issueToken: fx.issueToken });
    const gcloud = join(t.dir, 'gcloud');
    mkdirSync(gcloud, { recursive: true });
    env = {
      ...t.env,
      CLOUDSDK_CONFIG: gcloud,
      GCE_METADATA_HOST: md.host,
      NODE_EXTRA_CA_CERTS: fx.pki.caFile,
      ...fx.env(),
    };
    const { report } = await runScan(
      { dir: t.dir, env },
      config('gcp-local', freshSchema()),
      'nightly',
      false,
    );
    expect(fx.refused).toEqual([]);
    expect(fx.unmatched.map((r) => `${r.api} ${r.path}`)).toEqual([]);
    local = findings(report);
    expect(local.filter((f) => f.endsWith(' fail')).length).toBe(PAGES / 6);
    expect(report.could_not_evaluate).toEqual([]);
    expectWithinBudget(fx.requests, ofProject, BUDGET);
    fx.requests.length = 0;
  }, 180_000);

  afterAll(async () => {
    await md?.close();
    await fx?.close();
  });

  it('one worker: never above the budget, same findings as one process', async () => {
    const file = config('gcp-one', freshSchema(), freshPrefix());
    await startWorkers(file, 1, env);
    const { report } = await runScan({ dir: t.dir, env }, file, 'nightly', true);
    expect(findings(report)).toEqual(local);
    expect(fx.refused).toEqual([]);
    expect(new Set(fx.requests.map((r) => r.principal))).toEqual(new Set([SCANNER]));
    const peaks = expectWithinBudget(fx.requests, ofProject, BUDGET);
    expect(peaks.get(SHOP_PROD.id)?.total).toBeGreaterThan(allowed(BUDGET, 1000));
    figures('GCP, 1 worker, project', fx.requests.filter(ofProject), peaks.get(SHOP_PROD.id)?.peak ?? 0);
    fx.requests.length = 0;
  }, 180_000);

  it('four workers running two scans of the project at once: never above the budget', async () => {
    const schema = freshSchema();
    const file = config('gcp-four', schema, freshPrefix());
    await startWorkers(file, 4, env);
    const [nightly, weekly] = await Promise.all([
      runScan({ dir: t.dir, env }, file, 'nightly', true),
      runScan({ dir: t.dir, env }, file, 'weekly', true),
    ]);
    expect(findings(nightly.report)).toEqual(local);
    expect(findings(weekly.report)).toEqual(local);
    expect(fx.refused).toEqual([]);
    const peaks = expectWithinBudget(fx.requests, ofProject, BUDGET);
    expect(peaks.get(SHOP_PROD.id)?.total).toBeGreaterThanOrEqual(2 * PAGES);
    expect(await distinctWorkers(schema)).toBeGreaterThanOrEqual(2);
    figures('GCP, 4 workers, project', fx.requests.filter(ofProject), peaks.get(SHOP_PROD.id)?.peak ?? 0);
    fx.requests.length = 0;
  }, 300_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeOrg,
  fakeOrgEnv,
  type OrgRequest,
  peakInWindow,
  startFakeOrg,
} from '../../bench/lib/fake-org.mjs';
import { freshSchema, pgAvailable, sql } from '../store/postgres-helpers.js';
import { freshPrefix, killNow, redisAvailable, runDist } from './helpers.js';
import {
  cleanUpScaleTests,
  runScan,
  scaleTestDir,
  scanArgs,
  workerOf,
  writeScaleConfig,
} from './scale-setup.js';

/*
 * The request budget, measured where the cloud would see it: an AWS organisation simulated by
 * one AWS-compatible endpoint (bench/lib/fake-org.mjs) that tells each request's account from its
 * SigV4 credential (AssumeRole hands each member account its own key) and logs its arrival.
 * Workers are `cloudward worker` child processes; the config sets one budget for every bucket
 * (requests_per_second: RATE, so a bucket of BURST = 2 x RATE).
 *
 * A token bucket lets at most BURST + RATE x W requests through in any window of W seconds; the
 * endpoint sees them a little later than Redis granted them, by a delay that varies (a loaded
 * worker's event loop, its own in-process bucket): SLACK_MS of that drift is allowed on top.
 * Each region holds PAGES pages of security groups, read one page per request at 10 ms each:
 * unpaced, a bucket's pages would all arrive within one second, above what the budget allows
 * there, so the bound is binding. With four workers two scans of the same organisation run at
 * once, so two workers page through each bucket together and only the shared budget in Redis
 * keeps them within it.
 */

const available = (await pgAvailable('endpoint budget')) && (await redisAvailable('endpoint budget'));
const RATE = 5;
const BURST = 2 * RATE;
const SLACK_MS = 500;
const PAGES = 24;
const REGIONS = ['us-east-1', 'eu-west-1'];

const t = scaleTestDir('budget');
const { dir, env: home } = t;
let org: FakeOrg;
let env: Record<string, string>;

/** The most a window of `ms` may hold for one bucket. */
const allowed = (ms: number) => BURST + Math.ceil((RATE * (ms + SLACK_MS)) / 1000);

function config(name: string, schema: string, prefix?: string, regions: readonly string[] = REGIONS): string {
  const checks = '[aws.ec2.no_admin_ports_from_ipv4_internet, aws.iam.password_policy_min_length]';
  return writeScaleConfig(dir, name, {
    schema,
    prefix,
    queue: { concurrency: 2, stall_timeout_ms: 5000 },
    providers: {
      org: `{ type: aws, regions: [${regions.join(', ')}], organization: { role: CloudwardAudit }, requests_per_second: ${RATE}, max_attempts: 2 }`,
    },
    audits: {
      nightly: `{ providers: [org], checks: ${checks}, store: main }`,
      weekly: `{ providers: [org], checks: ${checks}, store: main }`,
    },
  });
}

interface Outcome {
  findings: string[];
  couldNotEvaluate: number;
}

async function scan(file: string, audit: string, distributed: boolean): Promise<Outcome> {
  const { report } = await runScan({ dir, env }, file, audit, distributed);
  return {
    findings: report.findings
      .map((f) => `${f.com.finding_id} ${f.com.status} ${f.com.account} ${f.com.region}`)
      .sort(),
    couldNotEvaluate: report.could_not_evaluate.length,
  };
}

/** Every bucket, and every account (its buckets' budgets together), within the budget in windows of 1 and 3 s. */
function expectWithinBudget(requests: readonly OrgRequest[]): void {
  const bucketsOf = new Map<string, Set<string>>();
  for (const r of requests) {
    const set = bucketsOf.get(r.account) ?? new Set<string>();
    bucketsOf.set(r.account, set);
    set.add(r.bucket);
  }
  for (const ms of [1000, 3000]) {
    for (const [bucket, { peak }] of peakInWindow(requests, ms, (r) => r.bucket)) {
      expect(peak, `requests of ${bucket} within ${ms} ms`).toBeLessThanOrEqual(allowed(ms));
    }
    for (const [account, { peak }] of peakInWindow(requests, ms, (r) => r.account)) {
      const buckets = bucketsOf.get(account)?.size ?? 0;
      expect(peak, `requests of account ${account} within ${ms} ms`).toBeLessThanOrEqual(
        buckets * allowed(ms),
      );
    }
  }
}

/** The security-group buckets carried more than one second of budget: unpaced, they would break it. */
function expectBudgetBinding(requests: readonly OrgRequest[], scans: number): void {
  const groups = [...peakInWindow(requests, 1000, (r) => (r.service === 'ec2' ? r.bucket : undefined))];
  expect(groups).toHaveLength(org.org.length * REGIONS.length);
  for (const [bucket, { total }] of groups) {
    expect(total, bucket).toBe(PAGES * scans);
    expect(total, bucket).toBeGreaterThan(allowed(1000));
  }
}

let local: Outcome;

beforeAll(async () => {
  if (!available) return;
  org = await startFakeOrg({ accounts: 3, groups: PAGES, latencyMs: 10, pageSize: 1 });
  env = { ...fakeOrgEnv(org.url), ...home };
  local = await scan(config('local', freshSchema()), 'nightly', false);
  expect(org.refused).toEqual([]);
  expect(org.unserved).toEqual([]);
  expect(local.findings.length).toBeGreaterThan(0);
  expect(local.couldNotEvaluate).toBe(0);
  // the one-process scan keeps the budget too
  expectWithinBudget(org.requests);
  expectBudgetBinding(org.requests, 1);
  org.reset();
}, 120_000);

afterEach(() => {
  org?.reset();
});

afterAll(async () => {
  await org?.close();
}, 60_000);

// registered after the endpoint's hooks, so it runs before them: the workers are gone before the
// endpoint's log is reset
cleanUpScaleTests(t, available);

async function startWorkers(file: string, n: number, to: Record<string, string> = env): Promise<void> {
  // one after the other: several node processes starting at once on a loaded machine take long.
  // Each names itself in the SDK's user agent, so the endpoint tells whose request it is
  for (let i = 0; i < n; i++) {
    await workerOf(t, file, { ...to, AWS_SDK_UA_APP_ID: `worker-${i}` });
  }
}

/**
 * sts:AssumeRole lands on the management account's STS (the workers sign with its keys): every
 * call within the budget of that one bucket, and each worker assumes a member account's role at
 * most once, whatever number of units and scans of that account it runs. Returns the calls per worker.
 */
function expectAssumeRolesBounded(requests: readonly OrgRequest[], members: number): Map<string, number> {
  const management = org.org[0]?.id;
  const calls = requests.filter((r) => r.service === 'sts' && r.action === 'AssumeRole');
  expect(calls.length).toBeGreaterThanOrEqual(members);
  const perWorker = new Map<string, number>();
  for (const r of calls) {
    expect(r.account).toBe(management);
    expect(r.app, 'AssumeRole sent by a worker').toMatch(/^worker-\d+$/);
    perWorker.set(r.app as string, (perWorker.get(r.app as string) ?? 0) + 1);
  }
  for (const [worker, n] of perWorker)
    expect(n, `AssumeRole calls of ${worker}`).toBeLessThanOrEqual(members);
  for (const ms of [1000, 3000]) {
    for (const [, { peak }] of peakInWindow(calls, ms, () => 'assume-role')) {
      expect(peak, `AssumeRole calls within ${ms} ms`).toBeLessThanOrEqual(allowed(ms));
    }
  }
  return perWorker;
}

describe.skipIf(!available)('the request rate per account at a fake AWS endpoint', () => {
  it('one worker: never above the budget, same findings as one process', async () => {
    const schema = freshSchema();
    const file = config('one', schema, freshPrefix());
    await startWorkers(file, 1);
    expect(await scan(file, 'nightly', true)).toEqual(local);
    expect(org.refused).toEqual([]);
    expectWithinBudget(org.requests);
    expectBudgetBinding(org.requests, 1);
    // one worker ran every unit: each member account's role assumed exactly once
    const perWorker = expectAssumeRolesBounded(org.requests, org.org.length - 1);
    expect([...perWorker.values()]).toEqual([org.org.length - 1]);
    console.log(`AssumeRole, one worker: per worker ${JSON.stringify(Object.fromEntries(perWorker))}`);
  }, 120_000);

  it('four workers running two scans of the organisation at once: never above the budget', async () => {
    const schema = freshSchema();
    const file = config('four', schema, freshPrefix());
    await startWorkers(file, 4);
    const [nightly, weekly] = await Promise.all([scan(file, 'nightly', true), scan(file, 'weekly', true)]);
    expect(nightly).toEqual(local);
    expect(weekly).toEqual(local);
    expect(org.refused).toEqual([]);
    expectWithinBudget(org.requests);
    expectBudgetBinding(org.requests, 2);
    // two scans, yet no worker assumed a role twice: the credentials outlive a scan, and the
    // units of one account a worker runs at once share one AssumeRole
    const perWorker = expectAssumeRolesBounded(org.requests, org.org.length - 1);
    console.log(
      `AssumeRole, four workers and two scans: per worker ${JSON.stringify(Object.fromEntries(perWorker))}`,
    );
    // the units were spread over the workers
    const ran = await sql<{ workers: string }>(
      `SELECT count(DISTINCT worker)::text AS workers FROM "${schema}".scale_units`,
    );
    expect(Number(ran[0]?.workers)).toBeGreaterThan(1);
  }, 300_000);

  it('four workers, many member accounts: AssumeRole at the management account within its budget', async () => {
    // more roles to assume than one second of the STS budget lets through: unpaced, the workers'
    // first units would send them all at once
    const many = await startFakeOrg({ accounts: 25, groups: 1, latencyMs: 10 });
    const previous = org;
    org = many;
    try {
      const to = { ...env, ...fakeOrgEnv(many.url) };
      const file = config('many', freshSchema(), freshPrefix(), ['eu-west-1']);
      await startWorkers(file, 4, to);
      const r = await runDist(scanArgs(file, 'nightly', { distributed: true, json: true }), to);
      expect(r.code, r.stderr).toBe(0);
      expect(many.refused).toEqual([]);
      const members = many.org.length - 1;
      expect(members).toBeGreaterThan(allowed(1000));
      const perWorker = expectAssumeRolesBounded(many.requests, members);
      // the workers' first GetCallerIdentity is paced in the STS bucket of the account the plan
      // found for the credentials, with the AssumeRole calls it sends: counted in that bucket's
      // bound. Only the planner's own (one per scan, sent before any answer names the account)
      // is paced in a bucket of its own and left out
      const management = many.org[0]?.id;
      const isIdentity = (q: OrgRequest) => q.account === management && q.action === 'GetCallerIdentity';
      const byWorkers = many.requests.filter((q) => isIdentity(q) && /^worker-\d+$/.test(q.app ?? ''));
      expect(byWorkers.length).toBeGreaterThan(0);
      expectWithinBudget(many.requests.filter((q) => !(isIdentity(q) && q.app === undefined)));
      const assumed = [...perWorker.values()].reduce((a, b) => a + b, 0);
      console.log(
        `AssumeRole: ${assumed} calls for ${members} member accounts, per worker ${JSON.stringify(Object.fromEntries(perWorker))}`,
      );
    } finally {
      await Promise.all(t.children.splice(0).map(killNow));
      org = previous;
      await many.close();
    }
  }, 300_000);
});

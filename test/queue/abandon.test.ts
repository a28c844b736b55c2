import { Queue } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeQueuedJobs } from '../../src/audit/scale-tidy.js';
import { openStore } from '../../src/store/index.js';
import type { ScaleOutStore } from '../../src/store/scale-out.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, PG_URL, pgAvailable, sql } from '../store/postgres-helpers.js';
import { freshPrefix, killNow, redisAvailable, runDist, testRedis } from './helpers.js';
import {
  cleanUpScaleTests,
  followScan,
  scaleTestDir,
  scanArgs,
  workerOf,
  writeDemoConfig,
} from './scale-setup.js';

/*
 * A distributed scan that cannot finish is abandoned: its jobs no worker took are removed from
 * the queue, its units are marked abandoned (queue status shows the scan once, with the reason),
 * and a worker that meets one of its jobs anyway (taken before, or left in the queue) writes
 * nothing for it.
 */

const available = (await pgAvailable('abandon')) && (await redisAvailable('abandon'));
const t = scaleTestDir('abandon');
const { dir, env } = t;
const stores: Store[] = [];
const queues: Queue[] = [];

cleanUpScaleTests(t, available);
// registered after the clean-up, so they run before it: nothing holds the schemas when they are dropped
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
});
afterAll(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const config = (name: string, schema: string, prefix: string, snapshot = 'day1'): string =>
  writeDemoConfig(dir, name, { schema, prefix, queue: { concurrency: 2, attempts: 1 }, snapshot });

async function scaleOf(schema: string): Promise<ScaleOutStore> {
  const store = await openStore({ type: 'postgres', url: PG_URL, schema });
  stores.push(store);
  if (!store.scaleOut) throw new Error('no scale-out store');
  return store.scaleOut;
}

/** Polls `probe` until it returns true (every 100 ms, at most `ms`). */
async function until(what: string, probe: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The scan queue under `prefix`, closed after the test. */
function queueOn(prefix: string): Queue {
  const queue = new Queue('scan-units', { connection: testRedis(), prefix });
  queues.push(queue);
  return queue;
}

/**
 * A distributed scan on a schema and queue of its own, resolved once the starter has queued a job
 * for every unit it planned (no worker: they all wait).
 */
async function queuedScan(name: string) {
  const schema = freshSchema();
  const prefix = freshPrefix();
  const file = config(name, schema, prefix);
  const scan = await followScan(t, file);
  const queue = queueOn(prefix);
  await until('every unit queued', async () => {
    const planned = (await unitRows(schema)).length;
    return planned > 0 && (await queue.getJobCounts('waiting')).waiting === planned;
  });
  return { schema, prefix, file, queue, ...scan };
}

const unitRows = (schema: string) =>
  sql<{ unit_key: string; status: string; writes: number }>(
    `SELECT unit_key, status, writes FROM "${schema}".scale_units ORDER BY unit_key`,
  );
const collections = async (schema: string) =>
  (await sql<{ n: number }>(`SELECT count(*)::integer AS n FROM "${schema}".scale_collections`))[0]?.n;

/** Every unit of the schema abandoned, none written. */
async function expectAllAbandoned(schema: string): Promise<void> {
  expect((await unitRows(schema)).every((u) => u.status === 'abandoned' && u.writes === 0)).toBe(true);
}

interface StatusJson {
  jobs: Record<string, number>;
  units: {
    scan_id: string;
    waiting: number;
    running: number;
    abandoned: number;
    finished: boolean;
    abandoned_reason: string | null;
  }[];
}

async function statusJson(file: string): Promise<StatusJson> {
  const status = await runDist(['queue', 'status', '--config', file, '--json'], env);
  expect(status.code, status.stderr).toBe(0);
  return JSON.parse(status.stdout) as StatusJson;
}

describe.skipIf(!available)('abandoning a distributed scan', () => {
  it('the store fences a unit running, a unit not started and an evaluation; a scan being committed is kept', async () => {
    const schema = freshSchema();
    const scale = await scaleOf(schema);
    const units = ['a', 'b', 'c'].map((k) => ({
      key: k,
      provider_ord: 0,
      account: `acct-${k}`,
      region: 'r',
    }));
    await scale.createScan('s1', 'nightly', {}, units);
    expect(await scale.startUnit('s1', 'a', 'w1')).toBe('run');
    expect(await scale.abandonScan('s1', 'the evaluation of account x failed')).toBe('abandoned');

    const part = {
      cloud: 'aws' as const,
      account: 'acct-a',
      account_ord: 0,
      collections: [{ seq: 0, collection: { type: 't', region: 'r', resources: [] } as never }],
    };
    // the unit that was running when its scan was given up writes nothing
    expect(await scale.completeUnit('s1', 'a', [part], 'w1')).toBe('abandoned');
    expect(await scale.startUnit('s1', 'b', 'w2')).toBe('abandoned');
    expect(await scale.saveEvaluation('s1', 0, 'acct-a', 0, { evaluation: {} })).toBe(false);
    expect(await collections(schema)).toBe(0);
    expect((await unitRows(schema)).map((u) => [u.unit_key, u.status, u.writes])).toEqual([
      ['a', 'abandoned', 0],
      ['b', 'abandoned', 0],
      ['c', 'abandoned', 0],
    ]);
    expect(await scale.scanRecord('s1')).toMatchObject({
      finished: false,
      abandoned: 'the evaluation of account x failed',
    });
    expect(await scale.progress('s1')).toMatchObject({ abandoned: 'the evaluation of account x failed' });
    expect(await scale.openScans('nightly')).toEqual([]);
    expect(await scale.abandonScan('s1', 'again')).toBe('ended');
    expect(await scale.beginCommit('s1')).toBe(false);
    expect(await scale.abandonScan('nope', 'x')).toBe('unknown');

    // a scan whose commit began is not abandoned under its committer
    await scale.createScan('s2', 'nightly', {}, units);
    expect(await scale.openScans('nightly')).toEqual(['s2']);
    expect(await scale.beginCommit('s2')).toBe(true);
    expect(await scale.abandonScan('s2', 'x')).toBe('committing');
    expect(await scale.startUnit('s2', 'a', 'w1')).toBe('run');
    // its committer gives it up when its commit failed (a watch run is not resumed)
    expect(await scale.abandonScan('s2', 'its commit failed: x', true)).toBe('abandoned');
  });

  it('a unit written while its scan is abandoned leaves nothing behind, whichever goes first', async () => {
    const schema = freshSchema();
    const scale = await scaleOf(schema);
    const units = Array.from({ length: 20 }, (_, i) => ({
      key: `u${i}`,
      provider_ord: 0,
      account: `acct-${i}`,
      region: 'r',
    }));
    for (let round = 0; round < 10; round++) {
      const scanId = `race${round}`;
      await scale.createScan(scanId, 'nightly', {}, units);
      const writes = units.map((u, i) =>
        scale.completeUnit(
          scanId,
          u.key,
          [
            {
              cloud: 'aws',
              account: u.account,
              account_ord: i,
              collections: [{ seq: 0, collection: { type: 't', region: 'r', resources: [] } as never }],
            },
          ],
          'w',
        ),
      );
      const [outcome] = await Promise.all([scale.abandonScan(scanId, 'race'), ...writes]);
      expect(outcome).toBe('abandoned');
      const rows = await sql<{ n: number }>(
        `SELECT count(*)::integer AS n FROM "${schema}".scale_collections WHERE scan_id = $1`,
        [scanId],
      );
      expect(rows[0]?.n, scanId).toBe(0);
      const left = await sql<{ status: string }>(
        `SELECT status FROM "${schema}".scale_units WHERE scan_id = $1 AND status NOT IN ('done', 'abandoned')`,
        [scanId],
      );
      expect(left, scanId).toEqual([]);
    }
  });

  it('removes only the jobs of the scan that no worker took', async () => {
    const queue = queueOn(freshPrefix());
    await queue.addBulk([
      { name: 'unit', data: { scanId: 'S1' }, opts: { jobId: 'S1.u.0' } },
      { name: 'unit', data: { scanId: 'S1' }, opts: { jobId: 'S1.u.1', delay: 60_000 } },
      { name: 'account', data: { scanId: 'S1' }, opts: { jobId: 'S1.a.0.acct' } },
      { name: 'unit', data: { scanId: 'S10' }, opts: { jobId: 'S10.u.0' } },
      { name: 'unit', data: { scanId: 'S2' }, opts: { jobId: 'S2.u.0', delay: 60_000 } },
    ]);
    expect(await removeQueuedJobs(queue as never, 'S1')).toBe(3);
    const left = await queue.getRanges(['waiting', 'delayed'], 0, -1, true);
    expect(left.sort()).toEqual(['S10.u.0', 'S2.u.0']);
    expect(await removeQueuedJobs(queue as never, 'S1')).toBe(0);
  });

  it('queue clear: the starter stops saying why, the jobs are gone, status shows the scan abandoned once', async () => {
    const { schema, file, queue, scanId, exit, log } = await queuedScan('clear');

    const missing = await runDist(['queue', 'clear', '--config', file], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--audit/);

    const r = await runDist(['queue', 'clear', '--config', file, '--audit', 'nightly'], env);
    expect(r.code, r.stderr).toBe(0);
    const planned = (await unitRows(schema)).length;
    expect(r.stdout).toContain(`scan ${scanId}: abandoned, ${planned} queued jobs removed`);
    expect((await queue.getJobCounts('waiting', 'delayed')).waiting).toBe(0);

    // the process following the scan stops, and does not offer to resume it
    expect(await exit).not.toBe(0);
    expect(log()).toContain('cleared by an operator (queue clear)');
    expect(log()).not.toMatch(/--resume/);

    await expectAllAbandoned(schema);
    const s = await statusJson(file);
    expect(s.units.length).toBeGreaterThan(0);
    for (const u of s.units) {
      expect(u).toMatchObject({
        scan_id: scanId,
        waiting: 0,
        running: 0,
        finished: false,
        abandoned_reason: 'cleared by an operator (queue clear)',
      });
    }
    expect(s.units.reduce((n, u) => n + u.abandoned, 0)).toBe(planned);
    // for people: in the terminal's width, the scan said abandoned once, with its reason
    const text = await runDist(['queue', 'status', '--config', file], { ...env, COLUMNS: '50' });
    const lines = text.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(50);
    const said = lines.join(' ').replace(/\s+/g, ' ');
    expect(said).toContain(`nightly scan ${scanId} abandoned: cleared by an operator (queue clear)`);
    expect(said).toContain('no scan in progress');
    expect(said.match(/ abandoned: /g)).toHaveLength(1);

    const again = await runDist(['queue', 'clear', '--config', file, '--audit', 'nightly'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('audit nightly: no scan in progress, nothing to clear');

    const resume = await runDist(scanArgs(file, 'nightly', { resume: scanId }), env);
    expect(resume.code).not.toBe(0);
    expect(resume.stderr).toContain('the scan was abandoned (cleared by an operator (queue clear))');
    expect((await runDist(['queue', 'clear', '--help'], env)).code).toBe(0);
  }, 120_000);

  it('a worker that meets a job of an abandoned scan runs nothing, writes nothing and says why', async () => {
    const { schema, file, queue, scanId, child } = await queuedScan('left');
    await killNow(child);
    // abandoned in the store only: its jobs stay in the queue, as when Redis was away then
    expect(await (await scaleOf(schema)).abandonScan(scanId, 'its run failed')).toBe('abandoned');
    const jobs = (await queue.getJobCounts('waiting')).waiting ?? 0;
    expect(jobs).toBeGreaterThan(0);
    const worker = await workerOf(t, file);
    await until('every job taken and finished', async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed');
      return c.completed === jobs && !c.waiting && !c.active && !c.delayed;
    });
    await until('the worker logs why', async () =>
      worker.log().includes(`scan ${scanId} was abandoned (its run failed): unit`),
    );
    expect(await collections(schema)).toBe(0);
    await expectAllAbandoned(schema);
  }, 120_000);

  it('a unit a worker refuses for good abandons the scan: its other jobs are removed, the error says so', async () => {
    const schema = freshSchema();
    const prefix = freshPrefix();
    const file = config('refused', schema, prefix);
    // a worker whose provider config differs refuses every unit of the scan
    const other = config('refused-worker', schema, prefix, 'day2');
    const { scanId, exit, log } = await followScan(t, file);
    await workerOf(t, other);
    expect(await exit).not.toBe(0);
    expect(log()).toMatch(/failed on a worker: .*differs from the config of scan/);
    expect(log()).toContain('the scan is abandoned');
    expect(log()).not.toMatch(/--resume/);
    expect((await queueOn(prefix).getJobCounts('waiting', 'delayed')).waiting).toBe(0);
    await expectAllAbandoned(schema);
    const s = await statusJson(file);
    expect(s.units.every((u) => u.scan_id === scanId && u.waiting === 0)).toBe(true);
    expect(s.units[0]?.abandoned_reason).toMatch(/failed on a worker/);
  }, 120_000);
});

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  dropPrefixes,
  freshPrefix,
  killNow,
  REDIS_URL,
  redisAvailable,
  runDist,
  startWorker,
  testRedis,
} from '../queue/helpers.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from '../store/postgres-helpers.js';
import { startReplica, type WatchChild } from './child.js';
import { startReceiver, until } from './receiver.js';

/*
 * `cloudward watch` replicas with `watch: { distributed: true }` and `cloudward worker`s, all
 * child processes of the built CLI (dist/) on real Redis and PostgreSQL: the leader's scheduled
 * scan is split into units the workers run; it commits the findings a one-process scan gives;
 * a leader killed -9 mid-scan is replaced by a replica that resumes the same scan, which
 * commits once and alerts once.
 */

const available = (await pgAvailable('distributed watch')) && (await redisAvailable('distributed watch'));
/** seconds: a dead leader is replaced within this plus a third */
const LEASE = 2;
const dir = mkdtempSync(join(tmpdir(), 'cw-dist-watch-'));
const env = { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'xdg') };
const workers: ChildProcess[] = [];
const replicas: WatchChild[] = [];
const cleanup: (() => Promise<unknown>)[] = [];

/** The demo estate (three clouds, several accounts and regions: many units), on a schedule far off: one initial run. */
function writeConfig(
  name: string,
  o: { schema: string; prefix?: string; hook?: string; exclude?: string },
): string {
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${o.schema}`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'stores:',
      `  main: { type: postgres, url: "${url}" }`,
      'defaults: { store: main }',
      ...(o.prefix
        ? [
            `queue: { type: redis, url: "${REDIS_URL}", prefix: ${o.prefix}, concurrency: 2, stall_timeout_ms: 1500, attempts: 3 }`,
            'watch: { distributed: true }',
          ]
        : []),
      ...(o.hook ? ['notifiers:', `  soc: { type: webhook, url: "${o.hook}" }`] : []),
      'providers:',
      '  demo: { type: demo }',
      'audits:',
      `  prod: { providers: [demo], store: main, schedule: "0 3 1 1 *"${o.hook ? ', notify: [soc]' : ''}${o.exclude ? `, exclude_checks: [${o.exclude}]` : ''} }`,
    ].join('\n'),
  );
  return file;
}

/** What a scan committed, in its order: each result's finding, status and message, and each finding's state. */
async function committed(schema: string, scanId: string) {
  const results = await sql<{ finding_id: string; status: string; message: string }>(
    `SELECT finding_id, status, message FROM "${schema}".results WHERE scan_id = $1 ORDER BY seq`,
    [scanId],
  );
  const findings = await sql<{ finding_id: string; state: string }>(
    `SELECT finding_id, state FROM "${schema}".findings WHERE audit_key = 'prod' ORDER BY finding_id`,
  );
  return {
    results: results.map((r) => `${r.finding_id} ${r.status} ${r.message}`),
    findings: findings.map((f) => `${f.finding_id} ${f.state}`),
  };
}

const scansOf = (schema: string) =>
  sql<{ id: string; label: string | null; status: string }>(
    `SELECT id, label, status FROM "${schema}".scans ORDER BY id`,
  );

/** The scheduled runs once none is running (the leader records a run done just after its scan's log line). */
async function settledRuns(schema: string) {
  const runs = () => sql(`SELECT tick, status, claims, scan_id FROM "${schema}".watch_runs`);
  await until(async () => (await runs()).every((r) => r.status !== 'running'), 'the run recorded', 30_000);
  return runs();
}

async function replica(config: string) {
  return (await startReplica(config, { lease: LEASE, cwd: dir, env, running: replicas })).child;
}

async function worker(config: string): Promise<void> {
  const w = await startWorker(config, env);
  workers.push(w.child);
}

let local: Awaited<ReturnType<typeof committed>>;

beforeAll(async () => {
  if (!available) return;
  // the one-process scan the scheduled run in one process makes (scanAudit), as the reference
  const schema = freshSchema();
  const r = await runDist(
    ['scan', '--config', writeConfig('local', { schema }), '--audit', 'prod', '--no-progress'],
    env,
  );
  expect([0, 1], r.stderr).toContain(r.code);
  const [scan] = await scansOf(schema);
  local = await committed(schema, scan?.id as string);
  expect(local.results.length).toBeGreaterThan(0);
}, 120_000);

afterEach(async () => {
  for (const r of replicas.splice(0)) await r.kill('SIGKILL');
  await Promise.all(workers.splice(0).map(killNow));
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

afterAll(async () => {
  if (available) {
    await dropSchemas();
    await dropPrefixes();
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!available)('watch.distributed: scheduled scans on the workers', () => {
  it('the leader splits its scheduled scan into units for two workers and commits the one-process findings', {
    timeout: 240_000,
  }, async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    const schema = freshSchema();
    const config = writeConfig('together', { schema, prefix: freshPrefix(), hook: receiver.url });
    await Promise.all([worker(config), worker(config)]);
    const leader = await replica(config);
    const [, scanId] = await leader.line(/audit prod: scan (\S+) complete/, 180_000);
    expect(leader.lines.join('\n')).toMatch(/audit prod: initial scan started on the workers/);
    expect(leader.lines.join('\n')).not.toMatch(/no worker is connected/);

    expect(await committed(schema, scanId as string)).toEqual(local);
    // labelled as any scheduled run, so the schedule sees it as the audit's last run
    expect(await scansOf(schema)).toEqual([{ id: scanId, label: 'scheduled', status: 'complete' }]);
    const runs = await settledRuns(schema);
    expect(runs).toEqual([{ tick: 'initial', status: 'done', claims: 1, scan_id: scanId }]);
    const units = await sql<{ status: string; writes: number; worker: string }>(
      `SELECT status, writes, worker FROM "${schema}".scale_units WHERE scan_id = $1`,
      [scanId],
    );
    expect(units.length).toBeGreaterThan(1);
    for (const u of units) expect(u).toMatchObject({ status: 'done', writes: 1 });

    // the first scan of the audit: one baseline message, sent once
    await until(() => receiver.deliveries().some((d) => d.source === 'prod'), 'the alert', 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.deliveries().filter((d) => d.source === 'prod')).toHaveLength(1);
  });

  it('a leader killed -9 mid-scan: the next leader resumes the same scan, which commits and alerts once', {
    timeout: 240_000,
  }, async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    const schema = freshSchema();
    const prefix = freshPrefix();
    const config = writeConfig('takeover', { schema, prefix, hook: receiver.url });
    // no worker yet: the leader queues every unit and follows
    const first = await replica(config);
    const [, scanId, planned] = await first.line(/scan (\S+): (\d+) units queued for the workers/, 120_000);
    // killed once every unit's job is in the queue (the line comes as they are being added)
    const redis = testRedis();
    cleanup.push(async () => redis.disconnect());
    await until(
      async () => (await redis.llen(`${prefix}:scan-units:wait`)) === Number(planned),
      'the units queued',
      60_000,
    );
    await first.kill('SIGKILL');
    const done = async () =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${schema}".scale_units WHERE scan_id = $1 AND status = 'done'`,
          [scanId],
        )
      )[0]?.n ?? 0;
    // the units go on without a leader: some are written before the next leader comes
    await worker(config);
    await until(async () => (await done()) > 0, 'a unit written', 60_000);
    const second = await replica(config);
    const [, written] = await second.line(
      new RegExp(`scan ${scanId}: resumed, (\\d+) of ${planned} units written`),
      (LEASE * 4 + 60) * 1000,
    );
    expect(Number(written)).toBeGreaterThan(0);
    await second.line(new RegExp(`audit prod: scan ${scanId} complete`), 180_000);

    expect(await committed(schema, scanId as string)).toEqual(local);
    expect(await scansOf(schema)).toEqual([{ id: scanId, label: 'scheduled', status: 'complete' }]);
    // the tick, claimed by each leader, done once with the scan the first one started
    const runs = await settledRuns(schema);
    expect(runs).toEqual([{ tick: 'initial', status: 'done', claims: 2, scan_id: scanId }]);
    // no unit written twice: what was written before the takeover was not run again
    const units = await sql<{ status: string; writes: number }>(
      `SELECT status, writes FROM "${schema}".scale_units WHERE scan_id = $1`,
      [scanId],
    );
    expect(units).toHaveLength(Number(planned));
    for (const u of units) expect(u).toMatchObject({ status: 'done', writes: 1 });

    await until(() => receiver.deliveries().some((d) => d.source === 'prod'), 'the alert', 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.deliveries().filter((d) => d.source === 'prod')).toHaveLength(1);
  });

  it('refuses to start when the leader could not note its scans in PostgreSQL (a SQLite --state)', async () => {
    const config = writeConfig('sqlite-state', { schema: freshSchema(), prefix: freshPrefix() });
    const r = await runDist(
      ['watch', '--config', config, '--state', join(dir, 'state.db'), '--no-http'],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /watch\.distributed: the leader notes each scheduled scan with its tick in the PostgreSQL state store, so a new leader resumes it; the state store .*state\.db is not PostgreSQL/,
    );
  }, 120_000);

  it('a scan the next leader cannot resume (its checks changed) is replaced by a new one, saying why', {
    timeout: 240_000,
  }, async () => {
    const schema = freshSchema();
    const prefix = freshPrefix();
    const first = await replica(writeConfig('before', { schema, prefix }));
    const [, old] = await first.line(/scan (\S+): \d+ units queued for the workers/, 120_000);
    await first.kill('SIGKILL');
    // the config now leaves a check out: the scan's plan is not this audit's any more
    const config = writeConfig('after', {
      schema,
      prefix,
      exclude: 'aws.ec2.no_admin_ports_from_ipv4_internet',
    });
    await worker(config);
    const second = await replica(config);
    await second.line(
      new RegExp(
        `audit prod: scan ${old} cannot be resumed, a new scan starts \\(--resume ${old}: the config selects`,
      ),
      (LEASE * 4 + 60) * 1000,
    );
    // the scan replaced is abandoned: its jobs left the queue, its units no longer wait
    await second.line(new RegExp(`scan ${old}: abandoned \\(replaced by a new scan`), 60_000);
    const [, scanId] = await second.line(/audit prod: scan (\S+) complete/, 180_000);
    expect(scanId).not.toBe(old);
    const [oldScan] = await sql<{ abandoned: string | null }>(
      `SELECT abandoned FROM "${schema}".scale_scans WHERE scan_id = $1`,
      [old],
    );
    expect(oldScan?.abandoned).toMatch(/^replaced by a new scan \(--resume /);
    expect(
      await sql(
        `SELECT unit_key FROM "${schema}".scale_units WHERE scan_id = $1 AND status IN ('waiting', 'running')`,
        [old],
      ),
    ).toEqual([]);
    expect(await scansOf(schema)).toEqual([{ id: scanId, label: 'scheduled', status: 'complete' }]);
    const runs = await settledRuns(schema);
    expect(runs).toEqual([{ tick: 'initial', status: 'done', claims: 2, scan_id: scanId }]);
  });
});

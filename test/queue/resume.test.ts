import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, pgAvailable, sql } from '../store/postgres-helpers.js';
import { freshPrefix, killNow, redisAvailable, runDist, startCli } from './helpers.js';
import {
  cleanUpScaleTests,
  followScan,
  runScan,
  type ScanReport,
  scaleTestDir,
  scanArgs,
  workerOf,
  writeDemoConfig,
} from './scale-setup.js';

/*
 * A distributed scan whose starting process died (kill -9) after it queued the units is picked
 * up with `scan --distributed --resume SCAN_ID`: what the workers wrote meanwhile is kept, the
 * scan commits once, with the findings of a one-process scan.
 */

const available = (await pgAvailable('resume')) && (await redisAvailable('resume'));
const t = scaleTestDir('resume');
const { dir, env } = t;
cleanUpScaleTests(t, available);

const config = (name: string, schema: string, prefix?: string): string =>
  writeDemoConfig(dir, name, { schema, prefix, queue: { concurrency: 2 } });

const findings = (report: ScanReport) =>
  report.findings.map((f) => `${f.com.finding_id} ${f.com.state} ${f.com.status}`);

let local: string[];

beforeAll(async () => {
  if (!available) return;
  local = findings((await runScan(t, config('local', freshSchema()), 'nightly', false)).report);
  expect(local.length).toBeGreaterThan(0);
}, 120_000);

describe.skipIf(!available)('scan --distributed --resume', () => {
  it('picks up a scan whose starter was killed -9: the workers went on, the resumed scan commits it once', async () => {
    const schema = freshSchema();
    const file = config('resume', schema, freshPrefix());
    // no worker yet: the starter queues every unit and waits
    const { child: starter, scanId } = await followScan(t, file);
    await killNow(starter);
    const worker = await workerOf(t, file, env, ['--metrics-port', '0']);
    const metricsUrl = /worker metrics on (\S+)/.exec(worker.log())?.[1];
    expect(metricsUrl, worker.log()).toBeDefined();

    const { report, stderr } = await runScan(t, file, 'nightly', true, scanId);
    expect(stderr).toMatch(new RegExp(`scan ${scanId}: resumed`));
    expect(findings(report)).toEqual(local);
    expect(report.scan.id).toBe(scanId);

    const rows = await sql<{ status: string; writes: number }>(
      `SELECT status, writes FROM "${schema}".scale_units WHERE scan_id = $1`,
      [scanId],
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const u of rows) expect(u).toMatchObject({ status: 'done', writes: 1 });
    const scans = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".scans`);
    expect(scans[0]?.n).toBe(1);

    // the worker's Prometheus metrics count what it ran: every unit written, every account evaluated
    const metrics = await (await fetch(metricsUrl as string)).text();
    const value = (line: RegExp) => Number(line.exec(metrics)?.[1]);
    expect(value(/^cloudward_worker_units_total\{outcome="done"\} (\d+)$/m)).toBe(rows.length);
    const accounts = await sql<{ n: number }>(
      `SELECT count(DISTINCT account)::int AS n FROM "${schema}".scale_units WHERE scan_id = $1`,
      [scanId],
    );
    expect(value(/^cloudward_worker_account_evaluations_total\{outcome="done"\} (\d+)$/m)).toBe(
      accounts[0]?.n,
    );
    expect(value(/^process_resident_memory_bytes (\d+)/m)).toBeGreaterThan(0);

    // committed: it cannot be resumed again
    const again = await runDist(scanArgs(file, 'nightly', { resume: scanId }), env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(`--resume ${scanId}: the scan is committed already`);
  }, 240_000);

  it('takes over the row of a committer killed mid-commit once its lease runs out, under the same scan id', async () => {
    const schema = freshSchema();
    const file = config('held', schema, freshPrefix());
    const { child: starter, scanId } = await followScan(t, file);
    await killNow(starter);
    // what a committer killed -9 while writing the scan leaves: its row, running, under a lease
    // nobody renews any more
    await sql(
      `INSERT INTO "${schema}".scans (id, audit_key, label, started_at, started_ms, status, counts, errors,
                                      lease_token, lease_host, lease_pid, lease_expires_at)
       VALUES ($1, 'nightly', NULL, $2, $3, 'running', '{}'::jsonb, '[]'::jsonb, 'dead-writer', 'gone', 1,
               clock_timestamp() + interval '10 minutes')`,
      [scanId, new Date().toISOString(), Date.now()],
    );
    await workerOf(t, file);

    const out = join(dir, 'held.json');
    // it waits for the dead writer's lease; the lease running out (here: now) lets it take the row
    const resumer = await startCli(
      scanArgs(file, 'nightly', { resume: scanId, output: out }),
      env,
      new RegExp(`scan ${scanId}: its row is still held by a committer that stopped mid-commit`),
      'its row is still held',
      120_000,
    );
    t.children.push(resumer.child);
    await sql(`UPDATE "${schema}".scans SET lease_expires_at = clock_timestamp() WHERE id = $1`, [scanId]);
    expect(await resumer.exit, resumer.log()).toBe(0);
    expect(findings(JSON.parse(readFileSync(out, 'utf8')) as ScanReport)).toEqual(local);
    const scans = await sql<{ id: string; status: string }>(`SELECT id, status FROM "${schema}".scans`);
    expect(scans).toEqual([{ id: scanId, status: 'complete' }]);
  }, 240_000);

  it('refuses a scan id the store does not hold, naming it', async () => {
    const file = config('unknown', freshSchema(), freshPrefix());
    const r = await runDist(scanArgs(file, 'nightly', { resume: '20260101T000000Z' }), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch('--resume 20260101T000000Z: no such scan in the store');
  }, 120_000);
});

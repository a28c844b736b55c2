import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, freshSchema, pgAvailable, sql } from '../store/postgres-helpers.js';
import { dropPrefixes, freshPrefix, killNow, MAIN, redisAvailable, runDist, startWorker } from './helpers.js';
import { scaleTestDir, writeScaleConfig } from './scale-setup.js';

/*
 * A distributed scan whose starting process died (kill -9) after it queued the units is picked
 * up with `scan --distributed --resume SCAN_ID`: what the workers wrote meanwhile is kept, the
 * scan commits once, with the findings of a one-process scan.
 */

const available = (await pgAvailable('resume')) && (await redisAvailable('resume'));
const { dir, env } = scaleTestDir('resume');
const children: ChildProcess[] = [];

const config = (name: string, schema: string, prefix?: string): string =>
  writeScaleConfig(dir, name, {
    schema,
    ...(prefix ? { prefix } : {}),
    queue: { concurrency: 2 },
    providers: { demo: '{ type: demo }' },
    audits: { nightly: '{ providers: [demo], store: main }' },
  });

const findings = (file: string) =>
  (
    JSON.parse(readFileSync(file, 'utf8')) as {
      findings: { com: { finding_id: string; state: string; status: string } }[];
    }
  ).findings.map((f) => `${f.com.finding_id} ${f.com.state} ${f.com.status}`);

/** `scan --distributed` as a child process, resolved with its scan id once it has queued the units. */
function startScan(file: string): Promise<{ child: ChildProcess; scanId: string }> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      'scan',
      '--config',
      file,
      '--audit',
      'nightly',
      '--distributed',
      '--no-progress',
      '--format',
      'json',
    ],
    { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no units queued within 60 s:\n${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /scan (\S+): \d+ units queued/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, scanId: m[1] as string });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scan exited with ${code} before it queued its units:\n${out}`));
    });
  });
}

let local: string[];

beforeAll(async () => {
  if (!available) return;
  const out = join(dir, 'local.json');
  const r = await runDist(
    [
      'scan',
      '--config',
      config('local', freshSchema()),
      '--audit',
      'nightly',
      '--no-progress',
      '--format',
      'json',
      '--output',
      out,
    ],
    env,
  );
  expect(r.code, r.stderr).toBe(0);
  local = findings(out);
  expect(local.length).toBeGreaterThan(0);
}, 120_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map(killNow));
});

afterAll(async () => {
  await Promise.all(children.splice(0).map(killNow));
  if (available) {
    await dropSchemas();
    await dropPrefixes();
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!available)('scan --distributed --resume', () => {
  it('picks up a scan whose starter was killed -9: the workers went on, the resumed scan commits it once', async () => {
    const schema = freshSchema();
    const file = config('resume', schema, freshPrefix());
    // no worker yet: the starter queues every unit and waits
    const { child: starter, scanId } = await startScan(file);
    await killNow(starter);
    const worker = await startWorker(file, env, ['--metrics-port', '0']);
    children.push(worker.child);
    const metricsUrl = /worker metrics on (\S+)/.exec(worker.log())?.[1];
    expect(metricsUrl, worker.log()).toBeDefined();

    const out = join(dir, 'resumed.json');
    const r = await runDist(
      [
        'scan',
        '--config',
        file,
        '--audit',
        'nightly',
        '--distributed',
        '--resume',
        scanId,
        '--no-progress',
        '--format',
        'json',
        '--output',
        out,
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`scan ${scanId}: resumed`));
    expect(findings(out)).toEqual(local);
    expect(JSON.parse(readFileSync(out, 'utf8')).scan.id).toBe(scanId);

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
    const again = await runDist(
      ['scan', '--config', file, '--audit', 'nightly', '--distributed', '--resume', scanId, '--no-progress'],
      env,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(`--resume ${scanId}: the scan is committed already`);
  }, 240_000);

  it('takes over the row of a committer killed mid-commit once its lease runs out, under the same scan id', async () => {
    const schema = freshSchema();
    const file = config('held', schema, freshPrefix());
    const { child: starter, scanId } = await startScan(file);
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
    const worker = await startWorker(file, env);
    children.push(worker.child);

    const out = join(dir, 'held.json');
    const resumer = spawn(
      process.execPath,
      [
        MAIN,
        'scan',
        '--config',
        file,
        '--audit',
        'nightly',
        '--distributed',
        '--resume',
        scanId,
        '--no-progress',
        '--format',
        'json',
        '--output',
        out,
      ],
      { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(resumer);
    let log = '';
    const waiting = new Promise<void>((resolve) => {
      const onData = (b: Buffer) => {
        log += b.toString();
        if (log.includes(`scan ${scanId}: its row is still held by a committer that stopped mid-commit`))
          resolve();
      };
      resumer.stdout?.on('data', onData);
      resumer.stderr?.on('data', onData);
    });
    const exited = new Promise<number | null>((resolve) => resumer.once('exit', resolve));
    // it waits for the dead writer's lease; the lease running out (here: now) lets it take the row
    await Promise.race([waiting, exited]);
    expect(log).toMatch('its row is still held');
    await sql(`UPDATE "${schema}".scans SET lease_expires_at = clock_timestamp() WHERE id = $1`, [scanId]);
    expect(await exited, log).toBe(0);
    expect(findings(out)).toEqual(local);
    const scans = await sql<{ id: string; status: string }>(`SELECT id, status FROM "${schema}".scans`);
    expect(scans).toEqual([{ id: scanId, status: 'complete' }]);
  }, 240_000);

  it('refuses a scan id the store does not hold, naming it', async () => {
    const file = config('unknown', freshSchema(), freshPrefix());
    const r = await runDist(
      [
        'scan',
        '--config',
        file,
        '--audit',
        'nightly',
        '--distributed',
        '--resume',
        '20260101T000000Z',
        '--no-progress',
      ],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch('--resume 20260101T000000Z: no such scan in the store');
  }, 120_000);
});

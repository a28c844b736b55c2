import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, PG_URL, pgAvailable, sql } from '../store/postgres-helpers.js';
import { freshPrefix, redisAvailable, runDist } from './helpers.js';
import {
  cleanUpScaleTests,
  type ReportFinding,
  runScan,
  type ScanReport,
  scaleTestDir,
  scanArgs,
  workerOf,
  writeDemoConfig,
} from './scale-setup.js';

/*
 * `scan --distributed` with `cloudward worker` child processes on real Redis and PostgreSQL
 * gives the findings a one-process scan of the same audit gives, writes each unit once, and
 * survives a worker killed outright mid-scan.
 */

const available = (await pgAvailable('distributed scan')) && (await redisAvailable('distributed scan'));
const t = scaleTestDir('dist');
const { dir, env } = t;
cleanUpScaleTests(t, available);

interface Outcome {
  findings: string[];
  couldNotEvaluate: string[];
}

function outcome(r: ScanReport): Outcome {
  const key = (f: ReportFinding) => `${f.com.finding_id} ${f.com.state} ${f.com.status}`;
  return { findings: r.findings.map(key), couldNotEvaluate: r.could_not_evaluate.map(key) };
}

/** A config of the demo audit on its own PostgreSQL schema; with a queue block when `prefix` is given. */
const config = (name: string, schema: string, prefix?: string): string =>
  writeDemoConfig(dir, name, { schema, prefix, queue: { concurrency: 1 } });

async function workerOn(file: string): Promise<ChildProcess> {
  return (await workerOf(t, file)).child;
}

async function scan(file: string, distributed: boolean) {
  const { report, stderr } = await runScan(t, file, 'nightly', distributed);
  // the workers register under names Redis accepts, so the scan sees them
  expect(stderr).not.toMatch(/no worker is connected/);
  return outcome(report);
}

let local: Outcome;
let localSchema: string;

/** the accounts of the schema's one scan: names and places in the hierarchy */
const accountsOf = async (schema: string) =>
  (await sql<{ accounts: unknown }>(`SELECT accounts FROM "${schema}".scans`)).map((r) => r.accounts);

beforeAll(async () => {
  if (!available) return;
  localSchema = freshSchema();
  local = await scan(config('local', localSchema), false);
  expect(local.findings.length).toBeGreaterThan(0);
  expect(local.couldNotEvaluate.length).toBeGreaterThan(0);
}, 120_000);

const units = (schema: string) =>
  sql<{ unit_key: string; status: string; writes: number; attempts: number; worker: string | null }>(
    `SELECT unit_key, status, writes, attempts, worker FROM "${schema}".scale_units ORDER BY unit_key`,
  );

describe.skipIf(!available)('scan --distributed with worker processes', () => {
  it('one worker: the same findings as a local scan, every unit written once, queue status says done', async () => {
    const schema = freshSchema();
    const file = config('one', schema, freshPrefix());
    await workerOn(file);
    const got = await scan(file, true);
    expect(got).toEqual(local);
    // the same accounts, with their paths (the demo's organisation, management groups, folders)
    const accounts = await accountsOf(schema);
    expect(accounts).toEqual(await accountsOf(localSchema));
    expect(JSON.stringify(accounts)).toContain('"organizational_unit"');
    const rows = await units(schema);
    expect(rows.length).toBeGreaterThan(1);
    for (const u of rows) expect(u, u.unit_key).toMatchObject({ status: 'done', writes: 1 });

    const status = await runDist(['queue', 'status', '--config', file, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout) as {
      jobs: Record<string, number>;
      workers: string[];
      units: {
        account: string;
        waiting: number;
        running: number;
        done: number;
        failed: number;
        finished: boolean;
      }[];
    };
    expect(s.workers).toHaveLength(1);
    expect(s.jobs.failed).toBe(0);
    expect(s.units.reduce((n, u) => n + u.done, 0)).toBe(rows.length);
    expect(s.units.every((u) => u.finished && u.waiting === 0 && u.running === 0 && u.failed === 0)).toBe(
      true,
    );
  }, 120_000);

  it('two workers share the units and give the same findings', async () => {
    const schema = freshSchema();
    const file = config('two', schema, freshPrefix());
    await Promise.all([workerOn(file), workerOn(file)]);
    const got = await scan(file, true);
    expect(got).toEqual(local);
    const rows = await units(schema);
    for (const u of rows) expect(u, u.unit_key).toMatchObject({ status: 'done', writes: 1 });
  }, 120_000);

  it('a worker whose config differs refuses the units, and the scan stops saying so instead of waiting forever', async () => {
    const schema = freshSchema();
    const prefix = freshPrefix();
    const base = readFileSync(config('refused', schema, prefix), 'utf8');
    // the same audit and checks, but the provider is named otherwise: the worker cannot read the scan's providers
    const named = (name: string, file: string) => {
      writeFileSync(
        file,
        base
          .replace('  demo: { type: demo }', `  ${name}: { type: demo }`)
          .replace('providers: [demo]', `providers: [${name}]`),
      );
      return file;
    };
    const file = named('org', join(dir, 'refused-scan.yaml'));
    const other = named('org2', join(dir, 'refused-worker.yaml'));
    await workerOn(other);
    const r = await runDist(scanArgs(file, 'nightly', { distributed: true, json: true }), env);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/failed on a worker: .*providers\.org is missing from the config of scan/);
  }, 120_000);

  it('a worker killed -9 while it runs a unit: the other takes it over, same findings, no unit written twice', async () => {
    const schema = freshSchema();
    const file = config('kill', schema, freshPrefix());
    const [a, b] = await Promise.all([workerOn(file), workerOn(file)]);
    const byWorker = new Map<string, ChildProcess>();
    for (const w of [a, b]) if (w?.pid) byWorker.set(String(w.pid), w);

    // watch scale_units and kill the worker that runs a unit once another unit is done
    const watcher = new pg.Client({ connectionString: PG_URL });
    await watcher.connect();
    let killedUnit: string | undefined;
    let killedWhileRunning = false;
    let stop = false;
    const watching = (async () => {
      while (!stop && !killedUnit) {
        const r = await watcher
          .query<{ unit_key: string; status: string; worker: string | null }>(
            `SELECT unit_key, status, worker FROM "${schema}".scale_units`,
          )
          .catch(() => ({ rows: [] }));
        const done = r.rows.filter((u) => u.status === 'done').length;
        const running = r.rows.find((u) => u.status === 'running');
        const victim = running?.worker ? byWorker.get(running.worker.split(':').pop() ?? '') : undefined;
        if (done >= 1 && running && victim) {
          victim.kill('SIGKILL');
          await new Promise((r) => victim.once('exit', r));
          // on a loaded machine the unit may have been written between the read and the kill
          const after = await watcher.query<{ status: string }>(
            `SELECT status FROM "${schema}".scale_units WHERE unit_key = $1`,
            [running.unit_key],
          );
          killedUnit = running.unit_key;
          killedWhileRunning = after.rows[0]?.status !== 'done';
        }
      }
    })();
    try {
      const got = await scan(file, true);
      stop = true;
      await watching;
      expect(got).toEqual(local);
    } finally {
      stop = true;
      await watcher.end();
    }
    expect(killedUnit, 'no unit was seen running after the first one finished').toBeDefined();
    const rows = await units(schema);
    for (const u of rows) expect(u, u.unit_key).toMatchObject({ status: 'done', writes: 1 });
    const taken = rows.find((u) => u.unit_key === killedUnit);
    // the unit of the killed worker was finished by the survivor (unless the victim wrote it just before the kill)
    const survivor = [a, b].find((w) => w?.exitCode === null && w.signalCode === null);
    if (killedWhileRunning) expect(taken?.worker?.endsWith(`:${survivor?.pid}`)).toBe(true);
  }, 180_000);
});

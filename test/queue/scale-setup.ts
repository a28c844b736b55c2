import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { dropSchemas, PG_URL } from '../store/postgres-helpers.js';
import {
  type CliChild,
  dropPrefixes,
  killNow,
  REDIS_URL,
  runDist,
  startCli,
  startWorker,
} from './helpers.js';

/*
 * What the scale-out tests that run the CLI share: a directory of their own (a HOME, configs,
 * reports), a config on a PostgreSQL schema of its own with a queue block when a prefix is given,
 * workers and scans run as child processes (a scan's JSON report read back), and the clean-up
 * after them.
 */

export interface ScaleTestDir {
  dir: string;
  /** the environment of every child process: a HOME and data directory inside `dir` */
  env: Record<string, string>;
  /** the child processes the tests started (workerOf, followScan): killed after each test */
  children: ChildProcess[];
}

export function scaleTestDir(name: string): ScaleTestDir {
  const dir = mkdtempSync(join(tmpdir(), `cw-${name}-`));
  const env = { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'xdg') };
  mkdirSync(env.HOME);
  return { dir, env, children: [] };
}

/**
 * The hooks of a file of scale-out tests: after each test its child processes are killed; after
 * the last, its PostgreSQL schemas and queue prefixes are dropped (when the services answered)
 * and its directory removed. Hooks the file registers later run before these.
 */
export function cleanUpScaleTests(t: ScaleTestDir, available: boolean): void {
  const kill = async () => {
    await Promise.all(t.children.splice(0).map(killNow));
  };
  afterEach(kill);
  afterAll(async () => {
    await kill();
    if (available) {
      await dropSchemas();
      await dropPrefixes();
    }
    rmSync(t.dir, { recursive: true, force: true });
  }, 60_000);
}

/** A `cloudward worker` on `file` (in the test's environment unless `env` is given), killed after the test. */
export async function workerOf(
  t: ScaleTestDir,
  file: string,
  env: Record<string, string> = t.env,
  args: string[] = [],
): Promise<{ child: ChildProcess; log: () => string }> {
  const w = await startWorker(file, env, args);
  t.children.push(w.child);
  return w;
}

export interface QueueSettings {
  concurrency: number;
  stall_timeout_ms: number;
  attempts: number;
}

export interface ScaleConfig {
  /** the PostgreSQL schema of the store (freshSchema()) */
  schema: string;
  /** the queue's key prefix (freshPrefix()); no queue block without it */
  prefix?: string;
  queue?: Partial<QueueSettings>;
  /** provider name -> its YAML flow mapping */
  providers: Record<string, string>;
  /** audit name -> its YAML flow mapping */
  audits: Record<string, string>;
}

/** Writes `<dir>/<name>.yaml`: one PostgreSQL store, the queue when a prefix is given; its path. */
export function writeScaleConfig(dir: string, name: string, c: ScaleConfig): string {
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${c.schema}`;
  const q: QueueSettings = { concurrency: 1, stall_timeout_ms: 1500, attempts: 3, ...c.queue };
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'stores:',
      `  main: { type: postgres, url: "${url}" }`,
      'defaults: { store: main }',
      ...(c.prefix
        ? [
            `queue: { type: redis, url: "${REDIS_URL}", prefix: ${c.prefix}, concurrency: ${q.concurrency}, stall_timeout_ms: ${q.stall_timeout_ms}, attempts: ${q.attempts} }`,
          ]
        : []),
      'providers:',
      ...Object.entries(c.providers).map(([n, p]) => `  ${n}: ${p}`),
      'audits:',
      ...Object.entries(c.audits).map(([n, a]) => `  ${n}: ${a}`),
    ].join('\n'),
  );
  return file;
}

export interface DemoConfig {
  schema: string;
  prefix?: string;
  queue?: Partial<QueueSettings>;
  /** the demo estate's snapshot (its default without) */
  snapshot?: string;
}

/** writeScaleConfig of the demo estate: the provider `demo` and the audit `nightly` of it. */
export function writeDemoConfig(dir: string, name: string, c: DemoConfig): string {
  return writeScaleConfig(dir, name, {
    schema: c.schema,
    prefix: c.prefix,
    queue: c.queue,
    providers: { demo: c.snapshot ? `{ type: demo, snapshot: ${c.snapshot} }` : '{ type: demo }' },
    audits: { nightly: '{ providers: [demo], store: main }' },
  });
}

export interface ReportFinding {
  com: { finding_id: string; state: string; status: string; account: string; region: string };
}

export interface ScanReport {
  scan: { id: string };
  findings: ReportFinding[];
  could_not_evaluate: ReportFinding[];
}

export interface ScanArgs {
  /** on the workers (`--distributed`) */
  distributed?: boolean;
  /** `--distributed --resume` this scan */
  resume?: string;
  /** `--format json` on stdout, or in this file */
  json?: boolean;
  output?: string;
}

/** The arguments of `cloudward scan --config <file> --audit <audit> ... --no-progress`. */
export function scanArgs(file: string, audit: string, o: ScanArgs = {}): string[] {
  return [
    'scan',
    '--config',
    file,
    '--audit',
    audit,
    ...(o.distributed || o.resume ? ['--distributed'] : []),
    ...(o.resume ? ['--resume', o.resume] : []),
    '--no-progress',
    ...(o.json || o.output ? ['--format', 'json'] : []),
    ...(o.output ? ['--output', o.output] : []),
  ];
}

/**
 * `scan --distributed` of `audit` as a child process, killed after the test; resolved with its
 * scan id once it has queued its units (no worker needs to be there).
 */
export async function followScan(
  t: ScaleTestDir,
  file: string,
  audit = 'nightly',
): Promise<CliChild & { scanId: string }> {
  const scan = await startCli(
    scanArgs(file, audit, { distributed: true }),
    t.env,
    /scan (\S+): \d+ units queued/,
    'units queued',
  );
  t.children.push(scan.child);
  return { ...scan, scanId: scan.match[1] as string };
}

/**
 * `cloudward scan --audit <audit> [--distributed [--resume <scan>]] --format json --output <file>`
 * as a child process; expects exit 0 and returns the report and what the scan printed on stderr.
 */
export async function runScan(
  t: Pick<ScaleTestDir, 'dir' | 'env'>,
  file: string,
  audit: string,
  distributed: boolean,
  resume?: string,
): Promise<{ report: ScanReport; stderr: string }> {
  const out = join(t.dir, `${audit}-${Math.random().toString(36).slice(2)}.json`);
  const r = await runDist(scanArgs(file, audit, { distributed, resume, output: out }), t.env);
  expect(r.code, r.stderr).toBe(0);
  return { report: JSON.parse(readFileSync(out, 'utf8')) as ScanReport, stderr: r.stderr };
}

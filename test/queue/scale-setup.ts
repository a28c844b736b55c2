import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PG_URL } from '../store/postgres-helpers.js';
import { REDIS_URL, runDist } from './helpers.js';

/*
 * What the scale-out tests that run the CLI share: a directory of their own (a HOME, configs,
 * reports), a config on a PostgreSQL schema of its own with a queue block when a prefix is given,
 * and a scan run as a child process whose JSON report is read back.
 */

export interface ScaleTestDir {
  dir: string;
  /** the environment of every child process: a HOME and data directory inside `dir` */
  env: Record<string, string>;
}

export function scaleTestDir(name: string): ScaleTestDir {
  const dir = mkdtempSync(join(tmpdir(), `cw-${name}-`));
  const env = { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'xdg') };
  mkdirSync(env.HOME);
  return { dir, env };
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

export interface ReportFinding {
  com: { finding_id: string; state: string; status: string; account: string; region: string };
}

export interface ScanReport {
  findings: ReportFinding[];
  could_not_evaluate: ReportFinding[];
}

/**
 * `cloudward scan --audit <audit> [--distributed] --format json --output <file>` as a child
 * process; expects exit 0 and returns the report and what the scan printed on stderr.
 */
export async function runScan(
  t: ScaleTestDir,
  file: string,
  audit: string,
  distributed: boolean,
): Promise<{ report: ScanReport; stderr: string }> {
  const out = join(t.dir, `${audit}-${Math.random().toString(36).slice(2)}.json`);
  const r = await runDist(
    [
      'scan',
      '--config',
      file,
      '--audit',
      audit,
      ...(distributed ? ['--distributed'] : []),
      '--no-progress',
      '--format',
      'json',
      '--output',
      out,
    ],
    t.env,
  );
  expect(r.code, r.stderr).toBe(0);
  return { report: JSON.parse(readFileSync(out, 'utf8')) as ScanReport, stderr: r.stderr };
}

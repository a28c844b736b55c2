import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/context.js';
import { takeExitCode } from '../../src/cli/errors.js';
import { serve } from '../../src/cli/serve.js';
import { runCli } from '../helpers/run-cli.js';
import { Receiver } from '../notify/helpers.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from './postgres-helpers.js';

/*
 * A PostgreSQL-configured install keeps everything in PostgreSQL: scan (and its alert outbox),
 * detect, watch, serve and report run against the database and leave no SQLite file anywhere,
 * not even at the default SQLite path.
 */

const available = await pgAvailable('commands on a PostgreSQL store');
const dir = mkdtempSync(join(tmpdir(), 'cw-pg-cli-'));
const home = join(dir, 'home');
const defaultDb = join(home, '.cloudward', 'cloudward.db');
const schema = available ? freshSchema() : 'unused';
const config = join(dir, 'cloudward.yaml');
const TOKEN = 'pg-cli-test-token-0123456789';
const receiver = new Receiver();
let env: Record<string, string>;

/** Every file under `root` that is a SQLite database (by its header) or named like one. */
function sqliteFiles(root: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const head = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    const n = readSync(fd, head, 0, 16, 0);
    closeSync(fd);
    if (
      /\.db(-wal|-shm|-journal)?$/.test(e.name) ||
      head.subarray(0, n).toString('latin1') === 'SQLite format 3\0'
    )
      found.push(path);
  }
  return found;
}

function trail(): string {
  const account = '111122223333';
  const d = join(dir, 'logs', 'AWSLogs', account, 'CloudTrail', 'us-east-1', '2026', '05', '04');
  mkdirSync(d, { recursive: true });
  const event = {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/alice`, accountId: account },
    eventTime: '2026-05-04T09:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    requestParameters: { name: 'org-trail' },
    eventID: '00000000-0000-4000-8000-000000000001',
    eventType: 'AwsApiCall',
    recipientAccountId: account,
  };
  writeFileSync(
    join(d, `${account}_CloudTrail_us-east-1_20260504T0900Z_abc.json.gz`),
    gzipSync(JSON.stringify({ Records: [event] })),
  );
  return join(dir, 'logs', 'AWSLogs');
}

beforeAll(async () => {
  if (!available) return;
  mkdirSync(home);
  const hook = await receiver.start();
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  writeFileSync(
    config,
    [
      'stores:',
      `  team: { type: postgres, url: "${url}" }`,
      'defaults: { store: team }',
      'providers:',
      '  demo: { type: demo }',
      'notifiers:',
      `  hook: { type: webhook, url: "${hook}" }`,
      'audits:',
      '  nightly: { providers: [demo], notify: [hook], schedule: "0 2 * * *" }',
      'logs:',
      `  trail: { type: cloudtrail, path: ${JSON.stringify(trail())}, notify: [hook] }`,
    ].join('\n'),
  );
  // the default SQLite path, were anything to fall back on it, is inside the test's folder
  env = { HOME: home, CLOUDWARD_DB: defaultDb, XDG_DATA_HOME: join(dir, 'xdg') };
});

afterAll(async () => {
  await receiver.stop();
  if (available) await dropSchemas();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const cli = (...args: string[]) => runCli(['--config', config, '-q', ...args], env);
const rows = async (table: string) =>
  Number((await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "${schema}".${table}`))[0]?.n);

describe.skipIf(!available)('a PostgreSQL store keeps every table', () => {
  it('scan stores the scan and records its alerts in the PostgreSQL outbox', async () => {
    const r = await cli('scan', '--audit', 'nightly', '--no-progress', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(await rows('scans')).toBe(1);
    expect(await rows('findings')).toBeGreaterThan(0);
    const outbox = await sql<{ status: string }>(`SELECT status FROM "${schema}".outbox`);
    expect(outbox.map((o) => o.status)).toEqual(['delivered']);
    expect(receiver.received).toHaveLength(1);
  });

  it('detect stores its detections in PostgreSQL', async () => {
    const r = await cli('detect', '--source', 'trail', '--format', 'jsonl');
    takeExitCode();
    expect(r.stderr).not.toMatch(/SQLite/);
    const stored = await sql<{ rule_title: string; actor: string }>(
      `SELECT rule_title, actor FROM "${schema}".detections`,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((d) => d.actor)).toContain('arn:aws:iam::111122223333:user/alice');
  });

  it('watch --once keeps its outbox and detections there too', async () => {
    const r = await cli('watch', '--once', '--no-http', '--checkpoint-dir', join(dir, 'checkpoints'));
    expect(r.code, r.stderr).toBe(0);
    expect(await rows('scans')).toBeGreaterThan(1);
    // the log source's incident went through the PostgreSQL outbox once: detect, which read the
    // trail first, sent it; watch reads the same detections and has nothing new to tell
    const alerts = await sql<{ payload: string }>(
      `SELECT payload FROM "${schema}".outbox ORDER BY created_ms`,
    );
    const incidents = alerts.map((a) => JSON.parse(a.payload)).filter((p) => p.source === 'trail');
    expect(incidents).toHaveLength(1);
    expect(incidents[0].incident.principal).toBe('arn:aws:iam::111122223333:user/alice');
    expect(await rows('incidents')).toBeGreaterThan(0);
  });

  it('serve reads findings and detections from PostgreSQL', async () => {
    const ctx = new CliContext({ config: [config], quiet: true });
    const stop = new AbortController();
    let printed = '';
    const running = serve(ctx, { port: '0', host: '127.0.0.1', token: TOKEN }, stop.signal, (t) => {
      printed += t;
    });
    try {
      await expect.poll(() => printed, { timeout: 10_000 }).toMatch(/dashboard on (http:\S+)/);
      const base = /dashboard on (http:\S+)/.exec(printed)![1]!.replace(/\/$/, '');
      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        expect(res.status, path).toBe(200);
        return (await res.json()) as { total: number; items: { actor?: string }[] };
      };
      const activity = await get('/api/activity');
      expect(activity.total).toBe(await rows('detections'));
      expect(activity.items[0]?.actor).toBe('arn:aws:iam::111122223333:user/alice');
      expect((await get('/api/findings')).total).toBeGreaterThan(0);
    } finally {
      stop.abort();
      await running;
      await ctx.close();
    }
  });

  it('report reads the scan from PostgreSQL', async () => {
    const r = await cli('report', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toBeTypeOf('object');
  });

  it('and no command left a SQLite file anywhere', () => {
    expect(sqliteFiles(dir)).toEqual([]);
  });
});

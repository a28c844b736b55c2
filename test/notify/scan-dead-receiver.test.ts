import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../src/store/sqlite-file.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { runCli } from '../helpers/run-cli.js';
import { Receiver } from './helpers.js';

/*
 * A receiver that is down must not hold `cloudward scan`: it is tried once, its alerts stay in
 * the outbox, and one line per notifier says so. Real sockets on 127.0.0.1: a closed port
 * (connection refused) and a server that accepts and never answers.
 */

const root = mkdtempSync(join(tmpdir(), 'cw-dead-receiver-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dir: string;
let seq = 0;
let chat: Receiver;
let chatUrl: string;
beforeEach(async () => {
  dir = join(root, String(seq++));
  mkdirSync(dir);
  chat = new Receiver();
  chatUrl = await chat.start();
});
afterEach(async () => {
  await chat.stop();
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createHttpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Accepts connections, reads the request, never answers. */
async function silentServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (d: Buffer) => {
      if (d.toString('latin1').startsWith('POST ')) requests += 1;
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/s3cr3t-path`,
    requests: () => requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function config(hookOptions = ''): string {
  const file = join(dir, 'cloudward.yaml');
  writeFileSync(
    file,
    [
      'notifiers:',
      `  hook: { type: webhook, url: "\${HOOK_URL}", headers: { Authorization: "Bearer \${HOOK_TOKEN}" }${hookOptions} }`,
      '  chat: { type: slack, webhook: "${CHAT_URL}" }',
      'audits:',
      '  prod: { providers: [demo], notify: [hook, chat] }',
    ].join('\n'),
    { flag: 'w' },
  );
  return file;
}

const scan = (cfg: string, hookUrl: string, day = 'day1') =>
  runCli(['--db', join(dir, 'cw.db'), '--config', cfg, 'scan', '--audit', 'prod', '--demo', day, '--quiet'], {
    HOOK_URL: hookUrl,
    HOOK_TOKEN: 'tok-123',
    CHAT_URL: chatUrl,
  });

/** stderr lines about alerts (the scan's own warnings are another matter) */
const alertLines = (stderr: string) =>
  stderr.split('\n').filter((l) => /alert|hook|chat|outbox|receiver/i.test(l));

describe('scan with a receiver that is down', () => {
  it('connection refused: one line for that notifier, the alert kept and sent by the next scan', async () => {
    const cfg = config();
    const port = await closedPort();
    const r = await scan(cfg, `http://127.0.0.1:${port}/hook/s3cr3t-path`);
    expect(r.code, r.stderr).toBe(0);
    const lines = alertLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /webhook 'hook': receiver unreachable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); 1 alert left in the outbox, delivered by the next scan or watch$/,
    );
    expect(r.stderr).not.toContain('s3cr3t-path');
    // the healthy notifier got its baseline meanwhile
    expect(chat.received).toHaveLength(1);
    expect((chat.json(0) as { text: string }).text).toMatch(/^Baseline of prod: \d+ findings/);

    const outbox = await openSqliteOutbox(join(dir, 'cw.db'));
    expect((await outbox.stats()).by_notifier.hook).toMatchObject({ pending: 1, delivered: 0, failed: 0 });
    await outbox.close();

    // later (its retry is due), the receiver is back: the next scan, with nothing new, delivers it
    const db = new SqliteDriver(join(dir, 'cw.db'));
    db.prepare("UPDATE outbox SET next_attempt_ms = 0, next_attempt_at = '1970-01-01T00:00:00.000Z'").run();
    db.close();
    const hook = new Receiver();
    const hookUrl = await hook.start();
    try {
      const again = await scan(cfg, hookUrl);
      expect(again.code, again.stderr).toBe(0);
      expect(alertLines(again.stderr)).toEqual([]);
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]?.headers.authorization).toBe('Bearer tok-123');
      const body = hook.json(0) as { baseline?: { total: number }; items: unknown[] };
      expect(body.baseline?.total).toBeGreaterThan(10);
      expect(chat.received).toHaveLength(1);
    } finally {
      await hook.stop();
    }
  });

  it('a receiver that never answers is tried once, for at most its timeout, and not again in this scan', async () => {
    const cfg = config(', timeout_seconds: 0.5');
    const silent = await silentServer();
    try {
      // a later scan too: its new alerts wait behind the one already failing
      const first = await scan(cfg, silent.url);
      expect(first.code, first.stderr).toBe(0);
      expect(silent.requests()).toBe(1);
      expect(alertLines(first.stderr)).toEqual([
        expect.stringMatching(
          /^warn\s+webhook 'hook': no answer within 0\.5s; 1 alert left in the outbox, delivered by the next scan or watch$/,
        ),
      ]);
      const db = new SqliteDriver(join(dir, 'cw.db'));
      db.prepare('UPDATE outbox SET next_attempt_ms = 0').run();
      db.close();
      const second = await scan(cfg, silent.url, 'day2');
      expect(second.code, second.stderr).toBe(0);
      expect(silent.requests()).toBe(2);
      expect(alertLines(second.stderr)).toHaveLength(1);
      expect(alertLines(second.stderr)[0]).toMatch(/webhook 'hook': no answer within 0\.5s; \d+ alerts left/);
    } finally {
      await silent.close();
    }
  });
});

describe('the line a scan prints per notifier', () => {
  it('says what failed and what became of the alerts; nothing when nothing failed', async () => {
    const { notifierLine } = await import('../../src/notify/after-scan.js');
    expect(notifierLine('siem', 'webhook', { delivered: 3, retried: 0, failed: 0 }, 0)).toBeUndefined();
    expect(
      notifierLine(
        'siem',
        'webhook',
        { delivered: 0, retried: 0, failed: 2, last_reason: 'HTTP 401 "bad token"' },
        0,
      ),
    ).toEqual({
      level: 'error',
      text: `webhook 'siem': HTTP 401 "bad token"; 2 alerts refused and not retried`,
    });
    expect(
      notifierLine(
        'secops',
        'slack',
        { delivered: 0, retried: 1, failed: 0, last_reason: 'no answer within 5s' },
        4,
      ),
    ).toEqual({
      level: 'warn',
      text: "slack 'secops': no answer within 5s; 4 alerts left in the outbox, delivered by the next scan or watch",
    });
  });
});

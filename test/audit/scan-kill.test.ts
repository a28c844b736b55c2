import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { Receiver } from '../notify/helpers.js';

/*
 * `cloudward scan` killed with SIGKILL at the worst moments: right after the scan committed,
 * before any alert was delivered, and right after the alerts were recorded, before the commit.
 * The real CLI (dist/cli/main.js) in a child process, a real webhook receiver on 127.0.0.1. The
 * next scan delivers what the killed one owed, exactly once.
 */

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', '..', 'dist', 'cli', 'main.js');
const built = existsSync(main);
if (!built) console.warn('scan-kill: dist/cli/main.js is not built (npm run build); skipped');

const TOKEN = 'kill-test-token-4711';
const root = mkdtempSync(join(tmpdir(), 'cw-scan-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
let receiver: Receiver;
let url: string;
beforeEach(async () => {
  receiver = new Receiver();
  url = await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
});

function setup() {
  const dir = join(root, String(seq++));
  const config = join(`${dir}.yaml`);
  writeFileSync(
    config,
    [
      'notifiers:',
      '  hook: { type: webhook, url: "${HOOK_URL}", headers: { Authorization: "Bearer ${HOOK_TOKEN}" } }',
      'audits:',
      '  prod: { providers: [demo], notify: [hook] }',
    ].join('\n'),
  );
  return { config, db: `${dir}.db` };
}

/** `cloudward scan --audit prod` in its own process; with `hold`, it stops at that step until killed. */
function scan(s: { config: string; db: string }, hold?: 'recorded' | 'committed') {
  const child = spawn(
    process.execPath,
    [
      main,
      '--config',
      s.config,
      '--db',
      s.db,
      'scan',
      '--audit',
      'prod',
      '--format',
      'json',
      '--no-progress',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NO_COLOR: '1',
        HOOK_URL: url,
        HOOK_TOKEN: TOKEN,
        ...(hold ? { CLOUDWARD_TEST_HOLD_AFTER: hold } : {}),
      },
    },
  );
  let stderr = '';
  child.stdout.resume();
  const held = new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (hold && stderr.includes(`test hold after ${hold}`)) resolve();
    });
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, held, exited, stderr: () => stderr };
}

async function killAt(s: { config: string; db: string }, step: 'recorded' | 'committed') {
  const run = scan(s, step);
  await Promise.race([
    run.held,
    run.exited.then(([code]) => {
      throw new Error(`scan exited (${code}) before it reached ${step}: ${run.stderr()}`);
    }),
  ]);
  run.child.kill('SIGKILL');
  const [, signal] = await run.exited;
  expect(signal).toBe('SIGKILL');
}

async function scanToEnd(s: { config: string; db: string }) {
  const run = scan(s);
  const [code] = await run.exited;
  expect(code, run.stderr()).toBe(0);
}

async function completeScans(db: string) {
  const store = await openSqliteStore(db);
  try {
    return (await store.listScans({ audit_key: 'prod' })).filter((x) => x.status === 'complete');
  } finally {
    await store.close();
  }
}

async function outboxStats(db: string) {
  const outbox = await openSqliteOutbox(db);
  try {
    return await outbox.stats();
  } finally {
    await outbox.close();
  }
}

/** The baseline messages the receiver got, each checked for the configured credentials. */
function baselines() {
  return receiver.received.map((r) => {
    expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    return JSON.parse(r.body) as { baseline?: { total: number } };
  });
}

describe.skipIf(!built)('scan killed with SIGKILL', () => {
  it('between the commit and the delivery: the next scan delivers the alert, exactly once', async () => {
    const s = setup();
    await killAt(s, 'committed');
    // the scan is committed and its alert waits in the outbox; nothing was sent
    expect(await completeScans(s.db)).toHaveLength(1);
    expect(await outboxStats(s.db)).toMatchObject({ pending: 1, delivered: 0 });
    expect(receiver.received).toHaveLength(0);

    await scanToEnd(s);
    const [sent, ...more] = baselines();
    expect(more).toHaveLength(0);
    expect(sent?.baseline?.total).toBeGreaterThan(10);
    expect(await outboxStats(s.db)).toMatchObject({ pending: 0, delivered: 1, failed: 0 });

    // the same estate once more: nothing new, nothing sent again
    await scanToEnd(s);
    expect(receiver.received).toHaveLength(1);
  }, 60_000);

  it('between recording the alert and the commit: the scan runs again, its alert is sent once', async () => {
    const s = setup();
    await killAt(s, 'recorded');
    // no scan was committed, but the alert is already recorded
    expect(await completeScans(s.db)).toHaveLength(0);
    expect(await outboxStats(s.db)).toMatchObject({ pending: 1 });

    // still the audit's first full scan: it records the same baseline, which the outbox drops
    await scanToEnd(s);
    expect(await completeScans(s.db)).toHaveLength(1);
    expect(baselines()).toHaveLength(1);
    expect(await outboxStats(s.db)).toMatchObject({ pending: 0, delivered: 1, failed: 0 });
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifierOptionsSchema, type WebhookOptions } from '../../src/config/notifier-options.js';
import { deliver } from '../../src/notify/deliver.js';
import { webhookNotifier } from '../../src/notify/webhook.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { Receiver, recordingLogger } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cloudward-outbox-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

/** The sender in its own process, killed with SIGKILL. */
function startChild(mode: 'enqueue' | 'enqueue-deliver', db: string, url: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(here, '..', 'store', 'ts-loader', 'register.mjs'),
      join(here, 'outbox-child.fixture.ts'),
      mode,
      db,
      url,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (l) => lines.push(l));
  return {
    lines,
    exited,
    until(pred: (lines: string[]) => boolean): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred(lines)) resolve();
        };
        rl.on('line', check);
        check();
        void exited.then(([code]) =>
          reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)),
        );
      });
    },
    kill(): void {
      child.kill('SIGKILL');
    },
  };
}

let receiver: Receiver;
let url: string;
beforeEach(async () => {
  receiver = new Receiver();
  url = await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
});

/** What a restarted process does: open the outbox and deliver what is due. */
async function restartAndDeliver(db: string) {
  const outbox = await openSqliteOutbox(db);
  const options = notifierOptionsSchema.parse({
    type: 'webhook',
    url,
    secret: 'crash-test-secret-0123456789',
  });
  const notifiers = new Map([['siem', webhookNotifier('siem', options as WebhookOptions)]]);
  const first = await deliver(outbox, notifiers, { logger: recordingLogger() });
  const again = await deliver(outbox, notifiers, { logger: recordingLogger() });
  const stats = await outbox.stats();
  await outbox.close();
  return { first, again, stats };
}

const deliveryIds = () => receiver.received.map((r) => r.headers['x-cloudward-delivery']);

describe('a sender killed with SIGKILL', () => {
  it('after enqueue, before delivery: the restarted process delivers it once', async () => {
    const db = join(root, `c${seq++}.db`);
    const child = startChild('enqueue', db, url);
    await child.until((l) => l.includes('enqueued 1'));
    child.kill();
    await child.exited;
    expect(receiver.received).toHaveLength(0);
    const { first, again, stats } = await restartAndDeliver(db);
    expect(first.delivered).toBe(1);
    expect(again.delivered).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(stats).toMatchObject({ pending: 0, delivered: 1, failed: 0 });
  }, 30_000);

  it('after the delivery was confirmed: never sent again', async () => {
    const db = join(root, `c${seq++}.db`);
    const child = startChild('enqueue-deliver', db, url);
    await child.until((l) => l.includes('delivered 1'));
    child.kill();
    await child.exited;
    expect(receiver.received).toHaveLength(1);
    const { first, stats } = await restartAndDeliver(db);
    expect(first.delivered).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(stats).toMatchObject({ pending: 0, delivered: 1 });
  }, 30_000);

  it('while the receiver holds the request (not confirmed): resent once, with the same delivery id', async () => {
    const db = join(root, `c${seq++}.db`);
    const child = startChild('enqueue-deliver', db, url);
    // the receiver gets the alert, then the sender dies before it hears back
    receiver.onRequest = () => {
      if (receiver.received.length > 1) return true;
      child.kill();
      return false;
    };
    await child.exited;
    expect(receiver.received).toHaveLength(1);
    const { first, again, stats } = await restartAndDeliver(db);
    expect(first.delivered).toBe(1);
    expect(again.delivered).toBe(0);
    // at least once: the receiver saw it twice, under one X-Cloudward-Delivery id to drop the repeat by
    expect(receiver.received).toHaveLength(2);
    expect(new Set(deliveryIds()).size).toBe(1);
    expect(deliveryIds()[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(stats).toMatchObject({ pending: 0, delivered: 1 });
  }, 30_000);
});

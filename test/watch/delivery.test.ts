import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifierOptionsSchema } from '../../src/config/notifier-options.js';
import { enqueueAlerts } from '../../src/notify/enqueue.js';
import { webhookNotifier } from '../../src/notify/webhook.js';
import { type Outbox, openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { DeliveryLoop } from '../../src/watch/delivery.js';
import { WatchMetrics } from '../../src/watch/metrics.js';
import type { Clock } from '../../src/watch/scheduler.js';
import { finding, Receiver, recordingLogger } from '../notify/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'cw-watch-delivery-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A clock whose timers fire only when the test says so. */
class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  constructor(private t = Date.parse('2030-01-01T00:00:00.000Z')) {}
  now = () => new Date(this.t);
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number);
  };

  /** Waits until the loop armed its next pass; returns how far ahead it is. */
  async armed(): Promise<number> {
    for (let i = 0; i < 500 && this.timers.size === 0; i++) await new Promise((r) => setTimeout(r, 2));
    const [first] = [...this.timers.values()];
    if (!first) throw new Error('no pass was armed');
    return first.at - this.t;
  }

  /** Moves time to the next timer and fires it. */
  fire(): void {
    const [entry] = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at);
    if (!entry) throw new Error('no timer');
    this.timers.delete(entry[0]);
    this.t = entry[1].at;
    entry[1].fn();
  }
}

let receiver: Receiver;
let url: string;
let outbox: Outbox;
let path: string;
let seq = 0;
beforeEach(async () => {
  receiver = new Receiver();
  url = await receiver.start();
  path = join(root, `w${seq++}.db`);
  outbox = await openSqliteOutbox(path);
});
afterEach(async () => {
  await outbox.close();
  await receiver.stop();
});

/** The webhook `siem` at the test's receiver, with a bearer header. */
const siemOptions = () =>
  notifierOptionsSchema.parse({ type: 'webhook', url, headers: { Authorization: 'Bearer w' } });

/** A delivery loop of the test's outbox to `siem`, on the test's clock. */
function siemLoop(
  clock: ManualClock,
  options: ReturnType<typeof siemOptions>,
  intervalMs: number,
  logger = recordingLogger(),
): DeliveryLoop {
  return new DeliveryLoop(outbox, new Map([['siem', webhookNotifier('siem', options as never, clock.now)]]), {
    logger,
    metrics: new WatchMetrics(),
    clock,
    intervalMs,
  });
}

describe('watch delivery loop', () => {
  it('keeps retrying a receiver that is down, once per pass, backing off for all its alerts', async () => {
    const clock = new ManualClock();
    const options = siemOptions();
    await enqueueAlerts(
      [0, 1, 2].map((i) => finding({ reference: `arn:aws:s3:::b-${i}` })),
      {
        source: 'nightly',
        notify: ['siem'],
        notifiers: { siem: options },
        outbox,
        logger: recordingLogger(),
        now: clock.now(),
      },
    );
    receiver.answer({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const loop = siemLoop(clock, options, 3_600_000);
    const waits: number[] = [];
    const requests: number[] = [];
    loop.start();
    for (let pass = 0; pass < 4; pass++) {
      waits.push(await clock.armed());
      requests.push(receiver.received.length);
      clock.fire();
    }
    await clock.armed();
    await loop.stop();
    // one request per pass while it is down, never one per alert
    expect(requests).toEqual([1, 2, 3, 4]);
    // exponential backoff with jitter: each wait at least the previous, the 4th >= 4x the 1st
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(waits[3]).toBeGreaterThanOrEqual(4 * (waits[0] ?? 0));
    // back up: the pass after the last failure delivers all three, with their headers
    expect(receiver.received).toHaveLength(4 + 3);
    expect(receiver.received.every((r) => r.headers.authorization === 'Bearer w')).toBe(true);
    expect((await outbox.stats()).by_notifier.siem).toMatchObject({ pending: 0, delivered: 3 });
  });

  it('sends at once what a sender of this host that died had leased (a replica killed mid-delivery)', async () => {
    const clock = new ManualClock();
    const options = siemOptions();
    await enqueueAlerts([finding({ reference: 'arn:aws:s3:::left' })], {
      source: 'trail',
      notify: ['siem'],
      notifiers: { siem: options },
      outbox,
      logger: recordingLogger(),
      now: clock.now(),
    });
    // another process of this host claimed the row for 20 minutes, then was killed
    expect(await outbox.claim(10, 20 * 60_000, { now: clock.now() })).toHaveLength(1);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const db = new Database(path);
    db.prepare('UPDATE outbox SET lease_owner = ?').run(`${hostname()}:${dead}`);
    db.close();
    const logger = recordingLogger();
    const loop = siemLoop(clock, options, 15_000, logger);
    loop.start();
    await clock.armed();
    await loop.stop();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers.authorization).toBe('Bearer w');
    expect((await outbox.stats()).by_notifier.siem).toMatchObject({ pending: 0, delivered: 1 });
    expect(logger.lines.map((l) => l.msg).join('\n')).toMatch(
      /1 alert\(s\) left by a sender that died are sent again/,
    );
  });
});

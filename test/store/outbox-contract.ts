import { afterEach, describe, expect, it } from 'vitest';
import { notifierOptionsSchema, type WebhookOptions } from '../../src/config/notifier-options.js';
import { deliver } from '../../src/notify/deliver.js';
import { enqueueAlerts } from '../../src/notify/enqueue.js';
import { webhookNotifier } from '../../src/notify/webhook.js';
import type { EnqueueRequest, Outbox } from '../../src/store/outbox.js';
import type { Store } from '../../src/store/store.js';
import { finding, Receiver, recordingLogger } from '../notify/helpers.js';

/*
 * What every store's alert outbox must do, whatever database is behind it. A store's contract
 * test file runs outboxContract(name, factory) with a factory giving a new, empty store; `reopen`
 * gives a second handle on the same store (another process, in effect).
 */

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const req = (o: Partial<EnqueueRequest> = {}): EnqueueRequest => ({
  notifier: 'hook',
  dedup_key: 'f1',
  envelope: { source: 'nightly', digest: false },
  items: [{ key: 'f1', value: { finding_id: 'f1' } }],
  dedup_window_ms: 60 * 60_000,
  max_attempts: 3,
  ...o,
});

export function outboxContract(
  name: string,
  factory: () => Promise<Store>,
  reopen: (store: Store) => Promise<Store>,
): void {
  describe(`outbox contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    let store: Store;
    afterEach(async () => {
      // the outboxes before their stores
      for (const o of opened.splice(0).reverse()) await o.close();
    });
    const open = async (): Promise<Outbox> => {
      store = await factory();
      opened.push(store);
      const outbox = await store.openOutbox();
      opened.push(outbox);
      return outbox;
    };

    it('claims a due row once, with a lease; a delivered row is never claimed again', async () => {
      const outbox = await open();
      const { id } = await outbox.enqueue(req(), T0);
      const [row] = await outbox.claim(10, 60_000, { now: T0 });
      expect(row).toMatchObject({ id, notifier: 'hook', attempts: 1, max_attempts: 3 });
      expect(row?.payload.id).toBe(id);
      // leased: a second claimer gets nothing, even after the first delivered
      expect(await outbox.claim(10, 60_000, { now: at(1000) })).toEqual([]);
      expect(await outbox.markDelivered(id as string, at(2000))).toBe(true);
      expect(await outbox.markDelivered(id as string, at(3000))).toBe(false);
      expect(await outbox.claim(10, 60_000, { now: at(10 * 60_000) })).toEqual([]);
      expect(await outbox.stats()).toMatchObject({ pending: 0, delivered: 1, failed: 0 });
      await outbox.close();
    });

    it('a lease that expires makes the row claimable again, and the old claim cannot fail it', async () => {
      const outbox = await open();
      await outbox.enqueue(req(), T0);
      const [first] = await outbox.claim(1, 1000, { now: T0 });
      const [second] = await outbox.claim(1, 1000, { now: at(1000) });
      expect(second?.id).toBe(first?.id);
      expect(second?.attempts).toBe(2);
      expect(await outbox.markFailed(first!.id, first!.lease_token, 'late', at(5000))).toBe('lost');
      expect(await outbox.markFailed(second!.id, second!.lease_token, 'HTTP 500', at(5000))).toBe('retrying');
      await outbox.close();
    });

    it("releasing dead senders' leases keeps the lease of a sender that is alive", async () => {
      const outbox = await open();
      await outbox.enqueue(req(), T0);
      expect(await outbox.claim(1, 60_000, { now: T0 })).toHaveLength(1);
      expect(await outbox.releaseDeadLeases()).toBe(0);
      expect(await outbox.claim(1, 60_000, { now: at(1000) })).toEqual([]);
      await outbox.close();
    });

    it('retries at the given time and fails for good after max_attempts', async () => {
      const outbox = await open();
      await outbox.enqueue(req({ max_attempts: 2 }), T0);
      const [a] = await outbox.claim(1, 60_000, { now: T0 });
      expect(await outbox.markFailed(a!.id, a!.lease_token, 'HTTP 503', at(30_000))).toBe('retrying');
      expect(await outbox.claim(1, 60_000, { now: at(29_999) })).toEqual([]);
      expect(await outbox.nextAttemptAt()).toEqual(at(30_000));
      const [b] = await outbox.claim(1, 60_000, { now: at(30_000) });
      expect(b?.attempts).toBe(2);
      expect(await outbox.markFailed(b!.id, b!.lease_token, 'HTTP 503 again', at(90_000))).toBe('failed');
      expect(await outbox.claim(1, 60_000, { now: at(10 * 60_000) })).toEqual([]);
      const stats = await outbox.stats();
      expect(stats).toMatchObject({ pending: 0, failed: 1 });
      expect(stats.by_notifier.hook?.last_error).toBe('HTTP 503 again');
      expect((await outbox.failures(T0)).map((f) => f.attempts)).toEqual([2]);
      await outbox.close();
    });

    it('a refused alert (retryAt null) fails at once', async () => {
      const outbox = await open();
      await outbox.enqueue(req({ max_attempts: 8 }), T0);
      const [a] = await outbox.claim(1, 60_000, { now: T0 });
      expect(await outbox.markFailed(a!.id, a!.lease_token, 'HTTP 404', null)).toBe('failed');
      await outbox.close();
    });

    it('release gives a row back without using an attempt', async () => {
      const outbox = await open();
      await outbox.enqueue(req(), T0);
      const [a] = await outbox.claim(1, 60_000, { now: T0 });
      await outbox.release(a!.id, a!.lease_token, at(5000));
      const [b] = await outbox.claim(1, 60_000, { now: at(5000) });
      expect(b?.attempts).toBe(1);
      await outbox.close();
    });

    it('drops items whose key was enqueued for the same notifier within the window', async () => {
      const outbox = await open();
      expect((await outbox.enqueue(req(), T0)).enqueued).toBe(1);
      const again = await outbox.enqueue(req(), at(59 * 60_000));
      expect(again).toEqual({ id: null, enqueued: 0, duplicates: 1, merged: false });
      // another notifier is not deduplicated against this one
      expect((await outbox.enqueue(req({ notifier: 'other' }), at(60_000))).enqueued).toBe(1);
      // after the window it is sent again
      expect((await outbox.enqueue(req(), at(61 * 60_000))).enqueued).toBe(1);
      // window 0: never deduplicated
      expect((await outbox.enqueue(req({ dedup_window_ms: 0 }), at(61 * 60_000 + 1))).enqueued).toBe(1);
      await outbox.close();
    });

    it('enqueueMany writes in one transaction, deduplicating later requests against earlier ones', async () => {
      const outbox = await open();
      const rs = await outbox.enqueueMany(
        [req(), req({ dedup_key: 'f2', items: [{ key: 'f2', value: 2 }] }), req()],
        T0,
      );
      expect(rs.map((r) => r.enqueued)).toEqual([1, 1, 0]);
      expect(rs[2]?.duplicates).toBe(1);
      expect(await outbox.enqueueMany([], T0)).toEqual([]);
      expect((await outbox.stats()).pending).toBe(2);
      await outbox.close();
    });

    it("a scan's recording is written once per notifier, whatever the dedup window", async () => {
      const outbox = await open();
      const scan = (o: Partial<EnqueueRequest> = {}) =>
        req({ dedup_window_ms: 0, recording: 'scan:s1', ...o });
      const two = [scan(), scan({ dedup_key: 'f2', items: [{ key: 'f2', value: 2 }] })];
      expect((await outbox.enqueueMany(two, T0)).map((r) => r.enqueued)).toEqual([1, 1]);
      // the scan resumed and committing again, hours later: nothing written, counted as duplicates
      expect(await outbox.enqueueMany(two, at(5 * 3_600_000))).toEqual([
        { id: null, enqueued: 0, duplicates: 1, merged: false },
        { id: null, enqueued: 0, duplicates: 1, merged: false },
      ]);
      expect(await outbox.enqueue(scan({ merge: true }), at(6 * 3_600_000))).toMatchObject({ enqueued: 0 });
      // another notifier of the same scan, and the next scan, are recordings of their own
      expect((await outbox.enqueue(scan({ notifier: 'other' }), at(1))).enqueued).toBe(1);
      expect((await outbox.enqueue(scan({ recording: 'scan:s2' }), at(2))).enqueued).toBe(1);
      expect((await outbox.stats()).by_notifier).toMatchObject({
        hook: { pending: 3 },
        other: { pending: 1 },
      });
      await outbox.close();
    });

    it('a recording written by two writers at once is written once', async () => {
      const outbox = await open();
      const other = await reopen(store);
      opened.push(other);
      const second = await other.openOutbox();
      opened.push(second);
      const scan = req({ dedup_window_ms: 0, recording: 'scan:s1' });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? outbox : second).enqueueMany([scan, scan], at(i))),
      );
      expect(
        results
          .flat()
          .map((r) => r.enqueued)
          .reduce((a, b) => a + b, 0),
      ).toBe(2);
      expect((await outbox.stats()).pending).toBe(2);
    });

    it("a scan's alerts recorded twice (killed before its commit, resumed) are delivered once, with dedup off", async () => {
      const outbox = await open();
      const receiver = new Receiver();
      const url = await receiver.start();
      try {
        const hook = (digest: boolean) =>
          notifierOptionsSchema.parse({ type: 'webhook', url, dedup_minutes: 0, digest });
        const options = { siem: hook(false), digest: hook(true) };
        const findings = [finding({ reference: 'arn:aws:s3:::a' }), finding({ reference: 'arn:aws:s3:::b' })];
        const record = (now: Date, scanId: string) =>
          enqueueAlerts(findings, {
            source: 'nightly',
            notify: ['siem', 'digest'],
            notifiers: options,
            outbox,
            logger: recordingLogger(),
            now,
            scanId,
          });
        expect(await record(T0, 'scan-1')).toMatchObject({ alerts: 3, items: 4, duplicates: 0 });
        // the resumed scan records them again later (another digest period, past any window): 4 items dropped
        expect(await record(at(2 * 3_600_000), 'scan-1')).toMatchObject({
          alerts: 0,
          items: 0,
          duplicates: 4,
        });
        const notifiers = new Map(
          Object.entries(options).map(([n, o]) => [n, webhookNotifier(n, o as WebhookOptions)] as const),
        );
        const sent = await deliver(outbox, notifiers, {
          logger: recordingLogger(),
          now: () => at(3 * 3_600_000),
        });
        expect(sent).toMatchObject({ delivered: 3, failed: 0, pending: 0 });
        expect(receiver.received).toHaveLength(3);
        // a later scan finding them new again is not silenced: dedup is the notifier's window only
        expect(await record(at(4 * 3_600_000), 'scan-2')).toMatchObject({ alerts: 3, duplicates: 0 });
      } finally {
        await receiver.stop();
      }
    });

    it('a failed alert does not count for dedup: the next occurrence is tried again', async () => {
      const outbox = await open();
      await outbox.enqueue(req(), T0);
      const [a] = await outbox.claim(1, 60_000, { now: T0 });
      await outbox.markFailed(a!.id, a!.lease_token, 'HTTP 400', null);
      expect((await outbox.enqueue(req(), at(1000))).enqueued).toBe(1);
      await outbox.close();
    });

    it('merges into a pending digest row until it is claimed, and holds it until not_before', async () => {
      const outbox = await open();
      const digest = (key: string) =>
        req({ dedup_key: 'digest:p1', items: [{ key, value: key }], merge: true, not_before: at(3_600_000) });
      const a = await outbox.enqueue(digest('f1'), T0);
      const b = await outbox.enqueue(digest('f2'), at(1000));
      expect(b).toMatchObject({ id: a.id, merged: true, enqueued: 1 });
      expect(await outbox.claim(10, 60_000, { now: at(3_599_999) })).toEqual([]);
      const [row] = await outbox.claim(10, 60_000, { now: at(3_600_000) });
      expect(row?.payload.items).toEqual(['f1', 'f2']);
      // once being sent, a new item starts a new row instead of changing what is in flight
      const c = await outbox.enqueue(digest('f3'), at(3_600_001));
      expect(c.merged).toBe(false);
      expect(c.id).not.toBe(a.id);
      await outbox.close();
    });

    it('claims only the notifiers asked for', async () => {
      const outbox = await open();
      await outbox.enqueue(req({ notifier: 'a' }), T0);
      await outbox.enqueue(req({ notifier: 'b' }), T0);
      const rows = await outbox.claim(10, 60_000, { notifiers: ['b'], now: T0 });
      expect(rows.map((r) => r.notifier)).toEqual(['b']);
      expect(await outbox.claim(10, 60_000, { notifiers: [], now: T0 })).toEqual([]);
      await outbox.close();
    });

    it('prunes old delivered and failed rows and their dedup keys, never pending ones', async () => {
      const outbox = await open();
      await outbox.enqueue(req({ dedup_key: 'a', items: [{ key: 'a', value: 1 }] }), T0);
      await outbox.enqueue(req({ dedup_key: 'b', items: [{ key: 'b', value: 2 }] }), T0);
      const [a] = await outbox.claim(1, 60_000, { now: T0 });
      await outbox.markDelivered(a!.id, T0);
      expect(await outbox.prune(at(1))).toBe(1);
      expect(await outbox.stats()).toMatchObject({ pending: 1, delivered: 0 });
      await outbox.close();
    });

    it('prunes the marks of recordings made before the cut, not later ones', async () => {
      const outbox = await open();
      const scan = (id: string) => req({ dedup_window_ms: 0, recording: id });
      await outbox.enqueue(scan('scan:old'), T0);
      await outbox.enqueue(scan('scan:new'), at(10));
      await outbox.prune(at(5));
      expect((await outbox.enqueue(scan('scan:old'), at(20))).enqueued).toBe(1);
      expect((await outbox.enqueue(scan('scan:new'), at(20))).enqueued).toBe(0);
      await outbox.close();
    });

    it('refuses use after close with a clear error', async () => {
      const outbox = await open();
      await outbox.close();
      await expect(outbox.stats()).rejects.toThrow(/the outbox is closed/);
    });

    it('keeps its rows in the store: another handle on the store sees them', async () => {
      const outbox = await open();
      const { id } = await outbox.enqueue(req(), T0);
      const other = await reopen(store);
      opened.push(other);
      const second = await other.openOutbox();
      opened.push(second);
      expect((await second.stats()).pending).toBe(1);
      const [row] = await second.claim(1, 60_000, { now: T0 });
      expect(row?.id).toBe(id);
      expect(row?.payload).toEqual({ source: 'nightly', digest: false, id, items: [{ finding_id: 'f1' }] });
    });

    it('two senders claiming at once never lease the same row', async () => {
      const outbox = await open();
      for (let i = 0; i < 20; i++)
        await outbox.enqueue(req({ dedup_key: `k${i}`, items: [{ key: `k${i}`, value: i }] }), T0);
      const other = await reopen(store);
      opened.push(other);
      const second = await other.openOutbox();
      opened.push(second);
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? outbox : second).claim(5, 60_000, { now: T0 })),
      );
      const ids = claims.flat().map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(20);
    });

    it('dedup holds across two writers enqueueing the same key at once', async () => {
      const outbox = await open();
      const other = await reopen(store);
      opened.push(other);
      const second = await other.openOutbox();
      opened.push(second);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? outbox : second).enqueue(req(), at(i))),
      );
      expect(results.map((r) => r.enqueued).reduce((a, b) => a + b, 0)).toBe(1);
      expect((await outbox.stats()).pending).toBe(1);
    });
  });
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { type EnqueueRequest, openSqliteOutbox } from '../../src/store/sqlite-outbox.js';

const root = mkdtempSync(join(tmpdir(), 'cloudward-outbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const dbPath = () => join(root, `o${seq++}.db`);
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

describe('outbox', () => {
  it('shares the store file: the migration adds its tables next to the store', async () => {
    const path = dbPath();
    const store = await openSqliteStore(path);
    const outbox = await openSqliteOutbox(path);
    const r = await outbox.enqueue(req(), T0);
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    await outbox.close();
    await store.close();
    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['scans', 'findings', 'outbox', 'outbox_keys']));
    const row = db.prepare('SELECT status, attempts, payload FROM outbox').get() as { payload: string };
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(JSON.parse(row.payload)).toEqual({
      source: 'nightly',
      digest: false,
      id: r.id,
      items: [{ finding_id: 'f1' }],
    });
    db.close();
  });

  it('claims a due row once, with a lease; a delivered row is never claimed again', async () => {
    const outbox = await openSqliteOutbox(dbPath());
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
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req(), T0);
    const [first] = await outbox.claim(1, 1000, { now: T0 });
    const [second] = await outbox.claim(1, 1000, { now: at(1000) });
    expect(second?.id).toBe(first?.id);
    expect(second?.attempts).toBe(2);
    expect(await outbox.markFailed(first!.id, first!.lease_token, 'late', at(5000))).toBe('lost');
    expect(await outbox.markFailed(second!.id, second!.lease_token, 'HTTP 500', at(5000))).toBe('retrying');
    await outbox.close();
  });

  it('retries at the given time and fails for good after max_attempts', async () => {
    const outbox = await openSqliteOutbox(dbPath());
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
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req({ max_attempts: 8 }), T0);
    const [a] = await outbox.claim(1, 60_000, { now: T0 });
    expect(await outbox.markFailed(a!.id, a!.lease_token, 'HTTP 404', null)).toBe('failed');
    await outbox.close();
  });

  it('release gives a row back without using an attempt', async () => {
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req(), T0);
    const [a] = await outbox.claim(1, 60_000, { now: T0 });
    await outbox.release(a!.id, a!.lease_token, at(5000));
    const [b] = await outbox.claim(1, 60_000, { now: at(5000) });
    expect(b?.attempts).toBe(1);
    await outbox.close();
  });

  it('drops items whose key was enqueued for the same notifier within the window', async () => {
    const outbox = await openSqliteOutbox(dbPath());
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
    const outbox = await openSqliteOutbox(dbPath());
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

  it('a failed alert does not count for dedup: the next occurrence is tried again', async () => {
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req(), T0);
    const [a] = await outbox.claim(1, 60_000, { now: T0 });
    await outbox.markFailed(a!.id, a!.lease_token, 'HTTP 400', null);
    expect((await outbox.enqueue(req(), at(1000))).enqueued).toBe(1);
    await outbox.close();
  });

  it('merges into a pending digest row until it is claimed, and holds it until not_before', async () => {
    const outbox = await openSqliteOutbox(dbPath());
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
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req({ notifier: 'a' }), T0);
    await outbox.enqueue(req({ notifier: 'b' }), T0);
    const rows = await outbox.claim(10, 60_000, { notifiers: ['b'], now: T0 });
    expect(rows.map((r) => r.notifier)).toEqual(['b']);
    expect(await outbox.claim(10, 60_000, { notifiers: [], now: T0 })).toEqual([]);
    await outbox.close();
  });

  it('prunes old delivered and failed rows and their dedup keys, never pending ones', async () => {
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.enqueue(req({ dedup_key: 'a', items: [{ key: 'a', value: 1 }] }), T0);
    await outbox.enqueue(req({ dedup_key: 'b', items: [{ key: 'b', value: 2 }] }), T0);
    const [a] = await outbox.claim(1, 60_000, { now: T0 });
    await outbox.markDelivered(a!.id, T0);
    expect(await outbox.prune(at(1))).toBe(1);
    expect(await outbox.stats()).toMatchObject({ pending: 1, delivered: 0 });
    await outbox.close();
  });

  it('releases at open the leases of a process of this host that is gone', async () => {
    const path = dbPath();
    let outbox = await openSqliteOutbox(path);
    await outbox.enqueue(req(), T0);
    await outbox.claim(1, 24 * 3_600_000, { now: T0 });
    await outbox.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const db = new Database(path);
    db.prepare('UPDATE outbox SET lease_owner = ?').run(`${hostname()}:${dead}`);
    db.close();
    outbox = await openSqliteOutbox(path);
    const [row] = await outbox.claim(1, 60_000, { now: at(1000) });
    expect(row?.attempts).toBe(2);
    await outbox.close();
  });

  it('keeps the lease of a live process and of another host', async () => {
    const path = dbPath();
    let outbox = await openSqliteOutbox(path);
    await outbox.enqueue(req(), T0);
    await outbox.enqueue(req({ dedup_key: 'g', items: [{ key: 'g', value: 1 }] }), T0);
    await outbox.claim(2, 24 * 3_600_000, { now: T0 });
    await outbox.close();
    const db = new Database(path);
    db.prepare("UPDATE outbox SET lease_owner = 'elsewhere:1' WHERE dedup_key = 'g'").run();
    db.close();
    outbox = await openSqliteOutbox(path);
    expect(await outbox.claim(2, 60_000, { now: at(1000) })).toEqual([]);
    await outbox.close();
  });

  it('refuses use after close with a clear error', async () => {
    const outbox = await openSqliteOutbox(dbPath());
    await outbox.close();
    await expect(outbox.stats()).rejects.toThrow(/the outbox is closed/);
  });
});

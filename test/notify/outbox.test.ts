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

describe('outbox in a SQLite file (the behaviour of every outbox: test/store/outbox-contract.ts)', () => {
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
});

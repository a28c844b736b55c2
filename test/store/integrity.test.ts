import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPostgresStore, checkSqliteStore } from '../../src/store/check.js';
import { StoreError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openDetectionStore } from '../../src/store/sqlite-detections.js';
import { MIGRATIONS } from '../../src/store/sqlite-migrations.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { damagePage } from './damage.js';
import { buckets, summary } from './fixtures.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from './postgres-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'cw-integrity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const T0 = '2024-03-01T00:00:00.000Z';

/** A store with one committed scan of 400 buckets (several pages of resources). */
async function storeWithScan(migrations = MIGRATIONS.length): Promise<string> {
  const path = join(root, `s${seq++}.db`);
  const store = await openSqliteStore(path);
  const w = await store.beginScan(summary('s1', 'nightly', T0));
  await w.addResources(buckets(400, 'b', 's1'));
  await w.commit(summary('s1', 'nightly', T0, { resources: 400 }), [], []);
  await store.close();
  if (migrations < MIGRATIONS.length) {
    // as an older Cloudward left it: its last schema steps not applied yet
    const db = new Database(path);
    db.prepare('DELETE FROM schema_migrations WHERE version > ?').run(migrations);
    db.close();
  }
  return path;
}

describe('a damaged SQLite store (valid header, a damaged page)', () => {
  it('is refused before any write by the commands that write, naming the file and what to do', async () => {
    const path = await storeWithScan();
    damagePage(path);
    const before = readFileSync(path);
    for (const open of [
      () => openSqliteStore(path, { verify: true }),
      () => openStore({ type: 'sqlite', path }, { create: true, verify: true }),
      () => openSqliteOutbox(path, { verify: true }),
      async () => openDetectionStore(path, { verify: true }),
    ]) {
      const err = await open().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      const msg = (err as Error).message;
      expect(msg).toContain(`store ${path}: is damaged: SQLite's check found: `);
      expect(msg).toContain('Nothing was written to it');
      expect(msg).toContain('restore it from a backup');
      expect(msg).toContain('cloudward store check');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('is checked before the writes an open makes: pending schema steps, a dead writer to clean up', async () => {
    const old = await storeWithScan(MIGRATIONS.length - 1);
    damagePage(old);
    const before = readFileSync(old);
    await expect(openSqliteStore(old)).rejects.toThrow(/is damaged/);
    expect(readFileSync(old).equals(before)).toBe(true);

    const crashed = await storeWithScan();
    const db = new Database(crashed);
    db.prepare(
      `INSERT INTO scans (id, audit_key, label, started_at, started_ms, finished_at, counts, errors, status,
                          writer_token, writer_host, writer_pid, writer_thread, heartbeat_ms)
       SELECT 's2', audit_key, label, started_at, started_ms, NULL, counts, errors, 'running', 't', 'gone-host', 1, 0, 0
         FROM scans WHERE id = 's1'`,
    ).run();
    db.close();
    damagePage(crashed);
    const was = readFileSync(crashed);
    await expect(openSqliteStore(crashed)).rejects.toThrow(/is damaged/);
    expect(readFileSync(crashed).equals(was)).toBe(true);
  });

  it('a reader that does not write opens it without the cost of the check, and names the damage it meets', async () => {
    const path = await storeWithScan();
    damagePage(path);
    const store = await openSqliteStore(path);
    expect((await store.listScans()).map((s) => s.id)).toEqual(['s1']);
    await expect(store.resources('s1')).rejects.toThrow(
      new RegExp(`store ${path}: reading resources of scan s1: is damaged .*cloudward store check`),
    );
    await store.close();
  });

  it('checkSqliteStore lists the problems (integrity_check or quick_check) and never writes', async () => {
    const sound = await storeWithScan();
    const ok = checkSqliteStore(sound);
    expect(ok).toMatchObject({ type: 'sqlite', ok: true, method: 'integrity_check', problems: [] });
    expect(ok.schema).toEqual({ version: MIGRATIONS.length, expected: MIGRATIONS.length });

    const page = damagePage(sound, 'resources', 'leaf');
    const before = readFileSync(sound);
    for (const quick of [false, true]) {
      const bad = checkSqliteStore(sound, { quick });
      expect(bad.ok).toBe(false);
      expect(bad.method).toBe(quick ? 'quick_check' : 'integrity_check');
      expect(bad.problems.length).toBeGreaterThan(0);
      expect(bad.problems.join('\n')).toMatch(new RegExp(`page ${page}|malformed`));
    }
    expect(readFileSync(sound).equals(before)).toBe(true);
  });
});

describe('a store at a path that does not exist', () => {
  it('is refused with create: false, naming the path; nothing is created, not even the directory', async () => {
    const dir = join(root, `typo-${seq++}`);
    const path = join(dir, 'cloudward.db');
    for (const open of [
      () => openSqliteStore(path, { create: false }),
      () => openStore({ type: 'sqlite', path }, { create: false }),
      async () => checkSqliteStore(path),
    ]) {
      await expect(open()).rejects.toThrow(`store ${path}: no store here (the file does not exist)`);
    }
    expect(existsSync(dir)).toBe(false);
    // commands that write create it
    await (await openStore({ type: 'sqlite', path }, { create: true, verify: true })).close();
    expect(existsSync(path)).toBe(true);
  });
});

const pg = await pgAvailable('store integrity (PostgreSQL)');

describe.skipIf(!pg)('PostgreSQL', () => {
  afterAll(dropSchemas);

  it('a read never creates a store in a mistyped schema', async () => {
    const schema = freshSchema();
    await expect(openPostgresStore(PG_URL, { schema, create: false })).rejects.toThrow(
      new RegExp(`schema=${schema}: no store here: schema ${schema} holds no Cloudward tables`),
    );
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toEqual([]);
    await expect(checkPostgresStore(PG_URL, schema)).rejects.toThrow(/no store here/);
  });

  it('store check: schema version, every table read, invalid indexes and missing tables reported', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(PG_URL, { schema });
    const w = await store.beginScan(summary('s1', 'nightly', T0));
    await w.addResources(buckets(30, 'b', 's1'));
    await w.commit(summary('s1', 'nightly', T0, { resources: 30 }), [], []);
    await store.close();

    const ok = await checkPostgresStore(PG_URL, schema);
    expect(ok).toMatchObject({ type: 'postgres', ok: true, problems: [], notes: [] });
    expect(ok.schema.version).toBe(ok.schema.expected);
    expect(ok.facts).toMatchObject({ scans: 1, resources: 30 });

    // an index left invalid (as an interrupted CREATE INDEX CONCURRENTLY leaves it), a lost table
    await sql(
      `UPDATE pg_index SET indisvalid = false WHERE indexrelid =
         (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relkind = 'i' AND c.relname LIKE 'resources%' LIMIT 1)`,
      [schema],
    );
    await sql(`DROP TABLE "${schema}".mutes`);
    await sql(`DROP TABLE "${schema}".detections`);
    const bad = await checkPostgresStore(PG_URL, schema);
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        'table mutes is missing',
        'table detections is missing',
        expect.stringMatching(
          /^index resources\S* is invalid \(an interrupted build\): rebuild it with REINDEX$/,
        ),
      ]),
    );
  });
});

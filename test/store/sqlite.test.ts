import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { inspectSchema, MIGRATIONS, type Migration, migrate } from '../../src/store/sqlite-migrations.js';
import { isAbandoned, STALE_WRITER_MS } from '../../src/store/sqlite-recovery.js';
import type { Store } from '../../src/store/store.js';
import { buckets, eventOf, life, resultOf, summary } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cloudward-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
/** A fresh directory for one test. */
const freshDir = () => {
  const d = join(root, `t${seq++}`);
  mkdirSync(d);
  return d;
};

/** Opens the file directly, bypassing the store, to look at what is really on disk. */
function raw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Commits a scan with resources, results and finding lives; returns what a reader should see. */
async function seedScan(
  store: Store,
  id: string,
  auditKey = 'nightly',
  startedAt = '2024-03-01T00:00:00.000Z',
) {
  const recs = buckets(30, `${id}-bucket`, id);
  const results = recs.map((r, i) => resultOf(r, 'aws.s3.public', i % 3 === 0 ? 'fail' : 'pass', 'high'));
  const lives = recs
    .filter((_, i) => i % 3 === 0)
    .map((r) =>
      life({ checkId: 'aws.s3.public', reference: r.com.reference, auditKey, lastSeen: startedAt }),
    );
  const final = {
    ...summary(id, auditKey, startedAt, { resources: recs.length }),
    status: 'complete' as const,
  };
  const w = await store.beginScan(summary(id, auditKey, startedAt));
  await w.addResources(recs.slice(0, 10));
  await w.addResources(recs.slice(10));
  await w.addResults(results);
  await w.commit(
    final,
    lives,
    lives.map((l) => eventOf(l, id)),
  );
  return { summary: final, recs, results, findings: await store.findings({ audit_key: auditKey }) };
}

async function snapshot(store: Store, id: string, auditKey = 'nightly') {
  return {
    summary: await store.getScan(id),
    recs: await store.resources(id),
    results: await store.results(id),
    findings: await store.findings({ audit_key: auditKey }),
  };
}

describe('openSqliteStore', () => {
  it('creates the file and its missing parent directories, in WAL mode', async () => {
    const path = join(freshDir(), 'a', 'b', 'cloudward.db');
    const store = await openSqliteStore(path);
    expect(store.location).toBe(path);
    await store.close();
    expect(raw(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('resolves a relative path to an absolute location', async () => {
    const dir = freshDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const store = await openSqliteStore('rel.db');
      expect(store.location).toBe(join(dir, 'rel.db'));
      await store.close();
    } finally {
      process.chdir(cwd);
    }
  });

  it('keeps everything across close and reopen', async () => {
    const path = join(freshDir(), 'keep.db');
    let store = await openSqliteStore(path);
    const seeded = await seedScan(store, 's1');
    await store.mute({
      finding_id: seeded.findings[0]!.com.finding_id,
      owner: 'ana',
      reason: 'r',
      created_at: '2024-03-01T00:00:00Z',
      expires_at: null,
    });
    await store.close();
    store = await openSqliteStore(path);
    const again = await snapshot(store, 's1');
    expect(again.summary).toEqual(seeded.summary);
    expect(again.recs).toEqual(seeded.recs);
    expect(again.results).toEqual(seeded.results);
    expect(again.findings).toHaveLength(seeded.findings.length);
    expect((await store.activeMutes(new Date())).size).toBe(1);
    await store.close();
  });

  it('opens :memory: stores that share nothing', async () => {
    const a = await openSqliteStore(':memory:');
    const b = await openSqliteStore(':memory:');
    expect(a.location).toBe(':memory:');
    await seedScan(a, 's1');
    expect(await b.listScans()).toEqual([]);
    await a.close();
    await b.close();
  });

  it('turns a zero-length file into a store', async () => {
    const path = join(freshDir(), 'empty.db');
    writeFileSync(path, '');
    const store = await openSqliteStore(path);
    await seedScan(store, 's1');
    expect(await store.listScans()).toHaveLength(1);
    await store.close();
  });

  it('refuses an empty path', async () => {
    await expect(openSqliteStore('  ')).rejects.toThrow(/path is empty/);
  });
});

describe('refused files are named and left untouched', () => {
  /** A real store file whose bytes the cases below damage. */
  async function storeBytes(): Promise<Buffer> {
    const path = join(freshDir(), 'src.db');
    const store = await openSqliteStore(path);
    await seedScan(store, 's1');
    await store.close();
    return readFileSync(path);
  }

  const cases: { name: string; problem: RegExp; make: (path: string) => Promise<void> | void }[] = [
    {
      name: 'a text file',
      problem: /not a SQLite database/,
      make: (p) => writeFileSync(p, 'name,value\nbucket,1\n'.repeat(50)),
    },
    {
      name: 'a file shorter than a header',
      problem: /not a SQLite database/,
      make: (p) => writeFileSync(p, 'SQLite format 3'),
    },
    {
      name: 'a truncated store',
      problem: /is damaged/,
      make: async (p) => writeFileSync(p, (await storeBytes()).subarray(0, 8192)),
    },
    {
      name: 'a header with an impossible page size',
      problem: /invalid page size 1000/,
      make: async (p) => {
        const b = await storeBytes();
        b.writeUInt16BE(1000, 16);
        writeFileSync(p, b);
      },
    },
    {
      name: 'a damaged schema page',
      problem: /is damaged/,
      make: async (p) => {
        const b = await storeBytes();
        b.fill(0xab, 100, 1200);
        writeFileSync(p, b);
      },
    },
    {
      name: "another application's SQLite database",
      problem: /not a Cloudward store/,
      make: (p) =>
        raw(p, (db) =>
          db.exec(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users VALUES (1, 'a@b.c')",
          ),
        ),
    },
    {
      name: 'a schema_migrations table of another layout',
      problem: /not a Cloudward store/,
      make: (p) =>
        raw(p, (db) =>
          db.exec(
            "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101')",
          ),
        ),
    },
    {
      name: 'a store from a newer Cloudward',
      problem: new RegExp(
        `schema version 99, written by a newer Cloudward; this version understands up to ${MIGRATIONS.length}`,
      ),
      make: async (p) => {
        writeFileSync(p, await storeBytes());
        raw(p, (db) =>
          db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')").run(),
        );
      },
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const dir = freshDir();
      const path = join(dir, 'target.db');
      // files made through SQLite are created first so raw() can open them
      if (c.name.includes('SQLite') || c.name.includes('schema_migrations')) writeFileSync(path, '');
      await c.make(path);
      const before = readFileSync(path);
      const listing = readdirSync(dir).sort();

      const err = await openSqliteStore(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).message).toContain(path);
      expect((err as StoreError).message).toMatch(c.problem);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(listing);
    });
  }

  it('refuses a directory', async () => {
    const dir = freshDir();
    await expect(openSqliteStore(dir)).rejects.toThrow(`store ${dir}: is a directory`);
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    const path = join(freshDir(), 'secret.db');
    writeFileSync(path, 'x', { mode: 0o000 });
    await expect(openSqliteStore(path)).rejects.toThrow(/permission denied/);
  });

  it('reports a damaged data page when it is read, and at open with verify', async () => {
    const path = join(freshDir(), 'pages.db');
    const store = await openSqliteStore(path);
    const w = await store.beginScan(summary('s1', 'nightly', '2024-03-01T00:00:00.000Z'));
    const marker = 'damage-this-page-marker';
    const recs = buckets(400, 'page', 's1');
    recs[300]!.raw.marker = marker;
    await w.addResources(recs);
    await w.commit(summary('s1', 'nightly', '2024-03-01T00:00:00.000Z', { resources: 400 }), [], []);
    await store.close();

    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const at = bytes.indexOf(marker);
    expect(at).toBeGreaterThan(pageSize);
    const page = Math.floor(at / pageSize) * pageSize;
    bytes.fill(0xee, page, page + pageSize);
    writeFileSync(path, bytes);

    const reopened = await openSqliteStore(path);
    await expect(reopened.resources('s1')).rejects.toThrow(
      new RegExp(`store ${path}: reading resources of scan s1: is damaged`),
    );
    await reopened.close();

    const before = readFileSync(path);
    await expect(openSqliteStore(path, { verify: true })).rejects.toThrow(/is damaged/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('migrations', () => {
  it('are recorded once and reopening applies nothing', async () => {
    const path = join(freshDir(), 'm.db');
    await (await openSqliteStore(path)).close();
    const first = raw(path, (db) => db.prepare('SELECT * FROM schema_migrations').all());
    expect(first).toHaveLength(MIGRATIONS.length);
    await (await openSqliteStore(path)).close();
    await (await openSqliteStore(path)).close();
    expect(raw(path, (db) => db.prepare('SELECT * FROM schema_migrations').all())).toEqual(first);
  });

  const step = (version: number, sql: string): Migration => ({ version, name: `step ${version}`, sql });

  it('apply only the pending steps, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 'mem', [step(1, 'CREATE TABLE a (x)')])).toEqual([1]);
    expect(
      migrate(db, 'mem', [
        step(1, 'CREATE TABLE a (x)'),
        step(2, 'CREATE TABLE b (y)'),
        step(3, 'ALTER TABLE a ADD COLUMN z'),
      ]),
    ).toEqual([2, 3]);
    expect(migrate(db, 'mem', [step(1, ''), step(2, ''), step(3, '')])).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
      1, 2, 3,
    ]);
    db.close();
  });

  it('roll back every pending step when one fails', () => {
    const db = new Database(':memory:');
    migrate(db, 'mem', [step(1, 'CREATE TABLE a (x)')]);
    const steps = [
      step(1, ''),
      step(2, 'CREATE TABLE b (y)'),
      step(3, 'CREATE TABLE c (z); SELECT * FROM missing_table'),
    ];
    expect(() => migrate(db, 'mem', steps)).toThrow(
      /store mem: schema migration failed and was rolled back: no such table: missing_table/,
    );
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['a', 'schema_migrations']);
    expect(inspectSchema(db, 'mem', steps)).toEqual([{ version: 1, name: 'step 1' }]);
    db.close();
  });

  it('refuse a history that does not match the known steps', () => {
    const db = new Database(':memory:');
    migrate(db, 'mem', [step(1, 'CREATE TABLE a (x)')]);
    expect(() => migrate(db, 'mem', [{ version: 1, name: 'renamed', sql: '' }])).toThrow(
      /unknown schema step 1 "step 1"/,
    );
    expect(() => migrate(db, 'mem', [step(2, '')])).toThrow(/versions must be 1, 2, 3/);
    db.close();
  });
});

describe('crash recovery', () => {
  let dir: string;
  beforeEach(() => {
    dir = freshDir();
  });

  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('keeps a scan that a live writer in this process is still writing', async () => {
    const path = join(dir, 'live.db');
    const writerStore = await openSqliteStore(path);
    const w = await writerStore.beginScan(summary('s1', 'nightly', '2024-03-01T00:00:00.000Z'));
    await w.addResources(buckets(5));
    const other = await openSqliteStore(path);
    await w.addResources(buckets(5, 'more'));
    await w.commit(summary('s1', 'nightly', '2024-03-01T00:00:00.000Z', { resources: 10 }), [], []);
    expect(await other.resources('s1')).toHaveLength(10);
    await other.close();
    await writerStore.close();
  });

  it('aborts a scan whose writer process is gone, and its writer can no longer write', async () => {
    const path = join(dir, 'dead.db');
    const writerStore = await openSqliteStore(path);
    const kept = await seedScan(writerStore, 'kept');
    const w = await writerStore.beginScan(summary('s1', 'nightly', '2024-03-02T00:00:00.000Z'));
    await w.addResources(buckets(5));
    raw(path, (db) => db.prepare("UPDATE scans SET writer_pid = ? WHERE id = 's1'").run(deadPid()));

    const other = await openSqliteStore(path);
    expect(raw(path, (db) => db.prepare("SELECT status FROM scans WHERE id = 's1'").pluck().get())).toBe(
      'aborted',
    );
    expect(
      raw(path, (db) => db.prepare("SELECT count(*) FROM resources WHERE scan_id = 's1'").pluck().get()),
    ).toBe(0);
    await expect(w.addResources(buckets(1))).rejects.toThrow(/scan s1 is no longer running/);
    await expect(w.commit(summary('s1', 'nightly', '2024-03-02T00:00:00.000Z'), [], [])).rejects.toThrow(
      /no longer running/,
    );
    expect(await snapshot(other, 'kept')).toEqual({
      summary: kept.summary,
      recs: kept.recs,
      results: kept.results,
      findings: kept.findings,
    });
    await other.close();
    await writerStore.close();
  });

  it('judges writers by process, host and heartbeat', () => {
    const me = { host: 'here', pid: 100, thread: 0 };
    const now = 10 * STALE_WRITER_MS;
    const row = {
      id: 's',
      writer_token: 't',
      writer_host: 'here',
      writer_pid: 100,
      writer_thread: 0,
      heartbeat_ms: now,
    };
    // this thread's own writer that is not registered: left over from a closed store object
    expect(isAbandoned(row, 'db', now, me)).toBe(true);
    expect(isAbandoned({ ...row, writer_thread: 1 }, 'db', now, me)).toBe(false);
    expect(isAbandoned({ ...row, writer_host: 'elsewhere' }, 'db', now, me)).toBe(false);
    expect(
      isAbandoned(
        { ...row, writer_host: 'elsewhere', heartbeat_ms: now - STALE_WRITER_MS - 1 },
        'db',
        now,
        me,
      ),
    ).toBe(true);
    expect(isAbandoned({ ...row, writer_pid: process.pid, writer_host: 'here' }, 'db', now, me)).toBe(false);
    expect(isAbandoned({ ...row, writer_pid: deadPid() ?? 0 }, 'db', now, me)).toBe(true);
    expect(isAbandoned({ ...row, writer_token: null }, 'db', now, me)).toBe(true);
    expect(isAbandoned({ ...row, writer_host: hostname() }, 'db', now, me)).toBe(false);
  });
});

/** A scan writer in its own process, killed with SIGKILL. */
function startChild(mode: 'mid-scan' | 'commit-loop', db: string) {
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'ts-loader', 'register.mjs'), join(here, 'crash-child.fixture.ts'), mode, db],
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
    /** resolves once `pred` holds for the lines printed so far; fails if the child dies first */
    until(pred: (lines: string[]) => boolean): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred(lines)) {
            rl.off('line', check);
            resolve();
          }
        };
        rl.on('line', check);
        check();
        void exited.then(([code]) =>
          reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)),
        );
      });
    },
    async kill(): Promise<NodeJS.Signals | null> {
      child.kill('SIGKILL');
      const [, signal] = await exited;
      return signal;
    },
  };
}

describe('a writer killed with SIGKILL', () => {
  it('leaves earlier complete scans intact and no partial scan visible', async () => {
    const path = join(freshDir(), 'crash.db');
    let store = await openSqliteStore(path);
    const before = await seedScan(store, 'before');
    await store.close();

    const child = startChild('mid-scan', path);
    await child.until((l) => l.some((x) => x.startsWith('ready crash-open')));

    // a store opened while the writer lives must not abort its scan
    store = await openSqliteStore(path);
    expect((await store.listScans()).map((s) => s.id)).toEqual(['before']);
    await store.close();
    expect(
      raw(path, (db) => db.prepare("SELECT status FROM scans WHERE id = 'crash-open'").pluck().get()),
    ).toBe('running');

    expect(await child.kill()).toBe('SIGKILL');
    const partial = raw(path, (db) =>
      db.prepare("SELECT count(*) FROM resources WHERE scan_id = 'crash-open'").pluck().get(),
    );
    expect(partial).toBeGreaterThanOrEqual(120);

    store = await openSqliteStore(path);
    expect(await snapshot(store, 'before')).toEqual({
      summary: before.summary,
      recs: before.recs,
      results: before.results,
      findings: before.findings,
    });
    expect((await store.listScans()).map((s) => s.id)).toEqual(['before']);
    expect(await store.getScan('crash-open')).toBeNull();
    expect(await store.resources('crash-open')).toEqual([]);
    expect(await store.resourceHistory('arn:aws:s3:::crash-open-b0-0')).toEqual([]);
    await store.close();

    raw(path, (db) => {
      expect(db.prepare("SELECT status FROM scans WHERE id = 'crash-open'").pluck().get()).toBe('aborted');
      expect(db.prepare("SELECT count(*) FROM resources WHERE scan_id = 'crash-open'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM results WHERE scan_id = 'crash-open'").pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  it('between or during commits leaves every committed scan whole', async () => {
    const path = join(freshDir(), 'loop.db');
    const child = startChild('commit-loop', path);
    await child.until((l) => l.length >= 4);
    expect(await child.kill()).toBe('SIGKILL');
    const reported = child.lines.filter((l) => l.startsWith('committed ')).map((l) => l.split(' ')[1]);

    const store = await openSqliteStore(path);
    const scans = await store.listScans({ audit_key: 'loop' });
    const ids = scans.map((s) => s.id);
    // everything the child saw committed is there; at most one more commit landed unreported
    for (const id of reported) expect(ids).toContain(id);
    expect(scans.length - reported.length).toBeLessThanOrEqual(1);
    for (const s of scans) {
      expect((await store.resources(s.id)).length).toBe(s.counts.resources);
      expect((await store.results(s.id)).length).toBe(s.counts.resources);
    }
    const lives = await store.findingLives('loop');
    expect(lives.size).toBe(scans.reduce((n, s) => n + (s.counts.resources / 40) * 5, 0));
    const started = new Set(scans.map((s) => s.started_at));
    for (const l of lives.values()) expect(started).toContain(l.last_seen);
    await store.close();

    raw(path, (db) => {
      expect(db.prepare("SELECT count(*) FROM scans WHERE status = 'running'").pluck().get()).toBe(0);
      expect(
        db
          .prepare(
            "SELECT count(*) FROM resources r JOIN scans s ON s.id = r.scan_id WHERE s.status != 'complete'",
          )
          .pluck()
          .get(),
      ).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/context.js';
import { StoreError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { parsePostgresUrl, scrub } from '../../src/store/postgres-connection.js';
import { PG_MIGRATIONS, type PgMigration } from '../../src/store/postgres-migrations.js';
import type { Store } from '../../src/store/store.js';
import { buckets, eventOf, life, resource, resultOf, summary } from './fixtures.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from './postgres-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const T0 = '2024-03-01T00:00:00.000Z';
const SECRET = 'Sup3r-s3cret-pw';

describe('parsePostgresUrl', () => {
  it('takes the schema from the option, else the URL, else "cloudward"', () => {
    expect(parsePostgresUrl('postgres://u@h:5432/db').schema).toBe('cloudward');
    expect(parsePostgresUrl('postgres://u@h:5432/db?schema=team_a').schema).toBe('team_a');
    expect(parsePostgresUrl('postgres://u@h:5432/db?schema=team_a', 'team_b').schema).toBe('team_b');
  });

  it('passes the other parameters to the driver without the schema', () => {
    const a = parsePostgresUrl('postgresql://u:p@h/db?sslmode=require&schema=x');
    expect(a.connectionString).toBe('postgresql://u:p@h/db?sslmode=require');
  });

  it('gives a location with the password replaced and no other parameters', () => {
    const a = parsePostgresUrl(
      `postgres://ana:${SECRET}@db.example:6543/audits?password=${SECRET}&schema=s1`,
    );
    expect(a.location).toBe('postgres://ana:***@db.example:6543/audits?schema=s1');
    expect(a.password).toBe(SECRET);
    expect(parsePostgresUrl('postgres://db.example/audits').location).toBe(
      'postgres://db.example/audits?schema=cloudward',
    );
  });

  it('refuses an empty or unparsable URL without repeating it', () => {
    expect(() => parsePostgresUrl('  ')).toThrow(/URL is empty/);
    const err = (() => {
      try {
        parsePostgresUrl(`not a url ${SECRET}`);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(/cannot be parsed/);
    expect(String(err)).not.toContain(SECRET);
  });

  it('refuses another scheme and bad schema names', () => {
    expect(() => parsePostgresUrl(`mysql://u:${SECRET}@h/db`)).toThrow(/scheme is "mysql"/);
    expect(() => parsePostgresUrl(`mysql://u:${SECRET}@h/db`)).not.toThrow(SECRET);
    for (const bad of ['Team', '1abc', 'a-b', 'pg_temp', 'x; DROP TABLE scans', 'a'.repeat(64), '']) {
      expect(() => parsePostgresUrl('postgres://h/db', bad), bad).toThrow(/is not a valid name/);
    }
    expect(() => parsePostgresUrl('postgres://h/db?schema=Robert%27)--')).toThrow(/not a valid name/);
  });

  it('scrubs the password from any text, unless it is too short to mean anything', () => {
    expect(scrub(`auth failed for ${SECRET}!`, SECRET)).toBe('auth failed for ***!');
    expect(scrub('a message', 'a')).toBe('a message');
  });
});

describe('connection errors name the database and never its password', () => {
  it('when nothing listens at the address', async () => {
    const err = await openPostgresStore(`postgres://ana:${SECRET}@127.0.0.1:1/audits`, {
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    const text = `${String(err)} ${(err as Error).stack ?? ''}`;
    expect(text).not.toContain(SECRET);
    expect(String(err)).toMatch(
      /^StoreError: store postgres:\/\/ana:\*\*\*@127\.0\.0\.1:1\/audits\?schema=cloudward: opening: cannot connect: nothing listens at 127\.0\.0\.1:1/,
    );
  });

  it('when the server does not answer within the connect timeout', async () => {
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const err = await openPostgresStore(`postgres://ana:${SECRET}@127.0.0.1:${port}/audits`, {
        connectTimeoutMs: 300,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect(String(err)).toMatch(/cannot connect: no answer within 0\.3s/);
      expect(String(err)).not.toContain(SECRET);
    } finally {
      silent.close();
    }
  });
});

const available = await pgAvailable('postgres store');
afterAll(async () => {
  if (available) await dropSchemas();
});

/** Commits a scan with resources, results and finding lives; returns what a reader should see. */
async function seedScan(store: Store, id: string, auditKey = 'nightly', startedAt = T0) {
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

const count = async (schema: string, table: string, where = 'TRUE', params: unknown[] = []) =>
  Number(
    (await sql<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".${table} WHERE ${where}`, params))[0]?.n,
  );

const scanStatus = async (schema: string, id: string) =>
  (await sql<{ status: string }>(`SELECT status FROM "${schema}".scans WHERE id = $1`, [id]))[0]?.status;

/** A URL for the test server with a user, password and database of our choosing. */
function urlWith(o: { password?: string; database?: string; port?: number }): string {
  const u = new URL(PG_URL);
  if (o.password !== undefined) u.password = o.password;
  if (o.database !== undefined) u.pathname = `/${o.database}`;
  if (o.port !== undefined) u.port = String(o.port);
  return u.toString();
}

describe.skipIf(!available)('openPostgresStore', () => {
  it('creates its schema, names the database in location, and keeps everything across reopen', async () => {
    const schema = freshSchema();
    let store = await openPostgresStore(PG_URL, { schema });
    expect(store.location).toMatch(new RegExp(`^postgres(ql)?://.*\\?schema=${schema}$`));
    const seeded = await seedScan(store, 's1');
    await store.mute({
      finding_id: seeded.findings[0]!.com.finding_id,
      owner: 'ana',
      reason: 'r',
      created_at: T0,
      expires_at: null,
    });
    await store.close();
    store = await openPostgresStore(`${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`);
    const again = await snapshot(store, 's1');
    expect(again.summary).toEqual(seeded.summary);
    expect(again.recs).toEqual(seeded.recs);
    expect(again.results).toEqual(seeded.results);
    expect(again.findings).toHaveLength(seeded.findings.length);
    expect((await store.activeMutes(new Date())).size).toBe(1);
    await store.close();
  });

  it('stores records as JSONB that SQL can query', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(PG_URL, { schema });
    await seedScan(store, 's1');
    await store.close();
    const rows = await sql<{ t: string }>(
      `SELECT jsonb_typeof(record) AS t FROM "${schema}".resources WHERE record->'com'->>'name' = 's1-bucket-3'`,
    );
    expect(rows).toEqual([{ t: 'object' }]);
  });

  it('is opened by openStore and by the CLI for a postgres store in the config', async () => {
    const schema = freshSchema();
    const viaOpenStore = await openStore({ type: 'postgres', url: PG_URL, schema });
    await seedScan(viaOpenStore, 's1');
    await viaOpenStore.close();

    const dir = mkdtempSync(join(tmpdir(), 'cloudward-pg-cli-'));
    try {
      const config = join(dir, 'cloudward.yaml');
      const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
      writeFileSync(
        config,
        `stores:\n  team: { type: postgres, url: "${url}" }\ndefaults: { store: team }\n`,
      );
      const ctx = new CliContext({ config: [config], quiet: true });
      const store = await ctx.store();
      expect(store.location).toContain(`schema=${schema}`);
      expect((await store.listScans()).map((s) => s.id)).toEqual(['s1']);
      await ctx.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses records holding a NUL character or an unpaired surrogate, naming them, and writes nothing of the batch', async () => {
    const store = await openPostgresStore(PG_URL, { schema: freshSchema() });
    const w = await store.beginScan(summary('s1', 'nightly', T0));
    const recs = buckets(3, 'nul');
    recs[1] = resource({ reference: 'arn:aws:s3:::nul-1', raw: { item: { Name: 'a\u0000b' } } });
    await expect(w.addResources(recs)).rejects.toThrow(/1 of 3 refused, nothing written: #1 .*NUL/);
    const lone = resource({ reference: 'arn:aws:s3:::lone', raw: { item: { Name: 'half \ud83d pair' } } });
    const named = resource({ reference: 'arn:aws:s3:::ab\u0000c' });
    await expect(w.addResources([buckets(1, 'ok')[0]!, lone, named])).rejects.toThrow(
      /2 of 3 refused, nothing written: #1, #2 contain .*unpaired surrogate/,
    );
    const badResult = { ...resultOf(recs[0]!, 'c.a', 'fail', 'high'), message: 'x\u0000' };
    await expect(w.addResults([badResult])).rejects.toThrow(/#0 contain a NUL/);
    // a literal backslash-u0000 in a string is ordinary text, and so is a whole surrogate pair
    const literal = resource({
      reference: 'arn:aws:s3:::lit',
      raw: { item: { Name: 'a\\u0000b \\\\ud800', Emoji: '\ud83d\ude00 😀' } },
    });
    await w.addResources([literal]);
    await w.commit(summary('s1', 'nightly', T0, { resources: 1 }), [], []);
    expect(await store.resources('s1')).toEqual([literal]);
    await store.close();
  });
});

describe.skipIf(!available)('errors name the database and never its password', () => {
  it('when the database does not exist', async () => {
    const err = await openPostgresStore(urlWith({ password: SECRET, database: 'cloudward_no_such_db' }), {
      schema: freshSchema(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(/cloudward_no_such_db\?schema=.*database does not exist/);
    expect(String(err)).not.toContain(SECRET);
  });

  it('when a query fails on an open store', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(urlWith({ password: SECRET }), { schema });
    await sql(`DROP TABLE "${schema}".mutes`);
    const err = await store.activeMutes(new Date()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(/reading mutes: .*mutes.* does not exist/);
    expect(String(err)).toContain(':***@');
    expect(String(err)).not.toContain(SECRET);
    await store.close();
  });
});

describe.skipIf(!available)('migrations', () => {
  it('applied by several processes starting at once, apply each step exactly once', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStore(PG_URL, { schema, poolSize: 2 })),
    );
    const steps = await sql<{ version: number; name: string }>(
      `SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(steps).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await seedScan(stores[0]!, 's1');
    for (const s of stores) expect((await s.listScans()).map((x) => x.id)).toEqual(['s1']);
    for (const s of stores) await s.close();
  });

  const step = (version: number, body: string): PgMigration => ({
    version,
    name: `step ${version}`,
    sql: (s) => body.replaceAll('$S', s),
  });

  it('apply only the pending steps, in order, and reopening applies nothing', async () => {
    const schema = freshSchema();
    // opening runs crash recovery, so even a test schema has the scan columns it reads
    const withScans = [
      step(
        1,
        `CREATE TABLE $S.scans (id text PRIMARY KEY, status text, finished_at text, lease_token text, lease_expires_at timestamptz);
         CREATE TABLE $S.resources (scan_id text); CREATE TABLE $S.results (scan_id text)`,
      ),
    ];
    await (await openPostgresStore(PG_URL, { schema, migrations: withScans })).close();
    const more = [
      ...withScans,
      step(2, 'CREATE TABLE $S.b (y int)'),
      step(3, 'ALTER TABLE $S.b ADD COLUMN z int'),
    ];
    await (await openPostgresStore(PG_URL, { schema, migrations: more })).close();
    await (await openPostgresStore(PG_URL, { schema, migrations: more })).close();
    const rows = await sql<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
    const cols = await sql<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'b' ORDER BY ordinal_position",
      [schema],
    );
    expect(cols.map((c) => c.column_name)).toEqual(['y', 'z']);
  });

  it('roll back every pending step when one fails, leaving no schema behind', async () => {
    const schema = freshSchema();
    const steps = [
      step(1, 'CREATE TABLE $S.a (x int)'),
      step(2, 'CREATE TABLE $S.c (z int); SELECT * FROM $S.missing'),
    ];
    const err = await openPostgresStore(PG_URL, { schema, migrations: steps }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(/schema migration failed and was rolled back: .*missing.* does not exist/);
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toEqual([]);
  });

  it('refuse a store written by a newer Cloudward, and leave it untouched', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(PG_URL, { schema });
    await seedScan(store, 's1');
    await store.close();
    await sql(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (99, 'future')`);
    const before = await sql(`SELECT * FROM "${schema}".schema_migrations ORDER BY version`);

    const err = await openPostgresStore(PG_URL, { schema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(
      new RegExp(
        `schema=${schema}: has schema version 99, written by a newer Cloudward; this version understands up to ${PG_MIGRATIONS.length}`,
      ),
    );
    expect(await sql(`SELECT * FROM "${schema}".schema_migrations ORDER BY version`)).toEqual(before);
    expect(await count(schema, 'resources')).toBe(30);
  });

  it("refuse a schema holding another application's tables, or an edited history", async () => {
    const schema = freshSchema();
    await sql(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".users (id int, email text)`);
    await expect(openPostgresStore(PG_URL, { schema })).rejects.toThrow(
      /is not a Cloudward store \(it has tables users and no schema_migrations\)/,
    );
    expect(
      await sql(
        'SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = $1',
        [schema],
      ),
    ).toEqual([{ relname: 'users' }]);

    const other = freshSchema();
    await sql(
      `CREATE SCHEMA "${other}"; CREATE TABLE "${other}".schema_migrations (version text PRIMARY KEY)`,
    );
    await expect(openPostgresStore(PG_URL, { schema: other })).rejects.toThrow(/another layout/);

    const edited = freshSchema();
    await (await openPostgresStore(PG_URL, { schema: edited })).close();
    await sql(`UPDATE "${edited}".schema_migrations SET name = 'renamed' WHERE version = 1`);
    await expect(openPostgresStore(PG_URL, { schema: edited })).rejects.toThrow(
      /unknown schema step 1 "renamed"/,
    );
  });
});

/** Waits (polling the server's clock) until no lease in the schema is still in force. */
async function leasesExpired(schema: string): Promise<void> {
  for (;;) {
    const [row] = await sql<{ live: string }>(
      `SELECT count(*) AS live FROM "${schema}".scans
        WHERE status = 'running' AND lease_expires_at >= clock_timestamp()`,
    );
    if (Number(row?.live) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!available)('leases', () => {
  it('a scan whose lease ran out is aborted by the next open, and its writer can no longer write', async () => {
    const schema = freshSchema();
    const writerStore = await openPostgresStore(PG_URL, { schema });
    const kept = await seedScan(writerStore, 'kept');
    const w = await writerStore.beginScan(summary('s1', 'nightly', '2024-03-02T00:00:00.000Z'));
    await w.addResources(buckets(5));
    await sql(
      `UPDATE "${schema}".scans SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = 's1'`,
    );

    const other = await openPostgresStore(PG_URL, { schema });
    expect(await scanStatus(schema, 's1')).toBe('aborted');
    expect(await count(schema, 'resources', 'scan_id = $1', ['s1'])).toBe(0);
    await expect(w.addResources(buckets(1))).rejects.toThrow(/scan s1 is no longer running/);
    await expect(w.commit(summary('s1', 'nightly', '2024-03-02T00:00:00.000Z'), [], [])).rejects.toThrow(
      /no longer running/,
    );
    expect(await snapshot(other, 'kept')).toEqual(kept);
    // the id of the aborted scan can be used again
    await seedScan(other, 's1', 'nightly', '2024-03-02T00:00:00.000Z');
    await other.close();
    await writerStore.close();
  });

  it('are renewed while a writer lives, even when it writes nothing for longer than the lease', async () => {
    const schema = freshSchema();
    const writerStore = await openPostgresStore(PG_URL, { schema, leaseMs: 300 });
    const w = await writerStore.beginScan(summary('s1', 'nightly', T0));
    await w.addResources(buckets(5));
    await new Promise((r) => setTimeout(r, 1200));
    const other = await openPostgresStore(PG_URL, { schema });
    expect(await scanStatus(schema, 's1')).toBe('running');
    await w.addResources(buckets(5, 'more'));
    await w.commit(summary('s1', 'nightly', T0, { resources: 10 }), [], []);
    expect(await other.resources('s1')).toHaveLength(10);
    await other.close();
    await writerStore.close();
  });

  it('record the host and pid of the writer, for people looking at a stuck scan', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(PG_URL, { schema });
    const w = await store.beginScan(summary('s1', 'nightly', T0));
    const [row] = await sql<{ lease_pid: number; lease_host: string }>(
      `SELECT lease_pid, lease_host FROM "${schema}".scans WHERE id = 's1'`,
    );
    expect(row?.lease_pid).toBe(process.pid);
    expect(row?.lease_host).not.toBe('');
    await w.abort();
    expect(await count(schema, 'scans')).toBe(0);
    await store.close();
  });
});

/** A scan writer in its own process, killed with SIGKILL. */
function startChild(mode: 'mid-scan' | 'commit-loop', schema: string, leaseMs: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(here, 'ts-loader', 'register.mjs'),
      join(here, 'postgres-crash-child.fixture.ts'),
      mode,
      PG_URL,
      schema,
      String(leaseMs),
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

describe.skipIf(!available)('a writer killed with SIGKILL', () => {
  const LEASE_MS = 2000;

  it('leaves earlier complete scans intact and no partial scan visible, and its rows are removed once its lease runs out', async () => {
    const schema = freshSchema();
    let store = await openPostgresStore(PG_URL, { schema });
    const before = await seedScan(store, 'before');
    await store.close();

    const child = startChild('mid-scan', schema, LEASE_MS);
    await child.until((l) => l.some((x) => x.startsWith('ready crash-open')));

    // a store opened while the writer lives must not abort its scan
    store = await openPostgresStore(PG_URL, { schema });
    expect((await store.listScans()).map((s) => s.id)).toEqual(['before']);
    await store.close();
    expect(await scanStatus(schema, 'crash-open')).toBe('running');

    expect(await child.kill()).toBe('SIGKILL');
    expect(await count(schema, 'resources', 'scan_id = $1', ['crash-open'])).toBeGreaterThanOrEqual(120);

    // before its lease runs out the partial scan is still there, and still invisible
    store = await openPostgresStore(PG_URL, { schema });
    expect(await store.getScan('crash-open')).toBeNull();
    expect(await store.resources('crash-open')).toEqual([]);
    await store.close();

    await leasesExpired(schema);
    store = await openPostgresStore(PG_URL, { schema });
    expect(await snapshot(store, 'before')).toEqual(before);
    expect((await store.listScans()).map((s) => s.id)).toEqual(['before']);
    expect(await store.getScan('crash-open')).toBeNull();
    expect(await store.resources('crash-open')).toEqual([]);
    expect(await store.resourceHistory('arn:aws:s3:::crash-open-b0-0')).toEqual([]);
    await store.close();

    expect(await scanStatus(schema, 'crash-open')).toBe('aborted');
    expect(await count(schema, 'resources', 'scan_id = $1', ['crash-open'])).toBe(0);
    expect(await count(schema, 'results', 'scan_id = $1', ['crash-open'])).toBe(0);
  });

  it('between or during commits leaves every committed scan whole', async () => {
    const schema = freshSchema();
    const child = startChild('commit-loop', schema, LEASE_MS);
    await child.until((l) => l.length >= 4);
    expect(await child.kill()).toBe('SIGKILL');
    const reported = child.lines.filter((l) => l.startsWith('committed ')).map((l) => l.split(' ')[1]);

    await leasesExpired(schema);
    const store = await openPostgresStore(PG_URL, { schema });
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

    expect(await count(schema, 'scans', "status = 'running'")).toBe(0);
    expect(
      await count(
        schema,
        `resources r JOIN "${schema}".scans s ON s.id = r.scan_id`,
        "s.status <> 'complete'",
      ),
    ).toBe(0);
  });
});

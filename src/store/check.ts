import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { messageOf, StoreError } from './errors.js';
import { defaultStorePath, expandHome } from './paths.js';
import { describePgError, missingPgStore, parsePostgresUrl, scrub } from './postgres-connection.js';
import { inspectPgSchema, latestPgVersion, PG_MIGRATIONS, quoteIdent } from './postgres-migrations.js';
import {
  checkDatabaseFile,
  DAMAGE_ADVICE,
  describeSqliteError,
  integrityProblems,
  MISSING_STORE,
  SqliteDriver,
} from './sqlite-file.js';
import { inspectSchema, latestVersion, MIGRATIONS } from './sqlite-migrations.js';

/*
 * `cloudward store check`: is the store sound? Reads only: nothing is migrated, recovered or
 * created, so a damaged store is left as it was for whoever repairs it.
 */

export interface StoreCheck {
  type: 'sqlite' | 'postgres';
  /** the file, or the URL without its password */
  location: string;
  ok: boolean;
  /** what was checked: "integrity_check", "quick_check", "schema and tables" */
  method: string;
  schema: { version: number; expected: number };
  /** what is wrong; empty when ok */
  problems: string[];
  /** what is worth knowing and not wrong ("1 schema step pending") */
  notes: string[];
  /** rows per table (PostgreSQL), size of the file (SQLite) */
  facts: Record<string, number>;
  ms: number;
}

export type CheckTarget =
  | { type: 'sqlite'; path?: string }
  | { type: 'postgres'; url: string; schema?: string };

/** Tables every Cloudward store has (PostgreSQL; SQLite's b-trees are all checked by SQLite). */
const PG_TABLES = [
  'schema_migrations',
  'scans',
  'resources',
  'results',
  'findings',
  'finding_events',
  'mutes',
];

/** Tables of the side stores (alert outbox, detections), there from schema version 3. */
const PG_SIDE_TABLES = ['outbox', 'outbox_keys', 'detections'];

/** The outbox's marks of recorded scans, there from schema version 9. */
const PG_RECORDING_TABLES = ['outbox_recordings'];

function pendingNote(version: number, expected: number): string[] {
  const pending = expected - version;
  return pending > 0
    ? [
        `${pending} schema step${pending === 1 ? '' : 's'} pending (version ${version} of ${expected}): applied by the next command that writes`,
      ]
    : [];
}

/** Checks a SQLite store file: PRAGMA integrity_check (quick_check with `quick`), read-only. */
export function checkSqliteStore(path: string, opts: { quick?: boolean } = {}): StoreCheck {
  const started = performance.now();
  const location = resolve(expandHome(path));
  const method = opts.quick ? 'quick_check' : 'integrity_check';
  const kind = checkDatabaseFile(location);
  if (kind === 'missing') throw new StoreError(location, MISSING_STORE);
  const expected = latestVersion(MIGRATIONS);
  const result: StoreCheck = {
    type: 'sqlite',
    location,
    ok: true,
    method,
    schema: { version: 0, expected },
    problems: [],
    notes: [],
    facts: { bytes: statSync(location).size },
    ms: 0,
  };
  if (kind === 'empty') {
    result.notes.push('the file is empty: a store that was never written to');
  } else {
    let db: InstanceType<typeof SqliteDriver>;
    try {
      db = new SqliteDriver(location, { readonly: true, fileMustExist: true });
    } catch (err) {
      throw new StoreError(location, describeSqliteError(err), { cause: err });
    }
    try {
      try {
        const state = inspectSchema(db, location);
        result.schema.version = state === 'empty' ? 0 : (state.at(-1)?.version ?? 0);
        result.notes.push(...pendingNote(result.schema.version, expected));
      } catch (err) {
        // another application's database, or a newer Cloudward's, is refused as it is elsewhere
        if (err instanceof StoreError) throw err;
        result.problems.push(`the schema cannot be read: ${messageOf(err)}`);
      }
      result.problems.push(...integrityProblems(db, opts.quick ? 'quick' : 'full'));
    } finally {
      db.close();
    }
  }
  result.ok = result.problems.length === 0;
  result.ms = Math.round(performance.now() - started);
  return result;
}

/**
 * Checks a PostgreSQL store: its schema is a Cloudward store at the version this code expects
 * (or older: pending steps are noted), every table can be read to its end, and no index is
 * left invalid by an interrupted build.
 */
export async function checkPostgresStore(url: string, schemaOption?: string): Promise<StoreCheck> {
  const started = performance.now();
  const addr = parsePostgresUrl(url, schemaOption);
  const pg = (await import('pg')).default;
  const client = new pg.Client({
    connectionString: addr.connectionString,
    connectionTimeoutMillis: 10_000,
    application_name: 'cloudward store check',
  });
  const fail = (what: string, err: unknown) =>
    err instanceof StoreError
      ? err
      : new StoreError(addr.location, `${what}: ${scrub(describePgError(err, 10_000), addr.password)}`, {
          cause: err,
        });
  const expected = latestPgVersion(PG_MIGRATIONS);
  const result: StoreCheck = {
    type: 'postgres',
    location: addr.location,
    ok: true,
    method: 'schema and tables',
    schema: { version: 0, expected },
    problems: [],
    notes: [],
    facts: {},
    ms: 0,
  };
  try {
    await client.connect();
  } catch (err) {
    throw fail('connecting', err);
  }
  try {
    let state: Awaited<ReturnType<typeof inspectPgSchema>>;
    try {
      state = await inspectPgSchema(client, addr.location, addr.schema);
    } catch (err) {
      throw fail('reading the schema', err);
    }
    if (state === 'empty') throw new StoreError(addr.location, missingPgStore(addr.schema));
    result.schema.version = state.at(-1)?.version ?? 0;
    result.notes.push(...pendingNote(result.schema.version, expected));
    const tables = (
      await client.query<{ relname: string }>(
        `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
        [addr.schema],
      )
    ).rows.map((r) => r.relname);
    const needed = [
      ...PG_TABLES,
      ...(result.schema.version >= 3 ? PG_SIDE_TABLES : []),
      ...(result.schema.version >= 9 ? PG_RECORDING_TABLES : []),
    ];
    for (const t of needed.filter((t) => !tables.includes(t))) result.problems.push(`table ${t} is missing`);
    for (const t of tables) {
      try {
        // count(*) reads every page of the table: a damaged page fails here
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${quoteIdent(addr.schema)}.${quoteIdent(t)}`,
        );
        result.facts[t] = Number(rows[0]?.n ?? 0);
      } catch (err) {
        result.problems.push(
          `table ${t} cannot be read: ${scrub(describePgError(err, 10_000), addr.password)}`,
        );
      }
    }
    const invalid = (
      await client.query<{ relname: string }>(
        `SELECT c.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
           JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND NOT (i.indisvalid AND i.indisready) ORDER BY c.relname`,
        [addr.schema],
      )
    ).rows.map((r) => r.relname);
    for (const i of invalid)
      result.problems.push(`index ${i} is invalid (an interrupted build): rebuild it with REINDEX`);
  } finally {
    await client.end().catch(() => undefined);
  }
  result.ok = result.problems.length === 0;
  result.ms = Math.round(performance.now() - started);
  return result;
}

/** Checks the store a config names (the default SQLite path when it names none). */
export async function checkStore(target: CheckTarget, opts: { quick?: boolean } = {}): Promise<StoreCheck> {
  return target.type === 'sqlite'
    ? checkSqliteStore(target.path ?? defaultStorePath(), opts)
    : checkPostgresStore(target.url, target.schema);
}

/** What to do about a store that failed its check. */
export function adviceFor(check: StoreCheck): string {
  return check.type === 'sqlite'
    ? DAMAGE_ADVICE.replace(/; `cloudward store check` lists every problem$/, '')
    : 'restore the schema from a backup (pg_dump/pg_restore), or rebuild what REINDEX can; see docs/store.md, "A damaged store"';
}

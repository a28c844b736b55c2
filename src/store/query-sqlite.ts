import type Database from 'better-sqlite3';
import { messageOf, StoreError } from './errors.js';
import {
  checkSavedQueryName,
  plainInteger,
  type QueryStore,
  type SavedQuery,
  SQLITE_JSON_COLUMNS,
  StoreQueryError,
  type StoreQueryOptions,
  type StoreQueryResult,
  StoreQueryTimeout,
} from './query.js';
import { QUERY_TABLES, tableDefinitions } from './query-tables.js';
import { composeQuery, pointAt, prepareQueryText, QueryTextError, sqliteErrorOffset } from './query-text.js';
import { BUSY_TIMEOUT_MS, describeSqliteError, SqliteDriver } from './sqlite-file.js';

/** Names of the query tables' JSON columns: text on SQLite, given back as values. */
const JSON_NAMES = new Set(
  QUERY_TABLES.flatMap((t) => t.columns.filter((c) => c.type === 'json').map((c) => c.name)),
);

const TIMED_OUT = 'cloudward: query time limit reached';

/**
 * Queries over a SQLite store, on a connection of their own that SQLite opens read-only and
 * that is set to `query_only`; saved queries are written through a second, ordinary one.
 */
export function openSqliteQueryStore(location: string): QueryStore {
  if (location === ':memory:')
    throw new StoreError(
      location,
      'SQL queries need a store file: an in-memory store has no second connection',
    );
  let reader: Database.Database;
  let writer: Database.Database;
  try {
    reader = new SqliteDriver(location, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    reader.pragma('query_only = ON');
    writer = new SqliteDriver(location, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  let deadline = Number.POSITIVE_INFINITY;
  // checked at every row a query table gives: SQLite has no other way to stop a statement here
  reader.function('cw_continue', { deterministic: false }, (_row: unknown) => {
    if (Date.now() > deadline) throw new Error(TIMED_OUT);
    return 1;
  });
  return new SqliteQueryStore(location, reader, writer, (ms) => {
    deadline = ms;
  });
}

class SqliteQueryStore implements QueryStore {
  constructor(
    private readonly location: string,
    private readonly reader: Database.Database,
    private readonly writer: Database.Database,
    private readonly setDeadline: (ms: number) => void,
  ) {}

  async query(sql: string, opts: StoreQueryOptions): Promise<StoreQueryResult> {
    const prepared = prepareQueryText(sql, 'sqlite');
    const defs = tableDefinitions('sqlite', 'main', (opts.now ?? new Date()).getTime(), 'cw_continue');
    const composed = composeQuery(defs, prepared.text);
    const params = bindable(prepared.params, opts.params ?? {});
    this.setDeadline(Date.now() + opts.timeoutMs);
    try {
      const stmt = this.reader.prepare(composed.text);
      if (!stmt.reader || !stmt.readonly)
        throw new QueryTextError('only SELECT queries are allowed (queries are read-only)');
      const columns = stmt.columns();
      const rows = (stmt.raw(true).all(params) as unknown[][]).map((values) => {
        const row: Record<string, unknown> = {};
        columns.forEach((c, i) => {
          const v = values[i];
          const json =
            (c.table && c.column && SQLITE_JSON_COLUMNS.has(`${c.table}.${c.column}`)) ||
            JSON_NAMES.has(c.name);
          row[c.name] =
            json && typeof v === 'string' ? parseJson(v) : typeof v === 'bigint' ? plainInteger(v) : v;
        });
        return row;
      });
      return { columns: columns.map((c) => ({ name: c.name, type: (c.type ?? '').toLowerCase() })), rows };
    } catch (err) {
      if (err instanceof QueryTextError) throw err;
      const message = messageOf(err);
      if (message.includes(TIMED_OUT)) throw new StoreQueryTimeout(opts.timeoutMs);
      const at = sqliteErrorOffset(message, sql);
      throw new StoreQueryError(at >= 0 ? `${message}\n\n${pointAt(sql, at)}` : message);
    } finally {
      this.setDeadline(Number.POSITIVE_INFINITY);
    }
  }

  private run<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof QueryTextError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  async savedQueries(): Promise<SavedQuery[]> {
    return this.run(
      'listing saved queries',
      () => this.writer.prepare('SELECT * FROM saved_queries ORDER BY name').all() as SavedQuery[],
    );
  }

  async savedQuery(name: string): Promise<SavedQuery | null> {
    return this.run(`reading saved query ${name}`, () => {
      const row = this.writer.prepare('SELECT * FROM saved_queries WHERE name = ?').get(name);
      return (row as SavedQuery | undefined) ?? null;
    });
  }

  async saveQuery(
    q: { name: string; sql: string; description?: string },
    now = new Date(),
  ): Promise<SavedQuery> {
    checkSavedQueryName(q.name);
    prepareQueryText(q.sql, 'sqlite');
    const at = now.toISOString();
    return this.run(`saving query ${q.name}`, () => {
      this.writer
        .prepare(
          `INSERT INTO saved_queries (name, sql, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET sql = excluded.sql, description = excluded.description,
             updated_at = excluded.updated_at`,
        )
        .run(q.name, q.sql, q.description ?? '', at, at);
      return this.writer.prepare('SELECT * FROM saved_queries WHERE name = ?').get(q.name) as SavedQuery;
    });
  }

  async deleteQuery(name: string): Promise<boolean> {
    return this.run(
      `deleting saved query ${name}`,
      () => this.writer.prepare('DELETE FROM saved_queries WHERE name = ?').run(name).changes > 0,
    );
  }

  async close(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

function parseJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The parameter values for better-sqlite3's `$name` binding; every parameter needs a value. */
export function bindable(names: readonly string[], given: Record<string, string>): Record<string, string> {
  for (const k of Object.keys(given))
    if (!names.includes(k)) throw new QueryTextError(`the query has no parameter $${k}`);
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = given[n];
    if (v === undefined) throw new QueryTextError(`the query needs a value for $${n} (--param ${n}=VALUE)`);
    out[n] = v;
  }
  return out;
}

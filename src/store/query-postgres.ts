import type pg from 'pg';
import type { PgSession } from './postgres-connection.js';
import {
  checkSavedQueryName,
  plainInteger,
  type QueryStore,
  type SavedQuery,
  StoreQueryError,
  type StoreQueryOptions,
  type StoreQueryResult,
  StoreQueryTimeout,
} from './query.js';
import { tableDefinitions } from './query-tables.js';
import { composeQuery, pointAt, prepareQueryText, QueryTextError } from './query-text.js';

/** Type names of the OIDs a query's columns usually have. */
const PG_TYPES: Record<number, string> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1043: 'varchar',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamptz',
  1700: 'numeric',
  3802: 'jsonb',
};
const INTEGER_OIDS = new Set([20, 21, 23]);
const NUMERIC_OID = 1700;
/** query_canceled: what statement_timeout raises */
const QUERY_CANCELED = '57014';

/**
 * Queries over a PostgreSQL store: each on a connection of its own, in a READ ONLY transaction
 * with `statement_timeout` set to the limit and the store's schema as the search path, rolled
 * back and the connection closed afterwards (nothing a query sets outlives it).
 */
export class PostgresQueryStore implements QueryStore {
  constructor(
    private readonly session: PgSession,
    private readonly connect: () => Promise<pg.PoolClient>,
  ) {}

  async query(sql: string, opts: StoreQueryOptions): Promise<StoreQueryResult> {
    const prepared = prepareQueryText(sql, 'postgres');
    const given = opts.params ?? {};
    for (const k of Object.keys(given))
      if (!prepared.params.includes(k)) throw new QueryTextError(`the query has no parameter $${k}`);
    const values = prepared.params.map((n) => {
      const v = given[n];
      if (v === undefined) throw new QueryTextError(`the query needs a value for $${n} (--param ${n}=VALUE)`);
      return v;
    });
    const defs = tableDefinitions('postgres', this.session.s, (opts.now ?? new Date()).getTime());
    const composed = composeQuery(defs, prepared.text);
    const client = await this.session.run('connecting for a query', () => this.connect());
    let answer: pg.QueryResult | undefined;
    try {
      await client.query('BEGIN TRANSACTION READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(opts.timeoutMs))}`);
      await client.query(`SET LOCAL search_path = ${this.session.s}`);
      // a named statement always goes through the extended protocol: one statement, never several
      answer = await client.query({ name: 'cloudward_query', text: composed.text, values, rowMode: 'array' });
    } catch (err) {
      const e = err as { code?: string; position?: string; message?: string };
      if (e.code === QUERY_CANCELED) throw new StoreQueryTimeout(opts.timeoutMs);
      if (e.code === undefined) throw this.session.run('running a query', () => Promise.reject(err));
      const at = e.position ? composed.toQueryOffset(Number(e.position) - 1) : -1;
      throw new StoreQueryError(at >= 0 ? `${e.message}\n\n${pointAt(sql, at)}` : String(e.message));
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release(true);
    }
    const fields = answer.fields;
    const rows = (answer.rows as unknown[][]).map((values) => {
      const row: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        const v = values[i];
        row[f.name] = INTEGER_OIDS.has(f.dataTypeID)
          ? plainInteger(v)
          : f.dataTypeID === NUMERIC_OID &&
              typeof v === 'string' &&
              Number.isFinite(Number(v)) &&
              v.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15
            ? Number(v)
            : v;
      });
      return row;
    });
    return { columns: fields.map((f) => ({ name: f.name, type: PG_TYPES[f.dataTypeID] ?? '' })), rows };
  }

  async savedQueries(): Promise<SavedQuery[]> {
    return this.session.run('listing saved queries', () =>
      this.session.query<SavedQuery>(`SELECT * FROM ${this.session.s}.saved_queries ORDER BY name`),
    );
  }

  async savedQuery(name: string): Promise<SavedQuery | null> {
    return this.session.run(`reading saved query ${name}`, async () => {
      const rows = await this.session.query<SavedQuery>(
        `SELECT * FROM ${this.session.s}.saved_queries WHERE name = $1`,
        [name],
      );
      return rows[0] ?? null;
    });
  }

  async saveQuery(
    q: { name: string; sql: string; description?: string },
    now = new Date(),
  ): Promise<SavedQuery> {
    checkSavedQueryName(q.name);
    prepareQueryText(q.sql, 'postgres');
    const at = now.toISOString();
    return this.session.run(`saving query ${q.name}`, async () => {
      const rows = await this.session.query<SavedQuery>(
        `INSERT INTO ${this.session.s}.saved_queries (name, sql, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (name) DO UPDATE SET sql = excluded.sql, description = excluded.description,
           updated_at = excluded.updated_at
         RETURNING *`,
        [q.name, q.sql, q.description ?? '', at],
      );
      return rows[0] as SavedQuery;
    });
  }

  async deleteQuery(name: string): Promise<boolean> {
    return this.session.run(`deleting saved query ${name}`, async () => {
      const rows = await this.session.query(
        `DELETE FROM ${this.session.s}.saved_queries WHERE name = $1 RETURNING name`,
        [name],
      );
      return rows.length > 0;
    });
  }

  async close(): Promise<void> {}
}

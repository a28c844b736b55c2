import { EventsQueryFailed } from '../../core/events-query.js';
import { type SampleQuery, sampleParams } from '../../core/sample-query.js';
import {
  QUERY_TABLES,
  QueryTextError,
  STORE_SAMPLES,
  StoreQueryError,
  StoreQueryTimeout,
} from '../../store/index.js';
import type { ServerContext } from '../context.js';
import type { ApiRequest } from '../http.js';
import { badRequest, created, HttpError, notFound } from '../http.js';

/*
 * The Query page's API: read-only SQL over the store's query tables (src/store/query.ts), or
 * over the `events` of an activity log the config names (the kept copy, a `logs:` entry: the
 * EventsQueries port, which reads nothing else), the sample queries and the saved ones. A query
 * runs under the server's time limit; at most MAX_ROWS rows are sent (the answer says when it
 * was cut).
 */

/** Rows one answer sends: a browser table beyond this helps nobody; the CLI has no limit. */
export const MAX_ROWS = 10_000;

function queriesOf(ctx: ServerContext) {
  if (!ctx.queries) throw new HttpError(404, 'this store answers no SQL (an in-memory store)');
  return ctx.queries;
}

function stringRecord(v: unknown, what: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw badRequest(`${what}: expected an object of text values`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw badRequest(`${what}.${k}: expected text`);
    out[k] = x;
  }
  return out;
}

function sqlOf(body: unknown): string {
  const sql = (body as { sql?: unknown } | null)?.sql;
  if (typeof sql !== 'string' || sql.trim() === '') throw badRequest('sql: give the query as text');
  if (sql.length > 100_000) throw badRequest('sql: longer than 100,000 characters');
  return sql;
}

/** Where the query runs: `store` (the default), or an events source of the catalog. */
function sourceOf(body: unknown): string {
  const source = (body as { source?: unknown } | null)?.source;
  if (source === undefined || source === null) return 'store';
  if (typeof source !== 'string' || source === '') throw badRequest('source: expected text');
  return source;
}

/** POST /api/sql {sql, params?, source?}: the rows of one read-only SELECT. */
export async function runSql(req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  const sql = sqlOf(req.body);
  const params = stringRecord((req.body as { params?: unknown }).params, 'params');
  const source = sourceOf(req.body);
  const started = Date.now();
  const opts = { timeoutMs: ctx.queryTimeoutMs, ...(Object.keys(params).length ? { params } : {}) };
  try {
    let r: { columns: { name: string; type: string }[]; rows: Record<string, unknown>[] };
    let skipped: { file: string; reason: string }[] = [];
    if (source === 'store') r = await queriesOf(ctx).query(sql, opts);
    else {
      if (!ctx.events?.sources.some((s) => s.id === source))
        throw badRequest(
          `source: no activity log "${source}" (the config's events_copy and logs: entries with a path)`,
        );
      const answer = await ctx.events.query(source, sql, opts);
      r = answer;
      skipped = answer.skipped;
    }
    return {
      columns: r.columns,
      rows: r.rows.slice(0, MAX_ROWS),
      row_count: r.rows.length,
      truncated: r.rows.length > MAX_ROWS,
      elapsed_ms: Date.now() - started,
      ...(source === 'store' ? {} : { skipped }),
    };
  } catch (e) {
    if (e instanceof QueryTextError || e instanceof StoreQueryError || e instanceof EventsQueryFailed)
      throw badRequest(e instanceof EventsQueryFailed ? e.message : `query failed: ${e.message}`);
    if (e instanceof StoreQueryTimeout) throw badRequest(`${e.message} (serve --query-timeout)`);
    throw e;
  }
}

/** Samples with today's values for the parameters that have defaults. */
const withDefaults = (samples: readonly SampleQuery[], now: Date) =>
  samples.map((s) => ({
    name: s.name,
    question: s.question,
    sql: s.sql,
    params: sampleParams({ ...s, params: s.params.filter((p) => p.default) }, {}, now),
  }));

/** GET /api/sql/catalog: the tables and columns, and the samples with today's parameter values. */
export async function sqlCatalog(_req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  const now = new Date();
  return {
    timeout_ms: ctx.queryTimeoutMs,
    max_rows: MAX_ROWS,
    tables: QUERY_TABLES,
    samples: withDefaults(STORE_SAMPLES, now),
    events: ctx.events
      ? {
          sources: ctx.events.sources,
          table: {
            name: 'events',
            description: 'activity-log events, the same columns for every cloud',
            columns: ctx.events.columns,
          },
          samples: withDefaults(ctx.events.samples, now),
        }
      : { sources: [], table: null, samples: [] },
  };
}

/** GET /api/sql/saved */
export async function listSavedSql(_req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  return { items: await queriesOf(ctx).savedQueries() };
}

/** PUT /api/sql/saved/:name {sql, description?} */
export async function saveSql(req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  const sql = sqlOf(req.body);
  const description = (req.body as { description?: unknown }).description;
  if (description !== undefined && typeof description !== 'string')
    throw badRequest('description: expected text');
  try {
    const saved = await queriesOf(ctx).saveQuery({
      name: req.params.name ?? '',
      sql,
      ...(description === undefined ? {} : { description }),
    });
    return created({ query: saved });
  } catch (e) {
    if (e instanceof QueryTextError) throw badRequest(e.message);
    throw e;
  }
}

/** DELETE /api/sql/saved/:name */
export async function deleteSavedSql(req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  const name = req.params.name ?? '';
  if (!(await queriesOf(ctx).deleteQuery(name))) throw notFound(`no saved query named "${name}"`);
  return { deleted: name };
}

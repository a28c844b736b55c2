import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBValue,
  StatementType,
} from '@duckdb/node-api';
import { cloudTrailEventsSql, copyEventsSql, sqlString } from './events-table.js';
import { cloudTrailFiles } from './log-files.js';

/**
 * SQL over activity logs with DuckDB, read-only: each query gets its own in-memory database
 * whose file access is limited to the logs (or the local copy) it reads, whose configuration
 * is locked, and which runs one SELECT statement only.
 */

/**
 * Where the `events` table comes from: CloudTrail files in place, local copies, or both (one
 * table, their union). The other logs are read into a temporary copy first (src/cli/query-logs.ts).
 */
export type EventsSource =
  | { cloudtrail: string; copy?: string | readonly string[] }
  | { cloudtrail?: string; copy: string | readonly string[] };

const copiesOf = (source: EventsSource): string[] =>
  source.copy === undefined ? [] : typeof source.copy === 'string' ? [source.copy] : [...source.copy];

/** A SQL error, or a statement that is not a single SELECT. The message is the engine's. */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** The query ran longer than its limit and was cancelled. */
export class QueryTimeout extends Error {
  override name = 'QueryTimeout';
  /** `setting`: where the limit is set, named in the message */
  constructor(
    readonly timeoutMs: number,
    setting = '--timeout',
  ) {
    super(`query cancelled: it ran longer than the ${formatDuration(timeoutMs)} limit (${setting})`);
  }
}

/** The log files under `root`; a missing path or an empty tree is the user's error. */
async function logFiles(root: string): Promise<string[]> {
  try {
    return await cloudTrailFiles(root);
  } catch (e) {
    throw new QueryError((e as Error).message);
  }
}

/** A log file left out because the engine could not read it. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ResultColumn {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  skipped: SkippedFile[];
}

export interface QueryOptions {
  /** named parameters: `$name` in the SQL */
  params?: Record<string, string>;
  timeoutMs: number;
  /** the limit the cancel message names, when timeoutMs is what is left of it; and where it is set */
  limit?: { ms: number; setting: string };
  /** called as each unreadable file is left out */
  onSkip?: (s: SkippedFile) => void;
}

/** Unreadable files a query skips before it gives up (each skip re-runs the query). */
const MAX_SKIPPED = 50;

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A sandboxed engine: file access only under `allowed`, configuration locked afterwards. */
export async function openSandbox(
  allowed: string[],
): Promise<{ conn: DuckDBConnection; close: () => Promise<void> }> {
  // spill files of large sorts and joins go to a private directory removed on close
  const temp = await mkdtemp(path.join(os.tmpdir(), 'cloudward-query-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  await conn.run(`SET temp_directory = ${sqlString(temp)}`);
  await conn.run(`SET autoinstall_known_extensions = false`);
  await conn.run(`SET autoload_known_extensions = false`);
  // a directory itself (to write a partitioned copy into) is a path, its contents a directory
  const granted = `[${[...allowed, temp].map(sqlString).join(', ')}]`;
  await conn.run(`SET allowed_directories = ${granted}`);
  await conn.run(`SET allowed_paths = ${granted}`);
  await conn.run(`SET enable_external_access = false`);
  await conn.run(`SET lock_configuration = true`);
  return {
    conn,
    close: async () => {
      conn.closeSync();
      instance.closeSync();
      await rm(temp, { recursive: true, force: true });
    },
  };
}

/** The one SELECT in `sql`, prepared; anything else (several statements, COPY, ATTACH, SET...) is refused. */
async function prepareSelect(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const statements = await conn.extractStatements(sql).catch((e: Error) => {
    throw new QueryError(e.message.replace(/^Failed to extract statements: /, ''));
  });
  if (statements.count !== 1)
    throw new QueryError(`give exactly one SELECT statement (found ${statements.count})`);
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT)
    throw new QueryError(
      `only SELECT queries are allowed, not ${StatementType[prepared.statementType]} (queries are read-only)`,
    );
  return prepared;
}

/** The log file an engine error names, if it names one of `files` (the longest match wins). */
function fileNamedIn(message: string, files: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of files) if (message.includes(f) && (!best || f.length > best.length)) best = f;
  return best;
}

/** The engine's message without its SQL excerpt lines, for a skipped file's reason. */
const firstLine = (message: string) => message.split('\n')[0]?.trim() ?? message;

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);

/** JSON-ready rows: whole numbers as numbers when exact, JSON columns as their values. */
function plainRows(rows: Record<string, unknown>[], columns: ResultColumn[]): Record<string, unknown>[] {
  const ints = columns.filter((c) => INTEGER_TYPES.has(c.type)).map((c) => c.name);
  const json = columns.filter((c) => c.type === 'JSON').map((c) => c.name);
  if (ints.length === 0 && json.length === 0) return rows;
  for (const row of rows) {
    for (const k of ints) {
      const v = row[k];
      if (typeof v === 'string' && Number.isSafeInteger(Number(v))) row[k] = Number(v);
    }
    for (const k of json) {
      const v = row[k];
      if (typeof v === 'string') {
        try {
          row[k] = JSON.parse(v);
        } catch {
          // a JSON column holding text that is not JSON stays text
        }
      }
    }
  }
  return rows;
}

/**
 * Runs `work` with a deadline: past it the connection is interrupted and QueryTimeout thrown.
 */
async function withDeadline<T>(
  conn: DuckDBConnection,
  timeoutMs: number,
  work: () => Promise<T>,
  limit?: QueryOptions['limit'],
): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    conn.interrupt();
  }, timeoutMs);
  try {
    return await work();
  } catch (e) {
    if (timedOut) throw limit ? new QueryTimeout(limit.ms, limit.setting) : new QueryTimeout(timeoutMs);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `attempt` over the CloudTrail files; when the engine fails on one file (malformed JSON,
 * a broken gzip), reports it, leaves it out and runs again over the rest.
 */
async function skippingBadFiles<T>(
  files: string[],
  onSkip: ((s: SkippedFile) => void) | undefined,
  attempt: (files: string[]) => Promise<T>,
): Promise<{ value: T; skipped: SkippedFile[] }> {
  const skipped: SkippedFile[] = [];
  let remaining = files;
  for (;;) {
    try {
      return { value: await attempt(remaining), skipped };
    } catch (e) {
      if (e instanceof QueryTimeout || e instanceof QueryError) throw e;
      const message = (e as Error).message;
      const bad = fileNamedIn(message, remaining);
      if (!bad) throw new QueryError(message);
      const s = { file: bad, reason: firstLine(message) };
      skipped.push(s);
      onSkip?.(s);
      remaining = remaining.filter((f) => f !== bad);
      if (remaining.length === 0)
        throw new QueryError(`no readable log file left (${skipped.length} skipped)`);
      if (skipped.length >= MAX_SKIPPED)
        throw new QueryError(`gave up after skipping ${skipped.length} unreadable files (the last: ${bad})`);
    }
  }
}

/** Runs one read-only SELECT over the `events` table of `source`. */
export async function queryEvents(
  source: EventsSource,
  sql: string,
  opts: QueryOptions,
): Promise<QueryResult> {
  const files = source.cloudtrail !== undefined ? await logFiles(source.cloudtrail) : [];
  const copies = copiesOf(source).map((c) => path.resolve(c));
  const roots = [...(source.cloudtrail !== undefined ? [path.resolve(source.cloudtrail)] : []), ...copies];
  if (roots.length === 0) throw new QueryError('no activity log to query');
  const { conn, close } = await openSandbox(roots);
  try {
    return await withDeadline(
      conn,
      opts.timeoutMs,
      async () => {
        const run = async (view: string) => {
          await conn.run(`CREATE OR REPLACE TEMP VIEW events AS ${view}`);
          const prepared = await prepareSelect(conn, sql);
          if (opts.params) bindParams(prepared, opts.params);
          const reader = await prepared.runAndReadAll();
          const names = reader.columnNames();
          const types = reader.columnTypes().map((t) => t.alias ?? t.toString());
          const columns = names.map((name, i) => ({ name, type: types[i] ?? '' }));
          return {
            columns,
            rows: plainRows(reader.getRowObjectsJson() as Record<string, unknown>[], columns),
          };
        };
        // one table: the CloudTrail files' rows and every copy's, in the same columns
        const union = (parts: string[]) => parts.map((p) => `(${p})`).join('\nUNION ALL BY NAME\n');
        const copyParts = copies.map(copyEventsSql);
        if (files.length === 0) {
          try {
            return { ...(await run(union(copyParts))), skipped: [] };
          } catch (e) {
            if (e instanceof QueryError) throw e;
            throw new QueryError((e as Error).message);
          }
        }
        const { value, skipped } = await skippingBadFiles(files, opts.onSkip, (fs) =>
          run(union([cloudTrailEventsSql(fs), ...copyParts])),
        );
        return { ...value, skipped };
      },
      opts.limit,
    );
  } finally {
    await close();
  }
}

function bindParams(prepared: DuckDBPreparedStatement, params: Record<string, string>): void {
  const wanted = new Set<string>();
  for (let i = 1; i <= prepared.parameterCount; i++) wanted.add(prepared.parameterName(i));
  for (const name of Object.keys(params))
    if (!wanted.has(name)) throw new QueryError(`the query has no parameter $${name}`);
  for (const name of wanted)
    if (!(name in params))
      throw new QueryError(`the query needs a value for $${name} (--param ${name}=VALUE)`);
  // values are text: the SQL casts them where it needs a date or a number
  prepared.bind(params as Record<string, DuckDBValue>);
}

/** The file that marks a directory as a local copy, with what it was built from. */
export const COPY_MARKER = 'cloudward-copy.json';

export interface CopySummary {
  dir: string;
  events: number;
  files: number;
  days: number;
  bytes: number;
  skipped: SkippedFile[];
}

async function isDirWithoutMarker(dir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return false;
  }
  return entries.length > 0 && !entries.includes(COPY_MARKER);
}

async function treeStats(dir: string): Promise<{ bytes: number; days: number }> {
  let bytes = 0;
  let days = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) bytes += (await stat(path.join(e.parentPath, e.name))).size;
    else if (e.isDirectory() && e.name.startsWith('day=')) days++;
  }
  return { bytes, days };
}

/**
 * Writes the `events` of a CloudTrail tree as Parquet files partitioned by day
 * (`DIR/day=2026-11-03/*.parquet`), replacing an earlier copy in DIR. The copy is written
 * beside DIR and swapped in at the end, so a failed build leaves the earlier copy whole. A
 * directory that is not a copy (no cloudward-copy.json) is never replaced.
 */
export async function buildCopy(
  cloudtrail: string,
  copyDir: string,
  opts: Omit<QueryOptions, 'params'>,
): Promise<CopySummary> {
  const dir = path.resolve(copyDir);
  if (await isDirWithoutMarker(dir))
    throw new QueryError(
      `${copyDir} is not empty and is not a cloudward copy (no ${COPY_MARKER}): not replacing it`,
    );
  const files = await logFiles(cloudtrail);
  const staging = `${dir}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const { conn, close } = await openSandbox([path.resolve(cloudtrail), staging]);
  try {
    const { value: events, skipped } = await withDeadline(conn, opts.timeoutMs, () =>
      skippingBadFiles(files, opts.onSkip, async (fs) => {
        const reader = await conn.runAndReadAll(
          `COPY (${cloudTrailEventsSql(fs)}) TO ${sqlString(staging)}
           (FORMAT parquet, PARTITION_BY (day), COMPRESSION zstd, OVERWRITE true)`,
        );
        return Number(reader.getRows()[0]?.[0] ?? 0);
      }),
    );
    const marker = {
      format: 'cloudward events copy',
      version: 2,
      source: path.resolve(cloudtrail),
      built_at: new Date().toISOString(),
      events,
      files: files.length - skipped.length,
      skipped,
    };
    await writeFile(path.join(staging, COPY_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return { dir, events, files: marker.files, skipped, ...(await treeStats(dir)) };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (e instanceof QueryError || e instanceof QueryTimeout) throw e;
    throw new QueryError((e as Error).message);
  } finally {
    await close();
  }
}

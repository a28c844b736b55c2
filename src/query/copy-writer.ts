import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { CopiableEvent, EventsCopySink } from '../core/events-copy.js';
import { STAGED_COLUMNS, type StagedRow, stagedRow } from './copy-rows.js';
import { COPY_MARKER, openSandbox, QueryError } from './engine.js';
import { cloudTrailColumnsSql, EVENT_COLUMN_NAMES, sqlString } from './events-table.js';

/**
 * Keeps the local copy as `detect` and `watch` read events: each batch becomes new Parquet files
 * in the directories of its days (`DIR/day=2026-11-03/events_<uuid>.parquet`), so an append
 * never rewrites what is there; events a day already holds are not written again. A batch is written beside the days (`DIR/.incoming-<uuid>/`) and each
 * finished file moved into its day, so a query never sees half a file.
 */

export interface EventsCopyWriterOptions {
  /** events per batch (one set of files per day a batch touches); default 20,000 */
  batchEvents?: number;
  /** also write a batch this long after its first event (watch), 0 for never; default 0 */
  flushEveryMs?: number;
  /** a timed write that failed: its events are not in the copy */
  onError?: (e: Error) => void;
}

export interface EventsCopyStats {
  /** events written to the copy */
  events: number;
  /** Parquet files written */
  files: number;
  /** events of logs the copy does not keep (VPC flow) */
  notKept: number;
  /** events the copy already held (the same files read again) or a batch repeated: not written twice */
  duplicates: number;
}

const STAGE = 'staged';
const BATCH = 'batch_events';
/** What tells two copies of one event apart from two events: its id, or its whole record. */
const EVENT_KEY = 'coalesce(event_id, md5(CAST(raw AS VARCHAR)))';

/** The `events` columns of the staged batch: CloudTrail mapped by its file SELECT, the rest as staged. */
function batchSql(): string {
  const cloudtrail = cloudTrailColumnsSql(
    `SELECT CAST(raw AS JSON) AS e, source FROM ${STAGE} WHERE log = 'cloudtrail'`,
  );
  const others = `SELECT cloud, log, CAST(time AS TIMESTAMPTZ) AS time,
    CAST(timezone('UTC', CAST(time AS TIMESTAMPTZ)) AS DATE) AS day, account, region, actor, actor_type,
    source_ip, user_agent, service, event_name, action, resource, outcome, error_message, read_only,
    event_id, CAST(raw AS JSON) AS raw, source
  FROM ${STAGE} WHERE log <> 'cloudtrail'`;
  return `SELECT ${EVENT_COLUMN_NAMES.join(', ')} FROM (${cloudtrail} UNION ALL BY NAME ${others})`;
}

/** Creates DIR (and its marker) for a copy, or checks that DIR already is one. */
async function prepareCopyDir(dir: string): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (entries.includes(COPY_MARKER)) return;
  if (entries.length > 0)
    throw new QueryError(
      `${dir} is not empty and is not a cloudward copy (no ${COPY_MARKER}): not writing events into it`,
    );
  await mkdir(dir, { recursive: true });
  const marker = {
    format: 'cloudward events copy',
    version: 2,
    created_at: new Date().toISOString(),
    kept_by: 'detect/watch: new files per batch and day',
  };
  await writeFile(path.join(dir, COPY_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { flag: 'wx' }).catch(
    (e: NodeJS.ErrnoException) => {
      // another writer created it first: the directory is a copy
      if (e.code !== 'EEXIST') throw e;
    },
  );
}

export class EventsCopyWriter implements EventsCopySink {
  readonly stats: EventsCopyStats = { events: 0, files: 0, notKept: 0, duplicates: 0 };
  private rows: StagedRow[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly conn: DuckDBConnection,
    private readonly release: () => Promise<void>,
    private readonly opts: Required<EventsCopyWriterOptions>,
  ) {}

  /** Opens the copy in `dir` (created when missing; a directory that is not a copy is refused). */
  static async open(dir: string, opts: EventsCopyWriterOptions = {}): Promise<EventsCopyWriter> {
    const abs = path.resolve(dir);
    await prepareCopyDir(abs);
    const { conn, close } = await openSandbox([abs]);
    try {
      await conn.run(
        `CREATE TABLE ${STAGE} (${STAGED_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
      );
    } catch (e) {
      await close();
      throw e;
    }
    return new EventsCopyWriter(abs, conn, close, {
      batchEvents: opts.batchEvents ?? 20_000,
      flushEveryMs: opts.flushEveryMs ?? 0,
      onError: opts.onError ?? (() => undefined),
    });
  }

  async add(event: CopiableEvent): Promise<void> {
    if (this.closed) throw new Error('the events copy is closed');
    const row = stagedRow(event);
    if (!row) {
      this.stats.notKept += 1;
      return;
    }
    this.rows.push(row);
    if (this.rows.length >= this.opts.batchEvents) await this.flush();
    else if (this.opts.flushEveryMs > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(this.opts.onError);
      }, this.opts.flushEveryMs);
      this.timer.unref();
    }
  }

  /** Writes the queued events. On failure they are dropped (the error says how many) and the copy stays whole. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.rows;
    this.rows = [];
    const run = this.chain.then(() => (rows.length ? this.write(rows) : undefined));
    // a failed batch does not stop the next one
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      await this.chain;
      await this.release();
    }
  }

  /**
   * The staged batch as `events` rows, less the events the copy already holds in their day and
   * those the batch repeats: how many are left. An event is known by its id (CloudTrail's
   * eventID, the other logs' record id) or, without one, by its raw record, so reading the same
   * files again (a second `detect --keep-copy` without a checkpoint) adds nothing.
   */
  private async freshRows(): Promise<number> {
    await this.conn.run(
      `CREATE TEMP TABLE ${BATCH} AS SELECT * FROM (${batchSql()})
       QUALIFY row_number() OVER (PARTITION BY day, ${EVENT_KEY}) = 1`,
    );
    const days = await this.conn.runAndReadAll(`SELECT DISTINCT CAST(day AS VARCHAR) AS day FROM ${BATCH}`);
    for (const [day] of days.getRows()) {
      const dayDir = path.join(this.dir, `day=${String(day)}`);
      const files = (await readdir(dayDir).catch(() => [] as string[])).filter((f) => f.endsWith('.parquet'));
      if (files.length === 0) continue;
      const inDay = `day = DATE ${sqlString(String(day))}`;
      const kept = `read_parquet(${sqlString(path.join(dayDir, '*.parquet'))})`;
      // by id, reading only the id column of the day's files
      await this.conn.run(
        `DELETE FROM ${BATCH} WHERE ${inDay} AND event_id IS NOT NULL AND event_id IN
           (SELECT event_id FROM ${kept} WHERE event_id IS NOT NULL)`,
      );
      // the rare event without an id, by its record
      await this.conn.run(
        `DELETE FROM ${BATCH} WHERE ${inDay} AND event_id IS NULL AND md5(CAST(raw AS VARCHAR)) IN
           (SELECT md5(CAST(raw AS VARCHAR)) FROM ${kept} WHERE event_id IS NULL)`,
      );
    }
    const left = await this.conn.runAndReadAll(`SELECT count(*) FROM ${BATCH}`);
    return Number(left.getRows()[0]?.[0] ?? 0);
  }

  private async write(rows: StagedRow[]): Promise<void> {
    const incoming = path.join(this.dir, `.incoming-${randomUUID()}`);
    try {
      const appender = await this.conn.createAppender(STAGE);
      try {
        for (const r of rows) appendRow(appender, r);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      const fresh = await this.freshRows();
      if (fresh === 0) {
        this.stats.duplicates += rows.length;
        return;
      }
      await this.conn.run(
        // in time order again (the de-duplication shuffles rows; ordered rows compress better)
        `COPY (SELECT ${EVENT_COLUMN_NAMES.join(', ')} FROM ${BATCH} ORDER BY time) TO ${sqlString(incoming)}
         (FORMAT parquet, PARTITION_BY (day), COMPRESSION zstd, FILENAME_PATTERN 'events_{uuidv7}')`,
      );
      let files = 0;
      for (const day of await readdir(incoming)) {
        await mkdir(path.join(this.dir, day), { recursive: true });
        for (const f of await readdir(path.join(incoming, day))) {
          await rename(path.join(incoming, day, f), path.join(this.dir, day, f));
          files += 1;
        }
      }
      this.stats.events += fresh;
      this.stats.duplicates += rows.length - fresh;
      this.stats.files += files;
    } catch (e) {
      throw new QueryError(
        `${rows.length} events not written to the copy ${this.dir}: ${(e as Error).message.split('\n')[0]}`,
      );
    } finally {
      await this.conn.run(`DELETE FROM ${STAGE}`).catch(() => undefined);
      await this.conn.run(`DROP TABLE IF EXISTS ${BATCH}`).catch(() => undefined);
      await rm(incoming, { recursive: true, force: true });
    }
  }
}

function appendRow(appender: DuckDBAppender, row: StagedRow): void {
  for (const [name, type] of STAGED_COLUMNS) {
    const v = row[name];
    if (v === null) appender.appendNull();
    else if (type === 'BOOLEAN') appender.appendBoolean(v as boolean);
    else appender.appendVarchar(v as string);
  }
  appender.endRow();
}

import type { FindingRecord } from '../core/record.js';
import {
  COUNT_BY_RULE_SQL,
  DETECTION_COLUMNS,
  type DetectionQuery,
  type DetectionStore,
  detectionColumns,
  detectionFilter,
  parseDetection,
  type RuleDetectionCount,
  severityOfRank,
} from './detections.js';
import { StoreError } from './errors.js';
import type { PgSession } from './postgres-connection.js';

/*
 * The detections of a PostgreSQL store (migration 3), over the store's pool. Checks, filters and
 * the count by rule are shared with SQLite (detections.ts); a batch is one INSERT per chunk.
 */

/** Rows per INSERT: 17 parameters each, well under PostgreSQL's limit of 65535. */
const CHUNK = 1000;
/** The record column (JSON text, where JSON.stringify escapes U+0000); the others are plain text. */
const RECORD = DETECTION_COLUMNS.indexOf('record');

/**
 * PostgreSQL refuses U+0000 in text. A log event may hold one (an actor or action is read from
 * the event as sent): in the indexed columns it is stored as U+FFFD; the record keeps it exact.
 */
function storable(row: (string | number | null)[]): (string | number | null)[] {
  return row.map((v, i) => (typeof v === 'string' && i !== RECORD ? v.replaceAll('\u0000', '\uFFFD') : v));
}

export class PostgresDetectionStore implements DetectionStore {
  private closed = false;

  constructor(private readonly pg: PgSession) {}

  get location(): string {
    return this.pg.location;
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(this.location, `${what}: the store is closed`));
    return this.pg.run(what, fn);
  }

  async addDetections(records: readonly FindingRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    return this.run(`storing ${records.length} detections`, async () => {
      const rows = records.map((r) => storable(detectionColumns(this.location, r)));
      return this.pg.tx(async (c) => {
        let added = 0;
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          const n = DETECTION_COLUMNS.length;
          const values = chunk
            .map((_, r) => `(${DETECTION_COLUMNS.map((_, col) => `$${r * n + col + 1}`).join(', ')})`)
            .join(', ');
          const res = await c.query(
            `INSERT INTO ${this.pg.s}.detections (${DETECTION_COLUMNS.join(', ')}) VALUES ${values}
             ON CONFLICT (finding_id) DO NOTHING`,
            chunk.flat(),
          );
          added += res.rowCount ?? 0;
        }
        return added;
      });
    });
  }

  async detections(q: DetectionQuery): Promise<FindingRecord[]> {
    return this.run('querying detections', async () => {
      const { where, params } = detectionFilter(this.location, q, (n) => `$${n}`);
      const rows = await this.pg.query<{ finding_id: string; record: string }>(
        `SELECT finding_id, record FROM ${this.pg.s}.detections ${where}
          ORDER BY time_ms DESC, finding_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      return rows.map((r) => parseDetection(this.location, r.finding_id, r.record));
    });
  }

  async countByRule(): Promise<RuleDetectionCount[]> {
    return this.run('counting detections by rule', async () => {
      const rows = await this.pg.query<{
        rule_id: string;
        rule_title: string;
        rank: number;
        count: string;
        last_ms: string;
      }>(COUNT_BY_RULE_SQL(`${this.pg.s}.detections`));
      return rows.map((r) => ({
        rule_id: r.rule_id,
        rule_title: r.rule_title,
        severity: severityOfRank(r.rank),
        count: Number(r.count),
        last_time: new Date(Number(r.last_ms)).toISOString(),
      }));
    });
  }

  /** The pool is the store's: closing this view leaves the store open. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

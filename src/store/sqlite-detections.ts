import type Database from 'better-sqlite3';
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
import { describeSqliteError, type OpenOptions, openDatabase, storeLocation } from './sqlite-file.js';

/*
 * The detections of a SQLite store file (migration 4), on their own connection: WAL lets it
 * write while other connections read.
 */

// the detection store's types, for callers that import them from here
export type * from './detections.js';

const INSERT = `INSERT OR IGNORE INTO detections (${DETECTION_COLUMNS.join(', ')})
  VALUES (${DETECTION_COLUMNS.map(() => '?').join(', ')})`;

class SqliteDetectionStore implements DetectionStore {
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  private run<T>(what: string, fn: () => T): T {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  async addDetections(records: readonly FindingRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    return this.run(`storing ${records.length} detections`, () => {
      const rows = records.map((r) => detectionColumns(this.location, r));
      const insert = this.db.prepare(INSERT);
      return this.db
        .transaction(() => rows.reduce((n, row) => n + insert.run(...row).changes, 0))
        .immediate();
    });
  }

  async detections(q: DetectionQuery): Promise<FindingRecord[]> {
    return this.run('querying detections', () => {
      const { where, params } = detectionFilter(this.location, q, () => '?');
      const rows = this.db
        .prepare(
          `SELECT finding_id, record FROM detections ${where} ORDER BY time_ms DESC, finding_id LIMIT ? OFFSET ?`,
        )
        .all(...params, q.limit, q.offset) as { finding_id: string; record: string }[];
      return rows.map((r) => parseDetection(this.location, r.finding_id, r.record));
    });
  }

  async countByRule(): Promise<RuleDetectionCount[]> {
    return this.run('counting detections by rule', () =>
      (
        this.db.prepare(COUNT_BY_RULE_SQL('detections')).all() as {
          rule_id: string;
          rule_title: string;
          rank: number;
          count: number;
          last_ms: number;
        }[]
      ).map((r) => ({
        rule_id: r.rule_id,
        rule_title: r.rule_title,
        severity: severityOfRank(r.rank),
        count: r.count,
        last_time: new Date(r.last_ms).toISOString(),
      })),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/**
 * Opens the detections of the SQLite store at `path` (creating and migrating the store as
 * openSqliteStore does; ':memory:' for a private in-memory store). Bad files are refused with a
 * StoreError and left untouched.
 */
export function openDetectionStore(
  path: string,
  options: Pick<OpenOptions, 'verify' | 'create'> = {},
): DetectionStore {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  // WAL with NORMAL stays atomic and uncorrupted when the process dies; only a power cut can lose
  // the last batches, and detections can be found again by re-reading the logs. FULL would sync
  // the disk on every batch, which halves the speed of `detect` on a busy trail.
  db.pragma('synchronous = NORMAL');
  return new SqliteDetectionStore(db, location);
}

import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { FindingRecord } from '../core/record.js';
import { isSeverity, type Severity, severityRank } from '../core/severity.js';
import { messageOf, StoreError } from './errors.js';
import { expandHome } from './paths.js';
import { describeSqliteError, type OpenOptions, openDatabase } from './sqlite-file.js';

/*
 * Detections (findings raised by Sigma rules over activity logs) in the SQLite store's
 * `detections` table (migration 4). A detection is written once: its finding id is a hash of
 * the rule and the event (or correlation window), so reading the same logs again adds nothing.
 * This module opens its own connection to the store file; WAL lets it write while other
 * connections read.
 */

export interface DetectionQuery {
  /** detections whose event time is at or after this (ISO timestamp or Date) */
  since?: string | Date;
  /** ... and strictly before this */
  until?: string | Date;
  /** rule id */
  rule?: string;
  /** exactly this severity */
  severity?: Severity;
  /** this severity or worse */
  min_severity?: Severity;
  actor?: string;
  source_ip?: string;
  limit: number;
  offset: number;
}

export interface RuleDetectionCount {
  rule_id: string;
  rule_title: string;
  severity: Severity;
  count: number;
  /** event time of the newest detection */
  last_time: string;
}

export interface DetectionStore {
  readonly location: string;
  /** Stores detection findings; those already stored (same finding id) are left as they are. Returns how many were new. */
  addDetections(records: readonly FindingRecord[]): Promise<number>;
  /** Newest first (event time), then by finding id. */
  detections(query: DetectionQuery): Promise<FindingRecord[]>;
  countByRule(): Promise<RuleDetectionCount[]>;
  close(): Promise<void>;
}

interface Row {
  finding_id: string;
  record: string;
}

const MAX_LIMIT = 10_000;

function timeMs(location: string, what: string, v: string | Date): number {
  const ms = v instanceof Date ? v.getTime() : Date.parse(v);
  if (Number.isNaN(ms)) throw new StoreError(location, `${what}: ${JSON.stringify(String(v))} is not a time`);
  return ms;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

const FINDING_ID = /^[0-9a-f]{16,64}$/;

/**
 * The columns of one detection, after checking the fields they come from. The full zod schema is
 * not run here: it costs more than the insert, and records come from the detection pipeline.
 */
function columns(location: string, rec: FindingRecord): (string | number | null)[] {
  const com = rec?.com;
  const ext = rec?.ext;
  const id = typeof com?.finding_id === 'string' ? com.finding_id : String(com?.finding_id);
  const bad = (why: string) => new StoreError(location, `detection ${id} is not a valid finding: ${why}`);
  if (!com || !ext || typeof rec.raw !== 'object' || rec.raw === null) throw bad('it lacks raw, ext or com');
  if (!FINDING_ID.test(id)) throw bad('com.finding_id must be 16 to 64 hex digits');
  if (com.origin_type !== 'detection') {
    throw new StoreError(
      location,
      `finding ${id} is not a detection (origin_type ${String(com.origin_type)})`,
    );
  }
  if (!isSeverity(com.severity)) throw bad(`com.severity "${String(com.severity)}" is not a severity`);
  for (const [name, v] of [
    ['ext.check_id', ext.check_id],
    ['ext.check_title', ext.check_title],
    ['com.reference', com.reference],
    ['com.cloud_type', com.cloud_type],
    ['com.account', com.account],
    ['com.region', com.region],
  ] as const) {
    if (typeof v !== 'string') throw bad(`${name} must be a string`);
  }
  const time = text(ext.time) ?? text(com.first_seen) ?? '';
  return [
    id,
    ext.check_id,
    ext.check_title,
    com.severity,
    severityRank(com.severity),
    time,
    timeMs(location, `detection ${id} time`, time),
    com.cloud_type,
    com.account,
    com.region,
    text(ext.actor),
    text(ext.source_ip),
    text(ext.action),
    com.reference,
    text(ext.source_name) ?? '',
    new Date().toISOString(),
    JSON.stringify(rec),
  ];
}

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
      const rows = records.map((r) => columns(this.location, r));
      const insert = this.db.prepare(
        `INSERT OR IGNORE INTO detections (finding_id, rule_id, rule_title, severity, severity_rank, time, time_ms,
           cloud, account, region, actor, source_ip, action, event_id, source, detected_at, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      return this.db
        .transaction(() => rows.reduce((n, row) => n + insert.run(...row).changes, 0))
        .immediate();
    });
  }

  async detections(q: DetectionQuery): Promise<FindingRecord[]> {
    return this.run('querying detections', () => {
      if (!Number.isInteger(q.limit) || q.limit < 0 || q.limit > MAX_LIMIT)
        throw new StoreError(this.location, `detection query: limit must be 0..${MAX_LIMIT}, got ${q.limit}`);
      if (!Number.isInteger(q.offset) || q.offset < 0)
        throw new StoreError(this.location, `detection query: offset must be 0 or more, got ${q.offset}`);
      const clauses: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, v: string | number | undefined) => {
        if (v === undefined || v === '') return;
        clauses.push(sql);
        params.push(v);
      };
      if (q.since !== undefined) add('time_ms >= ?', timeMs(this.location, 'since', q.since));
      if (q.until !== undefined) add('time_ms < ?', timeMs(this.location, 'until', q.until));
      add('rule_id = ?', q.rule);
      for (const [key, s] of [
        ['severity', q.severity],
        ['min_severity', q.min_severity],
      ] as const) {
        if (s !== undefined && !isSeverity(s))
          throw new StoreError(this.location, `detection query: unknown ${key} "${String(s)}"`);
      }
      add('severity = ?', q.severity);
      if (q.min_severity) add('severity_rank >= ?', severityRank(q.min_severity));
      add('actor = ?', q.actor);
      add('source_ip = ?', q.source_ip);
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = this.db
        .prepare(
          `SELECT finding_id, record FROM detections ${where} ORDER BY time_ms DESC, finding_id LIMIT ? OFFSET ?`,
        )
        .all(...params, q.limit, q.offset) as Row[];
      return rows.map((r) => {
        try {
          return JSON.parse(r.record) as FindingRecord;
        } catch (err) {
          throw new StoreError(
            this.location,
            `detection ${r.finding_id} holds unreadable JSON (${messageOf(err)})`,
          );
        }
      });
    });
  }

  async countByRule(): Promise<RuleDetectionCount[]> {
    return this.run('counting detections by rule', () =>
      this.db
        .prepare(
          `SELECT rule_id, MAX(rule_title) AS rule_title, MAX(severity_rank) AS rank, COUNT(*) AS count,
                  MAX(time_ms) AS last_ms
             FROM detections GROUP BY rule_id ORDER BY count DESC, rule_id`,
        )
        .all()
        .map((row) => {
          const r = row as {
            rule_id: string;
            rule_title: string;
            rank: number;
            count: number;
            last_ms: number;
          };
          const severity = (['info', 'low', 'medium', 'high', 'critical'] as const)[r.rank - 1] ?? 'medium';
          return {
            rule_id: r.rule_id,
            rule_title: r.rule_title,
            severity,
            count: r.count,
            last_time: new Date(r.last_ms).toISOString(),
          };
        }),
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
  if (path.trim() === '') throw new StoreError('(no path)', 'the SQLite store path is empty');
  const location = path === ':memory:' ? path : resolve(expandHome(path));
  const db = openDatabase(location, options);
  // WAL with NORMAL stays atomic and uncorrupted when the process dies; only a power cut can lose
  // the last batches, and detections can be found again by re-reading the logs. FULL would sync
  // the disk on every batch, which halves the speed of `detect` on a busy trail.
  db.pragma('synchronous = NORMAL');
  return new SqliteDetectionStore(db, location);
}

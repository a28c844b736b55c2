import type { FindingRecord } from '../core/record.js';
import { isSeverity, SEVERITIES, type Severity, severityRank } from '../core/severity.js';
import { messageOf, StoreError } from './errors.js';

/*
 * Detections (findings raised by Sigma rules over activity logs), kept in the store's
 * `detections` table (SQLite migration 4, PostgreSQL migration 3). A detection is written once:
 * its finding id is a hash of the rule and the event (or correlation window), so reading the
 * same logs again adds nothing. The checks and the SQL filter are the same for both databases;
 * only the placeholders differ.
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

/** The columns detectionColumns() gives values for, in order. */
export const DETECTION_COLUMNS = [
  'finding_id',
  'rule_id',
  'rule_title',
  'severity',
  'severity_rank',
  'time',
  'time_ms',
  'cloud',
  'account',
  'region',
  'actor',
  'source_ip',
  'action',
  'event_id',
  'source',
  'detected_at',
  'record',
] as const;

/**
 * The columns of one detection, after checking the fields they come from. The full zod schema is
 * not run here: it costs more than the insert, and records come from the detection pipeline.
 */
export function detectionColumns(location: string, rec: FindingRecord): (string | number | null)[] {
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

/**
 * The WHERE clause of a detection query (empty when it filters nothing) and its parameters, after
 * checking the query; `placeholder(n)` writes the n-th parameter (1-based) in the dialect's syntax.
 */
export function detectionFilter(
  location: string,
  q: DetectionQuery,
  placeholder: (n: number) => string,
): { where: string; params: (string | number)[] } {
  if (!Number.isInteger(q.limit) || q.limit < 0 || q.limit > MAX_LIMIT)
    throw new StoreError(location, `detection query: limit must be 0..${MAX_LIMIT}, got ${q.limit}`);
  if (!Number.isInteger(q.offset) || q.offset < 0)
    throw new StoreError(location, `detection query: offset must be 0 or more, got ${q.offset}`);
  for (const [key, s] of [
    ['severity', q.severity],
    ['min_severity', q.min_severity],
  ] as const) {
    if (s !== undefined && !isSeverity(s))
      throw new StoreError(location, `detection query: unknown ${key} "${String(s)}"`);
  }
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (column: string, op: string, v: string | number | undefined) => {
    if (v === undefined || v === '') return;
    params.push(v);
    clauses.push(`${column} ${op} ${placeholder(params.length)}`);
  };
  if (q.since !== undefined) add('time_ms', '>=', timeMs(location, 'since', q.since));
  if (q.until !== undefined) add('time_ms', '<', timeMs(location, 'until', q.until));
  add('rule_id', '=', q.rule);
  add('severity', '=', q.severity);
  if (q.min_severity) add('severity_rank', '>=', severityRank(q.min_severity));
  add('actor', '=', q.actor);
  add('source_ip', '=', q.source_ip);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A stored detection's record, or a StoreError naming it when its JSON is unreadable. */
export function parseDetection(location: string, findingId: string, json: string): FindingRecord {
  try {
    return JSON.parse(json) as FindingRecord;
  } catch (err) {
    throw new StoreError(location, `detection ${findingId} holds unreadable JSON (${messageOf(err)})`);
  }
}

/** The severity of a rank severityRank() gave (the highest rank of a rule's detections). */
export function severityOfRank(rank: number): Severity {
  return SEVERITIES[SEVERITIES.length - rank] ?? 'medium';
}

/** The SQL of countByRule (the same in both dialects). */
export const COUNT_BY_RULE_SQL = (table: string) =>
  `SELECT rule_id, MAX(rule_title) AS rule_title, MAX(severity_rank) AS rank, COUNT(*) AS count,
          MAX(time_ms) AS last_ms
     FROM ${table} GROUP BY rule_id ORDER BY count DESC, rule_id`;

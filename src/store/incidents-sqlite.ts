import type Database from 'better-sqlite3';
import type { Incident, IncidentPage, IncidentQuery, IncidentStore } from '../core/incidents.js';
import { isSeverity, severityRank } from '../core/severity.js';
import { messageOf, StoreError } from './errors.js';
import { describeSqliteError, type OpenOptions, openDatabase, storeLocation } from './sqlite-file.js';

/*
 * Incidents in the SQLite store's `incidents` table (migration 6), on a connection of their own
 * (WAL lets `detect` write while the dashboard reads).
 */

const MAX_LIMIT = 1000;

interface Row {
  id: string;
  notified_version: number;
  notified_at: string | null;
  record: string;
}

/** The columns an incident is found by, after checking the fields they come from. */
export function incidentColumns(location: string, i: Incident) {
  const bad = (why: string) => new StoreError(location, `incident ${String(i?.id)} cannot be stored: ${why}`);
  if (typeof i?.id !== 'string' || i.id === '') throw bad('it has no id');
  if (typeof i.principal_key !== 'string' || typeof i.principal !== 'string')
    throw bad('it has no principal');
  if (!isSeverity(i.severity)) throw bad(`severity "${String(i.severity)}" is not a severity`);
  const first = Date.parse(i.first_time);
  const last = Date.parse(i.last_time);
  if (Number.isNaN(first) || Number.isNaN(last)) throw bad('first_time and last_time must be ISO times');
  if (!Number.isInteger(i.version) || i.version < 0) throw bad('version must be a whole number');
  // notification bookkeeping has columns of its own; the record is the rest
  const { notified_version: _v, notified_at: _a, ...record } = i;
  return {
    id: i.id,
    principal_key: i.principal_key,
    principal: i.principal,
    severity_rank: severityRank(i.severity),
    first_ms: first,
    last_ms: last,
    version: i.version,
    record,
  };
}

/** An incident from its stored record and notification columns. */
export function incidentOf(
  location: string,
  id: string,
  record: unknown,
  notifiedVersion: number,
  notifiedAt: string | null,
): Incident {
  let value = record;
  if (typeof record === 'string') {
    try {
      value = JSON.parse(record);
    } catch (err) {
      throw new StoreError(location, `incident ${id} holds unreadable JSON (${messageOf(err)})`);
    }
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Incident).alerts))
    throw new StoreError(location, `incident ${id} is not an incident record`);
  return { ...(value as Incident), notified_version: Number(notifiedVersion), notified_at: notifiedAt };
}

export function checkIncidentQuery(location: string, q: IncidentQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 0 || q.limit > MAX_LIMIT)
    throw new StoreError(location, `incident query: limit must be 0..${MAX_LIMIT}, got ${q.limit}`);
  if (!Number.isInteger(q.offset) || q.offset < 0)
    throw new StoreError(location, `incident query: offset must be 0 or more, got ${q.offset}`);
  if (q.min_severity !== undefined && !isSeverity(q.min_severity))
    throw new StoreError(location, `incident query: unknown min_severity "${String(q.min_severity)}"`);
  for (const [k, v] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw new StoreError(location, `incident query: ${k} ${JSON.stringify(v)} is not a time`);
  }
}

/** WHERE clauses of an incident query, with `?` placeholders. */
export function incidentFilter(q: IncidentQuery): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (q.from !== undefined) {
    clauses.push('last_ms >= ?');
    params.push(Date.parse(q.from));
  }
  if (q.to !== undefined) {
    clauses.push('first_ms < ?');
    params.push(Date.parse(q.to));
  }
  if (q.principal !== undefined) {
    clauses.push('principal = ?');
    params.push(q.principal);
  }
  if (q.min_severity !== undefined) {
    clauses.push('severity_rank >= ?');
    params.push(severityRank(q.min_severity));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

class SqliteIncidentStore implements IncidentStore {
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

  private read(r: Row): Incident {
    return incidentOf(this.location, r.id, r.record, r.notified_version, r.notified_at);
  }

  async findIncident(principalKey: string, timeMs: number, gapMs: number): Promise<Incident | null> {
    return this.run('finding an incident', () => {
      const row = this.db
        .prepare(
          `SELECT id, notified_version, notified_at, record FROM incidents
            WHERE principal_key = ? AND last_ms >= ? AND first_ms <= ?
            ORDER BY last_ms DESC LIMIT 1`,
        )
        .get(principalKey, timeMs - gapMs, timeMs + gapMs) as Row | undefined;
      return row ? this.read(row) : null;
    });
  }

  async saveIncidents(incidents: readonly Incident[]): Promise<void> {
    if (incidents.length === 0) return;
    this.run(`storing ${incidents.length} incident(s)`, () => {
      const rows = incidents.map((i) => incidentColumns(this.location, i));
      const upsert = this.db.prepare(
        `INSERT INTO incidents (id, principal_key, principal, severity_rank, first_ms, last_ms, version, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET principal_key = excluded.principal_key, principal = excluded.principal,
           severity_rank = excluded.severity_rank, first_ms = excluded.first_ms, last_ms = excluded.last_ms,
           version = excluded.version, record = excluded.record`,
      );
      this.db
        .transaction(() => {
          for (const r of rows)
            upsert.run(
              r.id,
              r.principal_key,
              r.principal,
              r.severity_rank,
              r.first_ms,
              r.last_ms,
              r.version,
              JSON.stringify(r.record),
            );
        })
        .immediate();
    });
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.run(`reading incident ${id}`, () => {
      const row = this.db
        .prepare('SELECT id, notified_version, notified_at, record FROM incidents WHERE id = ?')
        .get(id) as Row | undefined;
      return row ? this.read(row) : null;
    });
  }

  async incidents(q: IncidentQuery): Promise<IncidentPage> {
    return this.run('querying incidents', () => {
      checkIncidentQuery(this.location, q);
      const { where, params } = incidentFilter(q);
      const total = this.db
        .prepare(`SELECT COUNT(*) FROM incidents ${where}`)
        .pluck()
        .get(...params) as number;
      const rows = this.db
        .prepare(
          `SELECT id, notified_version, notified_at, record FROM incidents ${where}
            ORDER BY last_ms DESC, id LIMIT ? OFFSET ?`,
        )
        .all(...params, q.limit, q.offset) as Row[];
      return { total, items: rows.map((r) => this.read(r)) };
    });
  }

  async unnotified(limit: number, source?: string): Promise<Incident[]> {
    const bySource = source === undefined ? '' : `AND json_extract(record, '$.source') = ?`;
    return this.run('reading incidents to notify', () =>
      (
        this.db
          .prepare(
            `SELECT id, notified_version, notified_at, record FROM incidents
              WHERE version > notified_version ${bySource} ORDER BY first_ms, id LIMIT ?`,
          )
          .all(...(source === undefined ? [] : [source]), limit) as Row[]
      ).map((r) => this.read(r)),
    );
  }

  async markNotified(id: string, version: number, at: Date = new Date()): Promise<void> {
    this.run(`marking incident ${id} notified`, () => {
      this.db
        .prepare(
          'UPDATE incidents SET notified_version = ?, notified_at = ? WHERE id = ? AND notified_version < ?',
        )
        .run(version, at.toISOString(), id, version);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens the incidents of the SQLite store at `path` (creating and migrating it as openSqliteStore does). */
export function openSqliteIncidentStore(
  path: string,
  options: Pick<OpenOptions, 'verify' | 'create'> = {},
): IncidentStore {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  db.pragma('synchronous = NORMAL');
  return new SqliteIncidentStore(db, location);
}

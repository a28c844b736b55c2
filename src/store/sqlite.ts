import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DetectionStateStore } from '../core/detection-state.js';
import type { IncidentStore } from '../core/incidents.js';
import type { FindingRecord, ResourceRecord } from '../core/record.js';
import type { ActionStore } from '../core/remediation.js';
import { PARTIAL_SCAN_PREFIX } from '../core/scan-kind.js';
import { type EventState, readCurrentResults, readCurrentState } from './current-state.js';
import type { DashboardStore } from './dashboard-store.js';
import { openSqliteDetectionState } from './detection-state-sqlite.js';
import type { DetectionStore } from './detections.js';
import { StoreError } from './errors.js';
import { openSqliteIncidentStore } from './incidents-sqlite.js';
import type { Outbox } from './outbox.js';
import type { QueryStore } from './query.js';
import { openSqliteQueryStore } from './query-sqlite.js';
import { openSqliteActionStore } from './sqlite-actions.js';
import { openSqliteDashboardStore } from './sqlite-dashboards.js';
import { openDetectionStore } from './sqlite-detections.js';
import {
  assertIntact,
  describeSqliteError,
  type OpenOptions,
  openDatabase,
  storeLocation,
} from './sqlite-file.js';
import { type FindingRow, findingsSql, presentFinding } from './sqlite-findings.js';
import { openSqliteOutbox } from './sqlite-outbox.js';
import {
  dropScanRows,
  recoverAbandonedScans,
  registerWriter,
  thisWriter,
  unregisterWriter,
} from './sqlite-recovery.js';
import {
  eventColumns,
  type LifeRow,
  lifeColumns,
  lifeFacts,
  type MuteRow,
  muteColumns,
  readLife,
  readMute,
  readResource,
  readScan,
  resourceColumns,
  resultColumns,
  type ScanRow,
  scanColumns,
} from './sqlite-rows.js';
import type {
  CurrentState,
  FindingEvent,
  FindingLife,
  FindingQuery,
  Mute,
  ResourceVersion,
  ResultRow,
  ScanSummary,
  ScanWriter,
  Store,
} from './store.js';

export type SqliteStoreOptions = Pick<OpenOptions, 'verify' | 'create'>;

/**
 * Opens (creating it and its directory if needed, unless `create: false`) the SQLite store at
 * `path`, or an in-memory one for ':memory:'. A file that is unreadable, not SQLite, damaged
 * (with `verify`, or before any write made at open), another application's database or from a
 * newer Cloudward is refused with a StoreError and left untouched. Scans left running by a
 * dead process are aborted here.
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  try {
    db.function('cw_fold', { deterministic: true }, (s: unknown) =>
      typeof s === 'string' ? s.toLowerCase() : s,
    );
    // aborting a dead writer's scan writes: a file not checked yet is checked first
    recoverAbandonedScans(
      db,
      location,
      Date.now(),
      options.verify ? undefined : () => assertIntact(location),
    );
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  return new SqliteStore(db, location);
}

const FACTS_OF_NONE = ['fail', '', '', 'check', '', ''] as const;

/** Bound parameters per IN list: well under SQLite's limit of 32766. */
const IN_CHUNK = 500;

function inChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

const SCAN_COLUMNS = 'id, audit_key, label, started_at, finished_at, status, counts, errors, accounts';

class SqliteStore implements Store {
  private closed = false;
  private readonly writers = new Set<SqliteScanWriter>();

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  /** Runs `fn`, turning any failure into a StoreError that names the store and the operation. */
  run<T>(what: string, fn: () => T): T {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  /** A write transaction that takes the write lock up front, so it waits instead of failing. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  async beginScan(scan: ScanSummary): Promise<ScanWriter> {
    return this.run(`beginning scan ${scan.id}`, () => {
      const cols = scanColumns(this.location, scan);
      const token = randomUUID();
      const me = thisWriter();
      this.write(() => {
        // an id left by an aborted scan may be reused
        this.db.prepare("DELETE FROM scans WHERE id = ? AND status = 'aborted'").run(scan.id);
        if (this.db.prepare('SELECT 1 FROM scans WHERE id = ?').get(scan.id)) {
          throw new StoreError(this.location, `a scan with id ${scan.id} already exists`);
        }
        this.db
          .prepare(
            `INSERT INTO scans (id, audit_key, label, started_at, started_ms, finished_at, counts, errors, accounts,
                                status, writer_token, writer_host, writer_pid, writer_thread, heartbeat_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
          )
          .run(...cols, token, me.host, me.pid, me.thread, Date.now());
      });
      registerWriter(this.location, token);
      const writer = new SqliteScanWriter(this, scan.id, scan.audit_key, token);
      this.writers.add(writer);
      return writer;
    });
  }

  /** Inside a write transaction: refreshes the heartbeat, or throws if the scan is no longer ours. */
  touchScan(scanId: string, token: string): void {
    const changed = this.db
      .prepare("UPDATE scans SET heartbeat_ms = ? WHERE id = ? AND writer_token = ? AND status = 'running'")
      .run(Date.now(), scanId, token).changes;
    if (changed !== 1) {
      throw new StoreError(
        this.location,
        `scan ${scanId} is no longer running: it was aborted (by crash recovery, if its writer looked dead)`,
      );
    }
  }

  writeResources(scanId: string, token: string, records: ResourceRecord[]): void {
    const rows = resourceColumns(this.location, `resources of scan ${scanId}`, records);
    const insert = this.db.prepare(
      `INSERT INTO resources (scan_id, reference, name, ext_record_type, com_record_type, cloud, account, region, record)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.write(() => {
      this.touchScan(scanId, token);
      for (const r of rows) insert.run(scanId, ...r);
    });
  }

  writeResults(scanId: string, token: string, results: ResultRow[]): void {
    const rows = resultColumns(this.location, `results of scan ${scanId}`, results);
    const insert = this.db.prepare(
      `INSERT INTO results (scan_id, finding_id, check_id, reference, resource_name, cloud, account, region,
                            status, severity, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.write(() => {
      this.touchScan(scanId, token);
      for (const r of rows) insert.run(scanId, ...r);
    });
  }

  commitScan(token: string, summary: ScanSummary, lives: FindingLife[], events: FindingEvent[]): void {
    const scan = scanColumns(this.location, summary);
    const lifeRows = lifeColumns(this.location, summary.audit_key, lives);
    const eventRows = eventColumns(this.location, events);
    const [id, , label, startedAt, startedMs, finishedAt, counts, errors, accounts] = scan;
    const rankOf = new Map(lifeRows.map((l) => [l[1], l[12]]));
    const facts = new Map(lives.map((l) => [l.finding_id, lifeFacts(l)]));
    const upsertLife = this.db.prepare(
      `INSERT INTO findings (audit_key, finding_id, check_id, reference, name, message, state, first_seen,
                             last_seen, last_seen_ms, resolved_at, severity, severity_rank, cloud, account, record,
                             status, region, service, origin, title, description)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (audit_key, finding_id) DO UPDATE SET
         check_id = excluded.check_id, reference = excluded.reference, name = excluded.name,
         message = excluded.message, state = excluded.state, first_seen = excluded.first_seen,
         last_seen = excluded.last_seen, last_seen_ms = excluded.last_seen_ms,
         resolved_at = excluded.resolved_at, severity = excluded.severity,
         severity_rank = excluded.severity_rank, cloud = excluded.cloud, account = excluded.account,
         record = excluded.record, status = excluded.status, region = excluded.region,
         service = excluded.service, origin = excluded.origin, title = excluded.title,
         description = excluded.description`,
    );
    const insertEvent = this.db.prepare(
      'INSERT INTO finding_events (finding_id, audit_key, scan_id, state, at, severity_rank) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.write(() => {
      this.touchScan(id, token);
      // the finding lives this commit adds are indexed for search in one statement, below
      const lastRow = this.db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM findings').pluck().get() as number;
      this.db
        .prepare(
          `UPDATE scans SET status = 'complete', label = ?, started_at = ?, started_ms = ?, finished_at = ?,
                  counts = ?, errors = ?, accounts = ?, writer_token = NULL, heartbeat_ms = NULL
            WHERE id = ?`,
        )
        .run(
          label,
          startedAt,
          startedMs,
          finishedAt ?? new Date().toISOString(),
          counts,
          errors,
          accounts,
          id,
        );
      for (const l of lifeRows) upsertLife.run(...l, ...(facts.get(l[1]) ?? FACTS_OF_NONE));
      this.db
        .prepare(
          'INSERT INTO findings_search (rowid, search) SELECT rowid, search FROM findings WHERE rowid > ?',
        )
        .run(lastRow);
      for (const [findingId, scanId, state, at] of eventRows) {
        insertEvent.run(findingId, summary.audit_key, scanId, state, at, rankOf.get(findingId) ?? 0);
      }
    });
  }

  abortScan(scanId: string, token: string): void {
    this.write(() => {
      const owned = this.db
        .prepare('SELECT 1 FROM scans WHERE id = ? AND writer_token = ?')
        .get(scanId, token);
      if (!owned) return;
      dropScanRows(this.db, scanId);
      this.db.prepare('DELETE FROM scans WHERE id = ?').run(scanId);
    });
  }

  writerDone(writer: SqliteScanWriter, token: string): void {
    this.writers.delete(writer);
    unregisterWriter(this.location, token);
  }

  async listScans(
    opts: { audit_key?: string; limit?: number; full_only?: boolean } = {},
  ): Promise<ScanSummary[]> {
    return this.run('listing scans', () => {
      const limit = opts.limit ?? -1;
      if (!Number.isInteger(limit) || (opts.limit !== undefined && limit < 0)) {
        throw new StoreError(this.location, 'listing scans: limit must be a whole number >= 0');
      }
      const byAudit = opts.audit_key !== undefined;
      const full = opts.full_only === true;
      const rows = this.db
        .prepare(
          `SELECT ${SCAN_COLUMNS} FROM scans
            WHERE status = 'complete' ${byAudit ? 'AND audit_key = ?' : ''}
            ${full ? 'AND (label IS NULL OR substr(label, 1, length(?)) <> ?)' : ''}
            ORDER BY started_ms DESC, id DESC LIMIT ?`,
        )
        .all(
          ...(byAudit ? [opts.audit_key] : []),
          ...(full ? [PARTIAL_SCAN_PREFIX, PARTIAL_SCAN_PREFIX] : []),
          limit,
        ) as ScanRow[];
      return rows.map((r) => readScan(this.location, r));
    });
  }

  async getScan(id: string): Promise<ScanSummary | null> {
    return this.run(`reading scan ${id}`, () => {
      const row = this.db
        .prepare(`SELECT ${SCAN_COLUMNS} FROM scans WHERE id = ? AND status = 'complete'`)
        .get(id) as ScanRow | undefined;
      return row ? readScan(this.location, row) : null;
    });
  }

  async lastScan(auditKey: string): Promise<ScanSummary | null> {
    const [scan] = await this.listScans({ audit_key: auditKey, limit: 1, full_only: true });
    return scan ?? null;
  }

  async currentState(auditKey: string): Promise<CurrentState | null> {
    return readCurrentState(this, auditKey);
  }

  async currentResults(state: CurrentState): Promise<ResultRow[]> {
    return readCurrentResults(this, state);
  }

  // ---- what readCurrentState asks (src/store/current-state.ts)

  async partialScansAfter(base: ScanSummary): Promise<ScanSummary[]> {
    return this.run(`listing the re-checks of audit ${base.audit_key}`, () => {
      const startedMs = Date.parse(base.started_at);
      const rows = this.db
        .prepare(
          `SELECT ${SCAN_COLUMNS} FROM scans
            WHERE status = 'complete' AND audit_key = ? AND substr(label, 1, length(?)) = ?
              AND (started_ms > ? OR (started_ms = ? AND id > ?))
            ORDER BY started_ms, id`,
        )
        .all(
          base.audit_key,
          PARTIAL_SCAN_PREFIX,
          PARTIAL_SCAN_PREFIX,
          startedMs,
          startedMs,
          base.id,
        ) as ScanRow[];
      return rows.map((r) => readScan(this.location, r));
    });
  }

  async scanResults(scanId: string, findingIds?: readonly string[]): Promise<ResultRow[]> {
    if (findingIds === undefined) return this.results(scanId);
    return this.run(`reading results of scan ${scanId}`, () => {
      const out: ResultRow[] = [];
      for (const ids of inChunks(findingIds)) {
        out.push(
          ...(this.db
            .prepare(
              `SELECT finding_id, check_id, reference, resource_name, cloud, account, region, status, severity, message
                 FROM results WHERE scan_id = ? AND finding_id IN (${ids.map(() => '?').join(', ')})
                ORDER BY rowid`,
            )
            .all(scanId, ...ids) as ResultRow[]),
        );
      }
      return out;
    });
  }

  async eventStates(scanIds: readonly string[], findingIds?: readonly string[]): Promise<EventState[]> {
    return this.run('reading finding events', () => {
      const scans = scanIds.map(() => '?').join(', ');
      const rows: (EventState & { id: number })[] = [];
      for (const ids of findingIds === undefined ? [undefined] : inChunks(findingIds)) {
        const byFinding = ids === undefined ? '' : `AND finding_id IN (${ids.map(() => '?').join(', ')})`;
        rows.push(
          ...(this.db
            .prepare(
              `SELECT id, scan_id, finding_id, state FROM finding_events WHERE scan_id IN (${scans}) ${byFinding}`,
            )
            .all(...scanIds, ...(ids ?? [])) as (EventState & { id: number })[]),
        );
      }
      return rows.sort((a, b) => a.id - b.id).map(({ id: _id, ...e }) => e);
    });
  }

  async newReferences(base: string, added: readonly string[]): Promise<number> {
    return this.run(
      `counting the resources re-checks added to scan ${base}`,
      () =>
        this.db
          .prepare(
            `SELECT COUNT(DISTINCT r.reference) FROM resources r
            WHERE r.scan_id IN (${added.map(() => '?').join(', ')})
              AND NOT EXISTS (SELECT 1 FROM resources b WHERE b.reference = r.reference AND b.scan_id = ?)`,
          )
          .pluck()
          .get(...added, base) as number,
    );
  }

  async findingLives(auditKey: string): Promise<Map<string, FindingLife>> {
    return this.run(`reading finding lives of audit ${auditKey}`, () => {
      const rows = this.db.prepare('SELECT * FROM findings WHERE audit_key = ?').all(auditKey) as LifeRow[];
      return new Map(rows.map((r) => [r.finding_id, readLife(this.location, r)]));
    });
  }

  async findings(q: FindingQuery): Promise<FindingRecord[]> {
    return this.run('querying findings', () => {
      const { sql, params } = findingsSql(this.location, q, Date.now());
      const rows = this.db.prepare(sql).all(...params) as FindingRow[];
      return rows.map((r) => presentFinding(this.location, r));
    });
  }

  async finding(
    findingId: string,
  ): Promise<{ life: FindingLife; events: FindingEvent[]; mute: Mute | null } | null> {
    return this.run(`reading finding ${findingId}`, () => {
      // a finding seen by several audits: the life of the one that saw it last
      const row = this.db
        .prepare('SELECT * FROM findings WHERE finding_id = ? ORDER BY last_seen_ms DESC, audit_key LIMIT 1')
        .get(findingId) as LifeRow | undefined;
      if (!row) return null;
      const events = this.db
        .prepare(
          'SELECT finding_id, scan_id, state, at FROM finding_events WHERE finding_id = ? AND audit_key = ? ORDER BY id',
        )
        .all(findingId, row.audit_key) as FindingEvent[];
      const mute = this.activeMuteRows(Date.now(), findingId)[0];
      return { life: readLife(this.location, row), events, mute: mute ? readMute(mute) : null };
    });
  }

  async results(scanId: string): Promise<ResultRow[]> {
    return this.run(`reading results of scan ${scanId}`, () =>
      this.db
        .prepare(
          `SELECT r.finding_id, r.check_id, r.reference, r.resource_name, r.cloud, r.account, r.region,
                  r.status, r.severity, r.message
             FROM results r JOIN scans s ON s.id = r.scan_id
            WHERE r.scan_id = ? AND s.status = 'complete'
            ORDER BY r.rowid`,
        )
        .all(scanId),
    ) as ResultRow[];
  }

  async resources(scanId: string, type?: string): Promise<ResourceRecord[]> {
    return this.run(`reading resources of scan ${scanId}`, () => {
      const byType = type !== undefined;
      const rows = this.db
        .prepare(
          `SELECT r.record FROM resources r JOIN scans s ON s.id = r.scan_id
            WHERE r.scan_id = ? AND s.status = 'complete'
                  ${byType ? 'AND (r.ext_record_type = ? OR r.com_record_type = ?)' : ''}
            ORDER BY r.rowid`,
        )
        .pluck()
        .all(...(byType ? [scanId, type, type] : [scanId]));
      return rows.map((text, i) => readResource(this.location, `resource #${i} of scan ${scanId}`, text));
    });
  }

  async resourceHistory(referenceOrName: string): Promise<ResourceVersion[]> {
    return this.run(`reading the history of ${referenceOrName}`, () => {
      const versions = (column: 'reference' | 'name') =>
        this.db
          .prepare(
            `SELECT s.id AS scan_id, s.started_at AS scan_started_at, r.record
               FROM resources r JOIN scans s ON s.id = r.scan_id
              WHERE r.${column} = ? AND s.status = 'complete'
              ORDER BY s.started_ms, s.id, r.rowid`,
          )
          .all(referenceOrName) as { scan_id: string; scan_started_at: string; record: string }[];
      let rows = versions('reference');
      if (rows.length === 0) rows = versions('name');
      return rows.map((r) => ({
        scan_id: r.scan_id,
        scan_started_at: r.scan_started_at,
        record: readResource(this.location, `resource ${referenceOrName} in scan ${r.scan_id}`, r.record),
      }));
    });
  }

  async mute(m: Mute): Promise<void> {
    this.run(`muting finding ${m.finding_id}`, () => {
      const cols = muteColumns(this.location, m);
      this.db
        .prepare(
          `INSERT INTO mutes (finding_id, owner, reason, created_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (finding_id) DO UPDATE SET owner = excluded.owner, reason = excluded.reason,
             created_at = excluded.created_at, expires_at = excluded.expires_at, expires_ms = excluded.expires_ms`,
        )
        .run(...cols);
    });
  }

  async unmute(findingId: string): Promise<boolean> {
    return this.run(
      `unmuting finding ${findingId}`,
      () => this.db.prepare('DELETE FROM mutes WHERE finding_id = ?').run(findingId).changes > 0,
    );
  }

  private activeMuteRows(nowMs: number, findingId?: string): MuteRow[] {
    return this.db
      .prepare(
        `SELECT finding_id, owner, reason, created_at, expires_at FROM mutes
          WHERE (expires_ms IS NULL OR expires_ms > ?) ${findingId === undefined ? '' : 'AND finding_id = ?'}
          ORDER BY finding_id`,
      )
      .all(...(findingId === undefined ? [nowMs] : [nowMs, findingId])) as MuteRow[];
  }

  async activeMutes(now: Date): Promise<Map<string, Mute>> {
    return this.run('reading mutes', () => {
      const ms = now.getTime();
      if (Number.isNaN(ms)) throw new StoreError(this.location, 'reading mutes: `now` is an invalid date');
      return new Map(this.activeMuteRows(ms).map((r) => [r.finding_id, readMute(r)]));
    });
  }

  private sideStore<T>(what: string, open: () => T): Promise<T> {
    // the store made and migrated the file: a side store never creates one
    return Promise.resolve(this.run(`opening the ${what}`, open));
  }

  openOutbox(): Promise<Outbox> {
    return this.run('opening the outbox', () => openSqliteOutbox(this.location, { create: false }));
  }

  openDetections(): Promise<DetectionStore> {
    return this.sideStore('detections', () => openDetectionStore(this.location, { create: false }));
  }

  openDashboards(): Promise<DashboardStore> {
    return this.sideStore('dashboards', () => openSqliteDashboardStore(this.location));
  }

  openIncidents(): Promise<IncidentStore> {
    return this.sideStore('incidents', () => openSqliteIncidentStore(this.location, { create: false }));
  }

  openDetectionState(): Promise<DetectionStateStore> {
    return this.sideStore('detection state', () =>
      openSqliteDetectionState(this.location, { create: false }),
    );
  }

  async openQueries(): Promise<QueryStore> {
    return this.sideStore('queries', () => openSqliteQueryStore(this.location));
  }

  openActions(): Promise<ActionStore> {
    return this.sideStore('remediation actions', () =>
      openSqliteActionStore(this.location, { create: false }),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // a scan still being written when its store closes can never be committed
    for (const w of [...this.writers]) await w.abort();
    this.closed = true;
    this.db.close();
  }
}

class SqliteScanWriter implements ScanWriter {
  private state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(
    private readonly store: SqliteStore,
    private readonly scanId: string,
    private readonly auditKey: string,
    private readonly token: string,
  ) {}

  private ensureOpen(what: string): void {
    if (this.state !== 'open') {
      throw new StoreError(this.store.location, `${what}: scan ${this.scanId} is already ${this.state}`);
    }
  }

  async addResources(records: ResourceRecord[]): Promise<void> {
    const what = `writing resources of scan ${this.scanId}`;
    this.ensureOpen(what);
    this.store.run(what, () => this.store.writeResources(this.scanId, this.token, records));
  }

  async addResults(rows: ResultRow[]): Promise<void> {
    const what = `writing results of scan ${this.scanId}`;
    this.ensureOpen(what);
    this.store.run(what, () => this.store.writeResults(this.scanId, this.token, rows));
  }

  async commit(summary: ScanSummary, lives: FindingLife[], events: FindingEvent[]): Promise<void> {
    const what = `committing scan ${this.scanId}`;
    this.ensureOpen(what);
    if (summary.id !== this.scanId || summary.audit_key !== this.auditKey) {
      throw new StoreError(
        this.store.location,
        `${what}: the summary is for scan ${summary.id} of audit ${summary.audit_key}, not scan ${this.scanId} of audit ${this.auditKey}`,
      );
    }
    this.store.run(what, () => this.store.commitScan(this.token, summary, lives, events));
    this.state = 'committed';
    this.store.writerDone(this, this.token);
  }

  /** Removes every row of the scan. A no-op once committed or aborted. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.store.run(`aborting scan ${this.scanId}`, () => this.store.abortScan(this.scanId, this.token));
    this.state = 'aborted';
    this.store.writerDone(this, this.token);
  }
}

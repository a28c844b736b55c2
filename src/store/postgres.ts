import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { DetectionStateStore } from '../core/detection-state.js';
import type { IncidentStore } from '../core/incidents.js';
import type { FindingRecord, ResourceRecord } from '../core/record.js';
import type { ActionStore } from '../core/remediation.js';
import { PARTIAL_SCAN_PREFIX } from '../core/scan-kind.js';
import { type EventState, readCurrentResults, readCurrentState } from './current-state.js';
import type { DashboardStore } from './dashboard-store.js';
import { PostgresDetectionState } from './detection-state-postgres.js';
import type { DetectionStore } from './detections.js';
import { messageOf, StoreError } from './errors.js';
import { PostgresIncidentStore } from './incidents-postgres.js';
import type { Outbox } from './outbox.js';
import { PostgresActionStore } from './postgres-actions.js';
import {
  describePgError,
  missingPgStore,
  type PgSession,
  parsePostgresUrl,
  scrub,
} from './postgres-connection.js';
import { PostgresDashboardStore } from './postgres-dashboards.js';
import { PostgresDetectionStore } from './postgres-detections.js';
import { LIFE_SELECT, pgFindingsSql, searchFold, searchText } from './postgres-findings.js';
import { DEFAULT_LEASE_MS, recoverExpiredScans, renewEveryMs, renewLease } from './postgres-lease.js';
import {
  inspectPgSchema,
  migratePg,
  PG_MIGRATIONS,
  type PgMigration,
  quoteIdent,
} from './postgres-migrations.js';
import { PostgresOutbox } from './postgres-outbox.js';
import { PostgresScaleOut } from './postgres-scale-out.js';
import { PostgresWatchReplicas } from './postgres-watch-replicas.js';
import type { QueryStore } from './query.js';
import { PostgresQueryStore } from './query-postgres.js';
import type { ScaleOutStore } from './scale-out.js';
import { type FindingRow, presentFinding } from './sqlite-findings.js';
import {
  eventColumns,
  type LifeRow,
  lifeColumns,
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
import type { WatchReplicaStore } from './watch-replicas.js';

export interface PostgresStoreOptions {
  /** the schema (namespace) of the store's tables; else the URL's ?schema=, else "cloudward" */
  schema?: string;
  /** most connections the store holds open (default 10) */
  poolSize?: number;
  /** how long to wait for a connection (default 10 s) */
  connectTimeoutMs?: number;
  /** how long a running scan stays owned without a renewal (default 5 minutes) */
  leaseMs?: number;
  /** the schema steps (tests pass their own) */
  migrations?: readonly PgMigration[];
  /** a schema without a store is set up (default); false: refused, so a mistyped schema stays unmade */
  create?: boolean;
}

/** Rows per INSERT statement: bounds the size of one request, whatever the batch size. */
const CHUNK = 2000;

/**
 * Opens the PostgreSQL store at `url` (postgres://user:password@host:port/database), creating
 * its schema and tables on first use (versioned migrations under an advisory lock). A schema
 * that holds another application's tables or a newer Cloudward's is refused and left untouched.
 * Scans whose writer's lease has expired are aborted here. Errors are StoreErrors naming the
 * database by its URL with the password replaced by ***.
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const addr = parsePostgresUrl(url, opts.schema);
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isInteger(leaseMs) || leaseMs < 100) {
    throw new StoreError(addr.location, 'leaseMs must be a whole number of milliseconds >= 100');
  }
  const pool = new pg.Pool({
    connectionString: addr.connectionString,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // idle connections never keep a finished command alive
    allowExitOnIdle: true,
    application_name: 'cloudward',
  });
  // an idle connection that breaks (server restart) must not crash the process: the pool
  // drops it and the next query opens a new one
  pool.on('error', () => {});
  const store = new PostgresStore(pool, addr.location, addr.password, addr.schema, leaseMs, connectTimeoutMs);
  try {
    if (opts.create === false && (await inspectPgSchema(pool, addr.location, addr.schema)) === 'empty') {
      throw new StoreError(addr.location, missingPgStore(addr.schema));
    }
    await migratePg(pool, addr.location, addr.schema, opts.migrations ?? PG_MIGRATIONS);
    await store.recover();
  } catch (err) {
    await pool.end().catch(() => {});
    throw store.wrap('opening', err);
  }
  return store;
}

const SCAN_COLUMNS =
  'id, audit_key, label, started_at, finished_at, status, counts::text AS counts, errors::text AS errors, accounts::text AS accounts';

/*
 * PostgreSQL cannot store U+0000 in text or JSONB, and JSONB refuses an unpaired UTF-16
 * surrogate; both would fail a whole batch with a message that names no item. So they are
 * found first: in plain strings as characters, in JSON texts as the escapes JSON.stringify
 * writes for them (it writes every other character as itself, except controls).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** The indexes of tuples PostgreSQL cannot store; `jsonColumns` hold JSON texts. */
function unstorable(rows: readonly (readonly unknown[])[], jsonColumns: readonly number[] = []): number[] {
  const bad: number[] = [];
  rows.forEach((row, i) => {
    const refused = row.some(
      (v, col) =>
        typeof v === 'string' &&
        (jsonColumns.includes(col) ? BAD_ESCAPE.test(v) : v.includes('\u0000') || LONE_SURROGATE.test(v)),
    );
    if (refused) bad.push(i);
  });
  return bad;
}

/*
 * A batch goes to the server as one JSON array of tuples per CHUNK rows: one parameter, read
 * with jsonb_array_elements. Measured faster than one array parameter per column read with
 * unnest (pg's array encoding escapes a record's JSON text a second time) and than json (whose
 * ->> parses the element again for every field).
 */

/** `t.e->>0, (t.e->>1)::cast, ...`: the fields of a tuple in a batch. */
function fields(casts: readonly string[]): string {
  return casts.map((cast, i) => (cast === '' ? `t.e->>${i}` : `(t.e->>${i})::${cast}`)).join(', ');
}

/** The FROM clause reading batch parameter `$n`, to be read ORDER BY t.n. */
const batch = (n: number) => `jsonb_array_elements($${n}::jsonb) WITH ORDINALITY AS t(e, n)`;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

class PostgresStore implements Store, PgSession {
  private closed = false;
  private readonly writers = new Set<PostgresScanWriter>();
  /** the quoted schema, prefixed to every table */
  readonly s: string;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    private readonly password: string,
    schema: string,
    readonly leaseMs: number,
    private readonly connectTimeoutMs: number,
  ) {
    this.s = quoteIdent(schema);
  }

  /** A StoreError naming the store and the operation, with the password scrubbed. */
  wrap(what: string, err: unknown): StoreError {
    if (err instanceof StoreError) {
      const msg = scrub(err.message, this.password);
      return msg === err.message ? err : new StoreError(this.location, msg, { cause: err });
    }
    const problem = scrub(describePgError(err, this.connectTimeoutMs), this.password);
    return new StoreError(this.location, `${what}: ${problem}`, { cause: err });
  }

  /** Runs `fn`, turning any failure into a StoreError; refuses once closed. */
  async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return await fn();
    } catch (err) {
      throw this.wrap(what, err);
    }
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  /** Runs `fn` in one transaction on one connection: all of it or none. */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(messageOf(e));
        });
        throw err;
      }
    } finally {
      // a connection whose rollback failed is in an unknown state: the pool closes it
      client.release(broken);
    }
  }

  get scaleOut(): ScaleOutStore {
    return new PostgresScaleOut(this);
  }

  get watchReplicas(): WatchReplicaStore {
    return new PostgresWatchReplicas(this);
  }

  async openOutbox(): Promise<Outbox> {
    const outbox = new PostgresOutbox(this);
    await outbox.releaseDeadLeases();
    return outbox;
  }

  async openDetections(): Promise<DetectionStore> {
    return new PostgresDetectionStore(this);
  }

  async openIncidents(): Promise<IncidentStore> {
    return new PostgresIncidentStore(this);
  }

  async openDetectionState(): Promise<DetectionStateStore> {
    return new PostgresDetectionState(this);
  }

  async openActions(): Promise<ActionStore> {
    return new PostgresActionStore(this);
  }

  async openQueries(): Promise<QueryStore> {
    return new PostgresQueryStore(this, () => this.pool.connect());
  }

  async openDashboards(): Promise<DashboardStore> {
    return new PostgresDashboardStore(this.pool, this.location, `${this.s}.`, (what, err) =>
      this.wrap(what, err),
    );
  }

  async recover(): Promise<string[]> {
    return this.tx((c) => recoverExpiredScans(c, this.s, new Date()));
  }

  async beginScan(scan: ScanSummary): Promise<ScanWriter> {
    return this.run(`beginning scan ${scan.id}`, async () => {
      const cols = scanColumns(this.location, scan);
      this.refuseUnstorable('scan summary', [cols], [6, 7, 8]);
      const [id, auditKey, label, startedAt, startedMs, finishedAt, counts, errors, accounts] = cols;
      // scans of writers that died since this store was opened (a long-lived service)
      await this.recover();
      const token = randomUUID();
      await this.tx(async (c) => {
        // an id left by an aborted scan may be reused
        await c.query(`DELETE FROM ${this.s}.scans WHERE id = $1 AND status = 'aborted'`, [id]);
        const inserted = await c.query(
          `INSERT INTO ${this.s}.scans (id, audit_key, label, started_at, started_ms, finished_at, counts, errors,
                                         accounts, status, lease_token, lease_host, lease_pid, lease_expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $13::jsonb, 'running', $9, $10, $11,
                   clock_timestamp() + $12::bigint * interval '1 millisecond')
           ON CONFLICT (id) DO NOTHING`,
          [
            id,
            auditKey,
            label,
            startedAt,
            startedMs,
            finishedAt,
            counts,
            errors,
            token,
            hostname(),
            process.pid,
            this.leaseMs,
            accounts,
          ],
        );
        if (inserted.rowCount !== 1) {
          throw new StoreError(this.location, `a scan with id ${id} already exists`);
        }
      });
      const writer = new PostgresScanWriter(this, id, auditKey, token);
      this.writers.add(writer);
      return writer;
    });
  }

  /** Inside a transaction: renews the lease and locks the scan row, or throws if it is not ours. */
  async holdScan(c: pg.PoolClient, scanId: string, token: string): Promise<void> {
    if (!(await renewLease(c, this.s, scanId, token, this.leaseMs))) {
      throw new StoreError(
        this.location,
        `scan ${scanId} is no longer running: it was aborted (by crash recovery, if its lease ran out)`,
      );
    }
  }

  /** Refuses, naming them, items that PostgreSQL cannot store. */
  private refuseUnstorable(
    what: string,
    rows: readonly (readonly unknown[])[],
    jsonColumns: readonly number[] = [],
  ): void {
    const bad = unstorable(rows, jsonColumns);
    if (bad.length === 0) return;
    const items = bad.slice(0, 5).map((i) => `#${i}`);
    const more = bad.length > 5 ? ` and ${bad.length - 5} more` : '';
    throw new StoreError(
      this.location,
      `${what}: ${bad.length} of ${rows.length} refused, nothing written: ${items.join(', ')}${more} contain a NUL character (U+0000) or an unpaired surrogate, which PostgreSQL cannot store`,
    );
  }

  async writeResources(scanId: string, token: string, records: ResourceRecord[]): Promise<void> {
    const what = `resources of scan ${scanId}`;
    const rows = resourceColumns(this.location, what, records);
    this.refuseUnstorable(what, rows, [7]);
    await this.tx(async (c) => {
      await this.holdScan(c, scanId, token);
      for (const part of chunks(rows)) {
        await c.query(
          `INSERT INTO ${this.s}.resources
                  (scan_id, reference, name, ext_record_type, com_record_type, cloud, account, region, record)
           SELECT $1::text, ${fields(['', '', '', '', '', '', '', 'jsonb'])}
             FROM ${batch(2)} ORDER BY t.n`,
          [scanId, JSON.stringify(part)],
        );
      }
    });
  }

  async writeResults(scanId: string, token: string, results: ResultRow[]): Promise<void> {
    const what = `results of scan ${scanId}`;
    const rows = resultColumns(this.location, what, results);
    this.refuseUnstorable(what, rows);
    await this.tx(async (c) => {
      await this.holdScan(c, scanId, token);
      for (const part of chunks(rows)) {
        await c.query(
          `INSERT INTO ${this.s}.results (scan_id, finding_id, check_id, reference, resource_name, cloud, account,
                                          region, status, severity, message)
           SELECT $1::text, ${fields(['', '', '', '', '', '', '', '', '', ''])}
             FROM ${batch(2)} ORDER BY t.n`,
          [scanId, JSON.stringify(part)],
        );
      }
    });
  }

  async commitScan(
    token: string,
    summary: ScanSummary,
    lives: FindingLife[],
    events: FindingEvent[],
  ): Promise<void> {
    const scan = scanColumns(this.location, summary);
    const [id, , label, startedAt, startedMs, finishedAt, counts, errors, accounts] = scan;
    const lifeRows = lifeColumns(this.location, summary.audit_key, lives);
    const eventRows = eventColumns(this.location, events);
    this.refuseUnstorable('scan summary', [scan], [6, 7, 8]);
    const rankOf = new Map(lifeRows.map((l) => [l[1], l[12]]));
    this.refuseUnstorable('finding lives', lifeRows, [15]);
    this.refuseUnstorable('finding events', eventRows);
    // one row per finding: ON CONFLICT cannot update a row twice in one statement; last wins
    const byId = new Map(lifeRows.map((l) => [l[1], l]));
    const records = new Map(lives.map((x) => [x.finding_id, x.record]));
    const upserts = [...byId.values()].map((l) => {
      const [, , checkId, reference, name, message] = l;
      return [...l, ...searchFold(name, reference, checkId, message)] as const;
    });
    const searchRows = [...byId.values()].map((l) => {
      const [audit, findingId, checkId, reference, name] = l;
      const rec = records.get(findingId);
      const text = searchText(
        name,
        reference,
        checkId,
        rec?.ext.check_title ?? checkId,
        rec?.com.description ?? '',
      );
      return [audit, findingId, text] as const;
    });
    await this.tx(async (c) => {
      const done = await c.query(
        `UPDATE ${this.s}.scans
            SET status = 'complete', label = $3, started_at = $4, started_ms = $5, finished_at = $6,
                counts = $7::jsonb, errors = $8::jsonb, accounts = $9::jsonb, lease_token = NULL,
                lease_expires_at = NULL
          WHERE id = $1 AND lease_token = $2 AND status = 'running'`,
        [
          id,
          token,
          label,
          startedAt,
          startedMs,
          finishedAt ?? new Date().toISOString(),
          counts,
          errors,
          accounts,
        ],
      );
      if (done.rowCount !== 1) {
        throw new StoreError(
          this.location,
          `scan ${id} is no longer running: it was aborted (by crash recovery, if its lease ran out)`,
        );
      }
      for (const part of chunks(upserts)) {
        await c.query(
          `INSERT INTO ${this.s}.findings (audit_key, finding_id, check_id, reference, name, message, state,
                  first_seen, last_seen, last_seen_ms, resolved_at, severity, severity_rank, cloud, account,
                  record, search_fold)
           SELECT ${fields(['', '', '', '', '', '', '', '', '', 'bigint', '', '', 'integer', '', '', 'jsonb'])},
                  ARRAY[t.e->>16, t.e->>17, t.e->>18, t.e->>19]
             FROM ${batch(1)} ORDER BY t.n
           ON CONFLICT (audit_key, finding_id) DO UPDATE SET
             check_id = excluded.check_id, reference = excluded.reference, name = excluded.name,
             message = excluded.message, state = excluded.state, first_seen = excluded.first_seen,
             last_seen = excluded.last_seen, last_seen_ms = excluded.last_seen_ms,
             resolved_at = excluded.resolved_at, severity = excluded.severity,
             severity_rank = excluded.severity_rank, cloud = excluded.cloud, account = excluded.account,
             record = excluded.record, search_fold = excluded.search_fold`,
          [JSON.stringify(part)],
        );
      }
      for (const part of chunks(searchRows)) {
        await c.query(
          `INSERT INTO ${this.s}.finding_search AS x (audit_key, finding_id, search_text)
           SELECT t.e->>0, t.e->>1, t.e->>2 FROM ${batch(1)} ORDER BY t.n
           ON CONFLICT (audit_key, finding_id) DO UPDATE SET search_text = excluded.search_text
            WHERE x.search_text IS DISTINCT FROM excluded.search_text`,
          [JSON.stringify(part)],
        );
      }
      for (const part of chunks(eventRows)) {
        await c.query(
          `INSERT INTO ${this.s}.finding_events (finding_id, audit_key, scan_id, state, at, severity_rank)
           SELECT t.e->>0, $1::text, t.e->>1, t.e->>2, t.e->>3, (t.e->>4)::integer FROM ${batch(2)} ORDER BY t.n`,
          [summary.audit_key, JSON.stringify(part.map((e) => [...e, rankOf.get(e[0]) ?? 0]))],
        );
      }
    });
  }

  async abortScan(scanId: string, token: string): Promise<void> {
    // its resources and results go with the scan row (ON DELETE CASCADE); a scan that crash
    // recovery already aborted is not ours any more and is left as it is
    await this.pool.query(
      `DELETE FROM ${this.s}.scans WHERE id = $1 AND lease_token = $2 AND status = 'running'`,
      [scanId, token],
    );
  }

  writerDone(writer: PostgresScanWriter): void {
    this.writers.delete(writer);
  }

  async listScans(
    opts: { audit_key?: string; limit?: number; full_only?: boolean } = {},
  ): Promise<ScanSummary[]> {
    return this.run('listing scans', async () => {
      if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 0)) {
        throw new StoreError(this.location, 'listing scans: limit must be a whole number >= 0');
      }
      const params: unknown[] = [opts.limit ?? null];
      let where = '';
      if (opts.audit_key !== undefined) {
        params.push(opts.audit_key);
        where += ` AND audit_key = $${params.length}`;
      }
      if (opts.full_only === true) {
        params.push(PARTIAL_SCAN_PREFIX);
        where += ` AND (label IS NULL OR left(label, length($${params.length})) <> $${params.length})`;
      }
      const rows = await this.query<ScanRow>(
        `SELECT ${SCAN_COLUMNS} FROM ${this.s}.scans
          WHERE status = 'complete'${where}
          ORDER BY started_ms DESC, id DESC LIMIT $1::bigint`,
        params,
      );
      return rows.map((r) => readScan(this.location, r));
    });
  }

  async getScan(id: string): Promise<ScanSummary | null> {
    return this.run(`reading scan ${id}`, async () => {
      const [row] = await this.query<ScanRow>(
        `SELECT ${SCAN_COLUMNS} FROM ${this.s}.scans WHERE id = $1 AND status = 'complete'`,
        [id],
      );
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
    return this.run(`listing the re-checks of audit ${base.audit_key}`, async () => {
      const startedMs = Date.parse(base.started_at);
      const rows = await this.query<ScanRow>(
        `SELECT ${SCAN_COLUMNS} FROM ${this.s}.scans
          WHERE status = 'complete' AND audit_key = $1 AND left(label, length($2)) = $2
            AND (started_ms > $3::bigint OR (started_ms = $3::bigint AND id > $4))
          ORDER BY started_ms, id`,
        [base.audit_key, PARTIAL_SCAN_PREFIX, startedMs, base.id],
      );
      return rows.map((r) => readScan(this.location, r));
    });
  }

  async scanResults(scanId: string, findingIds?: readonly string[]): Promise<ResultRow[]> {
    if (findingIds === undefined) return this.results(scanId);
    return this.run(`reading results of scan ${scanId}`, () =>
      this.query<ResultRow>(
        `SELECT finding_id, check_id, reference, resource_name, cloud, account, region, status, severity, message
           FROM ${this.s}.results WHERE scan_id = $1 AND finding_id = ANY($2::text[])
          ORDER BY seq`,
        [scanId, [...findingIds]],
      ),
    );
  }

  async eventStates(scanIds: readonly string[], findingIds?: readonly string[]): Promise<EventState[]> {
    return this.run('reading finding events', () =>
      this.query<EventState>(
        `SELECT scan_id, finding_id, state FROM ${this.s}.finding_events
          WHERE scan_id = ANY($1::text[]) ${findingIds === undefined ? '' : 'AND finding_id = ANY($2::text[])'}
          ORDER BY id`,
        findingIds === undefined ? [[...scanIds]] : [[...scanIds], [...findingIds]],
      ),
    );
  }

  async newReferences(base: string, added: readonly string[]): Promise<number> {
    return this.run(`counting the resources re-checks added to scan ${base}`, async () => {
      const [row] = await this.query<{ n: string }>(
        `SELECT COUNT(DISTINCT r.reference) AS n FROM ${this.s}.resources r
          WHERE r.scan_id = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM ${this.s}.resources b WHERE b.reference = r.reference AND b.scan_id = $2)`,
        [[...added], base],
      );
      return Number(row?.n ?? 0);
    });
  }

  async findingLives(auditKey: string): Promise<Map<string, FindingLife>> {
    return this.run(`reading finding lives of audit ${auditKey}`, async () => {
      const rows = await this.query<LifeRow>(
        `SELECT ${LIFE_SELECT} FROM ${this.s}.findings f WHERE f.audit_key = $1`,
        [auditKey],
      );
      return new Map(rows.map((r) => [r.finding_id, readLife(this.location, r)]));
    });
  }

  async findings(q: FindingQuery): Promise<FindingRecord[]> {
    return this.run('querying findings', async () => {
      const { sql, params } = pgFindingsSql(this.location, this.s, q, Date.now());
      const rows = await this.query<FindingRow>(sql, params);
      return rows.map((r) => presentFinding(this.location, r));
    });
  }

  async finding(
    findingId: string,
  ): Promise<{ life: FindingLife; events: FindingEvent[]; mute: Mute | null } | null> {
    return this.run(`reading finding ${findingId}`, async () => {
      // a finding seen by several audits: the life of the one that saw it last
      const [row] = await this.query<LifeRow>(
        `SELECT ${LIFE_SELECT} FROM ${this.s}.findings f WHERE f.finding_id = $1
          ORDER BY f.last_seen_ms DESC, f.audit_key LIMIT 1`,
        [findingId],
      );
      if (!row) return null;
      const events = await this.query<FindingEvent>(
        `SELECT finding_id, scan_id, state, at FROM ${this.s}.finding_events
          WHERE finding_id = $1 AND audit_key = $2 ORDER BY id`,
        [findingId, row.audit_key],
      );
      const [mute] = await this.activeMuteRows(Date.now(), findingId);
      return { life: readLife(this.location, row), events, mute: mute ? readMute(mute) : null };
    });
  }

  async results(scanId: string): Promise<ResultRow[]> {
    return this.run(`reading results of scan ${scanId}`, () =>
      this.query<ResultRow>(
        `SELECT r.finding_id, r.check_id, r.reference, r.resource_name, r.cloud, r.account, r.region,
                r.status, r.severity, r.message
           FROM ${this.s}.results r JOIN ${this.s}.scans s ON s.id = r.scan_id
          WHERE r.scan_id = $1 AND s.status = 'complete'
          ORDER BY r.seq`,
        [scanId],
      ),
    );
  }

  async resources(scanId: string, type?: string): Promise<ResourceRecord[]> {
    return this.run(`reading resources of scan ${scanId}`, async () => {
      const byType = type !== undefined;
      const rows = await this.query<{ record: string }>(
        `SELECT r.record::text AS record FROM ${this.s}.resources r JOIN ${this.s}.scans s ON s.id = r.scan_id
          WHERE r.scan_id = $1 AND s.status = 'complete'
                ${byType ? 'AND (r.ext_record_type = $2 OR r.com_record_type = $2)' : ''}
          ORDER BY r.seq`,
        byType ? [scanId, type] : [scanId],
      );
      return rows.map((r, i) => readResource(this.location, `resource #${i} of scan ${scanId}`, r.record));
    });
  }

  async resourceHistory(referenceOrName: string): Promise<ResourceVersion[]> {
    return this.run(`reading the history of ${referenceOrName}`, async () => {
      const versions = (column: 'reference' | 'name') =>
        this.query<{ scan_id: string; scan_started_at: string; record: string }>(
          `SELECT s.id AS scan_id, s.started_at AS scan_started_at, r.record::text AS record
             FROM ${this.s}.resources r JOIN ${this.s}.scans s ON s.id = r.scan_id
            WHERE r.${column} = $1 AND s.status = 'complete'
            ORDER BY s.started_ms, s.id, r.seq`,
          [referenceOrName],
        );
      let rows = await versions('reference');
      if (rows.length === 0) rows = await versions('name');
      return rows.map((r) => ({
        scan_id: r.scan_id,
        scan_started_at: r.scan_started_at,
        record: readResource(this.location, `resource ${referenceOrName} in scan ${r.scan_id}`, r.record),
      }));
    });
  }

  async mute(m: Mute): Promise<void> {
    await this.run(`muting finding ${m.finding_id}`, async () => {
      const cols = muteColumns(this.location, m);
      this.refuseUnstorable('mute', [cols]);
      await this.query(
        `INSERT INTO ${this.s}.mutes (finding_id, owner, reason, created_at, expires_at, expires_ms)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (finding_id) DO UPDATE SET owner = excluded.owner, reason = excluded.reason,
           created_at = excluded.created_at, expires_at = excluded.expires_at, expires_ms = excluded.expires_ms`,
        cols,
      );
    });
  }

  async unmute(findingId: string): Promise<boolean> {
    return this.run(`unmuting finding ${findingId}`, async () => {
      const res = await this.pool.query(`DELETE FROM ${this.s}.mutes WHERE finding_id = $1`, [findingId]);
      return (res.rowCount ?? 0) > 0;
    });
  }

  private activeMuteRows(nowMs: number, findingId?: string): Promise<MuteRow[]> {
    return this.query<MuteRow>(
      `SELECT finding_id, owner, reason, created_at, expires_at FROM ${this.s}.mutes
        WHERE (expires_ms IS NULL OR expires_ms > $1::bigint) ${findingId === undefined ? '' : 'AND finding_id = $2'}
        ORDER BY finding_id`,
      findingId === undefined ? [nowMs] : [nowMs, findingId],
    );
  }

  async activeMutes(now: Date): Promise<Map<string, Mute>> {
    return this.run('reading mutes', async () => {
      const ms = now.getTime();
      if (Number.isNaN(ms)) throw new StoreError(this.location, 'reading mutes: `now` is an invalid date');
      return new Map((await this.activeMuteRows(ms)).map((r) => [r.finding_id, readMute(r)]));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // a scan still being written when its store closes can never be committed
    for (const w of [...this.writers]) {
      // if the database is unreachable, the lease runs out and recovery removes the scan
      await w.abort().catch(() => w.forget());
    }
    this.closed = true;
    await this.pool.end();
  }
}

class PostgresScanWriter implements ScanWriter {
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly timer: NodeJS.Timeout;
  private renewing = false;

  constructor(
    private readonly store: PostgresStore,
    private readonly scanId: string,
    private readonly auditKey: string,
    private readonly token: string,
  ) {
    // keeps the lease while the caller collects between batches; never keeps the process alive
    this.timer = setInterval(() => void this.renew(), renewEveryMs(store.leaseMs));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.state !== 'open') return;
    this.renewing = true;
    try {
      const held = await this.store.run(`renewing the lease of scan ${this.scanId}`, () =>
        this.store.tx((c) => renewLease(c, this.store.s, this.scanId, this.token, this.store.leaseMs)),
      );
      // lost: the next write or commit reports it
      if (!held) clearInterval(this.timer);
    } catch {
      // a failed renewal is retried on the next tick; the next write reports a lasting failure
    } finally {
      this.renewing = false;
    }
  }

  private ensureOpen(what: string): void {
    if (this.state !== 'open') {
      throw new StoreError(this.store.location, `${what}: scan ${this.scanId} is already ${this.state}`);
    }
  }

  /** Stops renewing the lease without touching the database (the store is closing). */
  forget(): void {
    clearInterval(this.timer);
    this.store.writerDone(this);
  }

  private finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    clearInterval(this.timer);
    this.store.writerDone(this);
  }

  async addResources(records: ResourceRecord[]): Promise<void> {
    const what = `writing resources of scan ${this.scanId}`;
    this.ensureOpen(what);
    await this.store.run(what, () => this.store.writeResources(this.scanId, this.token, records));
  }

  async addResults(rows: ResultRow[]): Promise<void> {
    const what = `writing results of scan ${this.scanId}`;
    this.ensureOpen(what);
    await this.store.run(what, () => this.store.writeResults(this.scanId, this.token, rows));
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
    await this.store.run(what, () => this.store.commitScan(this.token, summary, lives, events));
    this.finish('committed');
  }

  /** Removes every row of the scan. A no-op once committed or aborted. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    await this.store.run(`aborting scan ${this.scanId}`, () => this.store.abortScan(this.scanId, this.token));
    this.finish('aborted');
  }
}

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { FINDING_STATES, type FindingRecord, type FindingState } from '../core/record.js';
import { isSeverity, SEVERITIES, type Severity, severityRank } from '../core/severity.js';
import type {
  CountRow,
  Dashboard,
  DashboardInput,
  DashboardStore,
  DetectionPage,
  DetectionQuery,
  Facet,
  FindingFilter,
  FindingPage,
  FindingPageQuery,
  FindingSort,
  FindingSummary,
  ResourceQuery,
  ResourceSummary,
  ResourceTypeCount,
  ScanChanges,
  Widget,
} from '../server/dashboard-store.js';
import { messageOf, StoreError } from './errors.js';
import { expandHome } from './paths.js';
import { describeSqliteError, openDatabase } from './sqlite-file.js';

/*
 * The dashboard's reads over the SQLite store (findings, inventory, and the detections table of
 * migration 4), and its saved dashboards (migration 2).
 * It opens its own connection to the store file (WAL lets it read while a scan writes) and
 * only ever writes the dashboards table. Everything a filter or sort uses is bound as a
 * parameter; column and expression names come from the fixed maps below, never from input.
 */

const EFFECTIVE_STATE = "CASE WHEN m.finding_id IS NULL THEN f.state ELSE 'muted' END";
const json = (path: string) => `json_extract(f.record, '$.${path}')`;

const FACET_SQL: Record<Facet, string> = {
  severity: 'f.severity',
  state: EFFECTIVE_STATE,
  cloud: 'f.cloud',
  account: 'f.account',
  service: json('com.service'),
  check: 'f.check_id',
  region: json('com.region'),
};

const SORT_SQL: Record<FindingSort, string> = {
  severity: 'f.severity_rank',
  last_seen: 'f.last_seen_ms',
  first_seen: 'f.first_seen',
  name: 'cw_fold(f.name)',
  check: 'f.check_id',
  state: EFFECTIVE_STATE,
  account: 'f.account',
  cloud: 'f.cloud',
};

const SUMMARY_COLUMNS = `
  f.finding_id, f.audit_key, f.check_id, f.reference, f.name, f.severity, f.cloud, f.account,
  f.first_seen, f.last_seen, ${EFFECTIVE_STATE} AS state,
  ${json('ext.check_title')} AS title, ${json('com.status')} AS status,
  ${json('com.region')} AS region, ${json('com.service')} AS service,
  ${json('com.description')} AS message, ${json('com.origin_type')} AS origin,
  m.owner AS mute_owner, m.reason AS mute_reason, m.expires_at AS mute_expires_at`;

const FROM_FINDINGS = `
  FROM findings f
  LEFT JOIN mutes m ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ?)`;

interface DetectionRow {
  finding_id: string;
  rule_id: string;
  rule_title: string;
  severity: Severity;
  time: string;
  cloud: string;
  account: string;
  region: string;
  actor: string | null;
  source_ip: string | null;
  action: string | null;
  record: string;
  muted: string | null;
}

interface SummaryRow {
  finding_id: string;
  audit_key: string;
  check_id: string;
  reference: string;
  name: string;
  severity: Severity;
  cloud: string;
  account: string;
  first_seen: string;
  last_seen: string;
  state: FindingState;
  title: string | null;
  status: string | null;
  region: string | null;
  service: string | null;
  message: string | null;
  origin: string | null;
  mute_owner: string | null;
  mute_reason: string | null;
  mute_expires_at: string | null;
}

function summaryOf(r: SummaryRow): FindingSummary {
  return {
    finding_id: r.finding_id,
    audit_key: r.audit_key,
    check_id: r.check_id,
    title: r.title ?? r.check_id,
    severity: r.severity,
    state: r.state,
    status: r.status ?? 'fail',
    cloud: r.cloud,
    account: r.account,
    region: r.region ?? '',
    service: r.service ?? '',
    name: r.name,
    reference: r.reference,
    message: r.message ?? '',
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    origin: r.origin ?? 'check',
    muted:
      r.mute_owner === null
        ? null
        : { owner: r.mute_owner, reason: r.mute_reason ?? '', expires_at: r.mute_expires_at },
  };
}

/** WHERE clauses and their parameters (after the `now` of the mutes join). */
function filterSql(location: string, f: FindingFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const eq = (expr: string, v: string | undefined) => {
    if (v === undefined || v === '') return;
    clauses.push(`${expr} = ?`);
    params.push(v);
  };
  eq('f.audit_key', f.audit_key);
  eq('f.cloud', f.cloud);
  eq('f.account', f.account);
  eq('f.check_id', f.check_id);
  eq('f.reference', f.reference);
  eq(json('com.service'), f.service);
  eq(json('com.region'), f.region);
  if (f.origin !== undefined) {
    if (f.origin === 'check') clauses.push(`COALESCE(${json('com.origin_type')}, 'check') = 'check'`);
    else eq(json('com.origin_type'), f.origin);
  }
  if (f.states && f.states.length > 0) {
    for (const s of f.states) {
      if (!(FINDING_STATES as readonly string[]).includes(s))
        throw new StoreError(
          location,
          `findings query: unknown state "${s}" (expected ${FINDING_STATES.join(', ')})`,
        );
    }
    clauses.push(`${EFFECTIVE_STATE} IN (${f.states.map(() => '?').join(', ')})`);
    params.push(...f.states);
  }
  if (f.severities && f.severities.length > 0) {
    for (const s of f.severities) {
      if (!isSeverity(s))
        throw new StoreError(
          location,
          `findings query: unknown severity "${s}" (expected ${SEVERITIES.join(', ')})`,
        );
    }
    clauses.push(`f.severity_rank IN (${f.severities.map(() => '?').join(', ')})`);
    params.push(...f.severities.map(severityRank));
  }
  if (f.search !== undefined && f.search !== '') {
    // one JSON parse and one case fold per row: the text searched, joined by a separator
    clauses.push(
      `instr(cw_fold(f.name || char(31) || f.reference || char(31) || f.check_id || char(31) ||
                     json_extract(f.record, '$.ext.check_title', '$.com.description')), ?) > 0`,
    );
    params.push(f.search.toLowerCase());
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function page(location: string, what: string, limit: number, offset: number): [number, number] {
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000)
    throw new StoreError(location, `${what}: limit must be a whole number from 0 to 10000`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new StoreError(location, `${what}: offset must be a whole number >= 0`);
  return [limit, offset];
}

interface DashboardRow {
  id: string;
  name: string;
  description: string;
  widgets: string;
  created_at: string;
  updated_at: string;
}

function readDashboard(location: string, row: DashboardRow): Dashboard {
  let widgets: unknown;
  try {
    widgets = JSON.parse(row.widgets);
  } catch (err) {
    throw new StoreError(location, `dashboard ${row.id}: damaged widgets JSON (${messageOf(err)})`);
  }
  if (!Array.isArray(widgets)) throw new StoreError(location, `dashboard ${row.id}: widgets is not a list`);
  return { ...row, widgets: widgets as Widget[] };
}

/** Opens the dashboard's view of the SQLite store at `path` (migrating it like openSqliteStore). */
export function openSqliteDashboardStore(path: string): DashboardStore {
  if (path.trim() === '') throw new StoreError('(no path)', 'the SQLite store path is empty');
  const location = path === ':memory:' ? path : resolve(expandHome(path));
  const db = openDatabase(location);
  db.function('cw_fold', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? s.toLowerCase() : s,
  );
  return new SqliteDashboardStore(db, location);
}

class SqliteDashboardStore implements DashboardStore {
  private closed = false;
  constructor(
    private readonly db: Database.Database,
    private readonly location: string,
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

  async findingsPage(q: FindingPageQuery): Promise<FindingPage> {
    return this.run('querying findings', () => {
      const [limit, offset] = page(this.location, 'findings query', q.limit, q.offset);
      const { where, params } = filterSql(this.location, q);
      const now = Date.now();
      const total = this.db
        .prepare(`SELECT COUNT(*) ${FROM_FINDINGS} ${where}`)
        .pluck()
        .get(now, ...params) as number;
      const sort = SORT_SQL[q.sort ?? 'severity'];
      if (sort === undefined) throw new StoreError(this.location, `findings query: unknown sort "${q.sort}"`);
      const dir = q.order === 'asc' ? 'ASC' : 'DESC';
      // sort and page on row ids first, so the JSON of only one page's rows is read
      const ids = this.db
        .prepare(
          `SELECT f.rowid ${FROM_FINDINGS} ${where}
            ORDER BY ${sort} ${dir}, f.severity_rank DESC, f.last_seen_ms DESC, f.finding_id, f.audit_key
            LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(now, ...params, limit, offset) as number[];
      if (ids.length === 0) return { total, items: [] };
      const rows = this.db
        .prepare(
          `SELECT f.rowid AS rid, ${SUMMARY_COLUMNS} ${FROM_FINDINGS} WHERE f.rowid IN (${ids.map(() => '?').join(', ')})`,
        )
        .all(now, ...ids) as (SummaryRow & { rid: number })[];
      const byId = new Map(rows.map((r) => [r.rid, r]));
      return { total, items: ids.flatMap((id) => (byId.has(id) ? [summaryOf(byId.get(id)!)] : [])) };
    });
  }

  async findingCounts(f: FindingFilter, by: Facet, limit = 50): Promise<CountRow[]> {
    return this.run(`counting findings by ${by}`, () => {
      const expr = FACET_SQL[by];
      if (expr === undefined) throw new StoreError(this.location, `counting findings: unknown facet "${by}"`);
      const [n] = page(this.location, 'counting findings', limit, 0);
      const { where, params } = filterSql(this.location, f);
      return this.db
        .prepare(
          `SELECT COALESCE(${expr}, '') AS key, COUNT(*) AS count ${FROM_FINDINGS} ${where}
            GROUP BY 1 ORDER BY count DESC, key LIMIT ?`,
        )
        .all(Date.now(), ...params, n) as CountRow[];
    });
  }

  async findingFacets(
    f: FindingFilter,
    by: readonly Facet[],
    limit = 50,
  ): Promise<Record<Facet, CountRow[]>> {
    return this.run(`counting findings by ${by.join(', ')}`, () => {
      const [n] = page(this.location, 'counting findings', limit, 0);
      for (const b of by) {
        if (FACET_SQL[b] === undefined)
          throw new StoreError(this.location, `counting findings: unknown facet "${b}"`);
      }
      const { where, params } = filterSql(this.location, f);
      // one pass: the facets read from the JSON record come from a single json_extract per row
      const rows = this.db
        .prepare(
          `SELECT f.severity, f.cloud, f.account, f.check_id, ${EFFECTIVE_STATE} AS state,
                  json_extract(f.record, '$.com.service', '$.com.region') AS sr
             ${FROM_FINDINGS} ${where}`,
        )
        .raw()
        .all(Date.now(), ...params) as [string, string, string, string, string, string | null][];
      const counts = new Map<Facet, Map<string, number>>(by.map((b) => [b, new Map()]));
      const bump = (facet: Facet, key: string) => {
        const m = counts.get(facet);
        if (m) m.set(key, (m.get(key) ?? 0) + 1);
      };
      const needJson = by.includes('service') || by.includes('region');
      for (const [severity, cloud, account, check, state, sr] of rows) {
        bump('severity', severity);
        bump('cloud', cloud);
        bump('account', account);
        bump('check', check);
        bump('state', state);
        if (needJson) {
          const [service, region] = parseStringPair(sr);
          bump('service', service);
          bump('region', region);
        }
      }
      const out = {} as Record<Facet, CountRow[]>;
      for (const [facet, m] of counts) {
        out[facet] = [...m]
          .map(([key, count]) => ({ key, count }))
          .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .slice(0, n);
      }
      return out;
    });
  }

  async scanChanges(scanId: string, limit: number): Promise<ScanChanges> {
    return this.run(`reading the changes of scan ${scanId}`, () => {
      const [n] = page(this.location, 'scan changes', limit, 0);
      const counts: Partial<Record<FindingState, number>> = {};
      const byState = this.db
        .prepare('SELECT state, COUNT(*) AS count FROM finding_events WHERE scan_id = ? GROUP BY state')
        .all(scanId) as { state: FindingState; count: number }[];
      for (const r of byState) counts[r.state] = r.count;
      // pick the page on keys first, then read the JSON of only those findings
      const picked = this.db
        .prepare(
          `SELECT e.id AS event_id, f.rowid AS rid
             FROM finding_events e
             JOIN findings f ON f.finding_id = e.finding_id AND f.audit_key = e.audit_key
            WHERE e.scan_id = ? AND e.state <> 'open'
            ORDER BY f.severity_rank DESC, e.id
            LIMIT ?`,
        )
        .all(scanId, n) as { event_id: number; rid: number }[];
      if (picked.length === 0) return { counts, items: [] };
      const rows = this.db
        .prepare(
          `SELECT e.id AS event_id, e.state AS event_state, ${SUMMARY_COLUMNS}
             FROM finding_events e
             JOIN findings f ON f.finding_id = e.finding_id AND f.audit_key = e.audit_key
             LEFT JOIN mutes m ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ?)
            WHERE e.id IN (${picked.map(() => '?').join(', ')})`,
        )
        .all(Date.now(), ...picked.map((p) => p.event_id)) as (SummaryRow & {
        event_id: number;
        event_state: FindingState;
      })[];
      const byEvent = new Map(rows.map((r) => [r.event_id, r]));
      const ordered = picked.flatMap((p) => (byEvent.has(p.event_id) ? [byEvent.get(p.event_id)!] : []));
      return { counts, items: ordered.map((r) => ({ state: r.event_state, finding: summaryOf(r) })) };
    });
  }

  async resourceTypes(scanId: string): Promise<ResourceTypeCount[]> {
    return this.run(`counting resources of scan ${scanId}`, () =>
      this.db
        .prepare(
          `SELECT ext_record_type AS type, com_record_type AS common_type, cloud, COUNT(*) AS count
             FROM resources WHERE scan_id = ? GROUP BY 1, 2, 3 ORDER BY count DESC, type`,
        )
        .all(scanId),
    ) as ResourceTypeCount[];
  }

  async resourceCounts(scanId: string, by: 'type' | 'cloud' | 'account' | 'region'): Promise<CountRow[]> {
    const column = { type: 'ext_record_type', cloud: 'cloud', account: 'account', region: 'region' }[by];
    if (column === undefined)
      throw new StoreError(this.location, `counting resources: unknown grouping "${by}"`);
    return this.run(`counting resources of scan ${scanId}`, () =>
      this.db
        .prepare(
          `SELECT ${column} AS key, COUNT(*) AS count FROM resources WHERE scan_id = ?
            GROUP BY 1 ORDER BY count DESC, key`,
        )
        .all(scanId),
    ) as CountRow[];
  }

  async resourcesPage(q: ResourceQuery): Promise<{ total: number; items: ResourceSummary[] }> {
    return this.run(`listing resources of scan ${q.scan_id}`, () => {
      const [limit, offset] = page(this.location, 'resource query', q.limit, q.offset);
      const clauses = ['scan_id = ?'];
      const params: string[] = [q.scan_id];
      if (q.type) {
        clauses.push('(ext_record_type = ? OR com_record_type = ?)');
        params.push(q.type, q.type);
      }
      if (q.search) {
        clauses.push('(instr(cw_fold(name), ?) > 0 OR instr(cw_fold(reference), ?) > 0)');
        params.push(q.search.toLowerCase(), q.search.toLowerCase());
      }
      const where = clauses.join(' AND ');
      const total = this.db
        .prepare(`SELECT COUNT(*) FROM resources WHERE ${where}`)
        .pluck()
        .get(...params) as number;
      const rows = this.db
        .prepare(
          `SELECT reference, name, ext_record_type AS type, com_record_type AS common_type, cloud, account, region,
                  json_extract(record, '$.com.tags') AS tags
             FROM resources WHERE ${where}
            ORDER BY ext_record_type, cw_fold(name), reference LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as (Omit<ResourceSummary, 'tags'> & { tags: string | null })[];
      return { total, items: rows.map((r) => ({ ...r, tags: parseTags(r.tags) })) };
    });
  }

  async detections(q: DetectionQuery): Promise<DetectionPage> {
    return this.run('querying detections', () => {
      const [limit, offset] = page(this.location, 'detection query', q.limit, q.offset);
      const clauses: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, v: string | number | undefined) => {
        if (v === undefined || v === '') return;
        clauses.push(sql);
        params.push(v);
      };
      add('d.time_ms >= ?', q.from === undefined ? undefined : Date.parse(q.from));
      add('d.time_ms < ?', q.to === undefined ? undefined : Date.parse(q.to));
      add('d.actor = ?', q.actor);
      add('d.source_ip = ?', q.source_ip);
      if (q.search) {
        const cols = ['d.rule_title', 'd.rule_id', 'd.actor', 'd.action', 'd.source_ip'];
        clauses.push(`(${cols.map((c) => `instr(cw_fold(${c}), ?) > 0`).join(' OR ')})`);
        params.push(...cols.map(() => q.search!.toLowerCase()));
      }
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const now = Date.now();
      const from = `FROM detections d
        LEFT JOIN mutes m ON m.finding_id = d.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ?)`;
      const total = this.db
        .prepare(`SELECT COUNT(*) ${from} ${where}`)
        .pluck()
        .get(now, ...params) as number;
      const rows = this.db
        .prepare(
          `SELECT d.finding_id, d.rule_id, d.rule_title, d.severity, d.time, d.cloud, d.account, d.region,
                  d.actor, d.source_ip, d.action, d.record, m.finding_id AS muted
             ${from} ${where}
            ORDER BY d.time_ms DESC, d.finding_id LIMIT ? OFFSET ?`,
        )
        .all(now, ...params, limit, offset) as DetectionRow[];
      return {
        total,
        items: rows.map((r) => {
          const record = parseRecord(this.location, r.finding_id, r.record);
          return {
            finding_id: r.finding_id,
            time: r.time,
            actor: r.actor,
            source_ip: r.source_ip,
            action: r.action,
            title: r.rule_title,
            rule: r.rule_id,
            severity: r.severity,
            state: r.muted === null ? 'open' : 'muted',
            cloud: r.cloud,
            account: r.account,
            region: r.region,
            message: typeof record.com?.description === 'string' ? record.com.description : '',
            record,
          };
        }),
      };
    });
  }

  async listDashboards(): Promise<Dashboard[]> {
    return this.run('listing dashboards', () =>
      (this.db.prepare('SELECT * FROM dashboards ORDER BY cw_fold(name), id').all() as DashboardRow[]).map(
        (r) => readDashboard(this.location, r),
      ),
    );
  }

  async getDashboard(id: string): Promise<Dashboard | null> {
    return this.run(`reading dashboard ${id}`, () => {
      const row = this.db.prepare('SELECT * FROM dashboards WHERE id = ?').get(id) as
        | DashboardRow
        | undefined;
      return row ? readDashboard(this.location, row) : null;
    });
  }

  async createDashboard(d: DashboardInput): Promise<Dashboard> {
    return this.run('saving a dashboard', () => {
      const now = new Date().toISOString();
      const dash: Dashboard = { id: randomUUID(), ...d, created_at: now, updated_at: now };
      this.db
        .prepare(
          `INSERT INTO dashboards (id, name, description, widgets, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(dash.id, dash.name, dash.description, JSON.stringify(dash.widgets), now, now);
      return dash;
    });
  }

  async updateDashboard(id: string, d: DashboardInput): Promise<Dashboard | null> {
    return this.run(`saving dashboard ${id}`, () => {
      const now = new Date().toISOString();
      const changed = this.db
        .prepare('UPDATE dashboards SET name = ?, description = ?, widgets = ?, updated_at = ? WHERE id = ?')
        .run(d.name, d.description, JSON.stringify(d.widgets), now, id).changes;
      if (changed === 0) return null;
      const row = this.db.prepare('SELECT * FROM dashboards WHERE id = ?').get(id) as DashboardRow;
      return readDashboard(this.location, row);
    });
  }

  async deleteDashboard(id: string): Promise<boolean> {
    return this.run(
      `deleting dashboard ${id}`,
      () => this.db.prepare('DELETE FROM dashboards WHERE id = ?').run(id).changes > 0,
    );
  }

  dataVersion(): number {
    return this.run(
      'reading the data version',
      () => this.db.pragma('data_version', { simple: true }) as number,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** The ["a","b"] of a two-path json_extract; missing values are ''. */
function parseStringPair(text: string | null): [string, string] {
  if (text === null) return ['', ''];
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return ['', ''];
    return [typeof v[0] === 'string' ? v[0] : '', typeof v[1] === 'string' ? v[1] : ''];
  } catch {
    return ['', ''];
  }
}

function parseTags(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : JSON.stringify(x);
    return out;
  } catch {
    return {};
  }
}

function parseRecord(location: string, id: string, text: string): FindingRecord {
  try {
    return JSON.parse(text) as FindingRecord;
  } catch (err) {
    throw new StoreError(location, `finding ${id}: damaged JSON (${messageOf(err)})`);
  }
}

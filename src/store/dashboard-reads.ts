import type { FindingState } from '../core/record.js';
import { SEVERITIES, type Severity, severityRank } from '../core/severity.js';
import {
  COUNTED,
  checkFacets,
  checkPage,
  countable,
  type Dialect,
  FACET_SQL,
  filterClauses,
  fromFindings,
  orderBy,
  Query,
  SUMMARY_COLUMNS,
  scopedResources,
  where,
} from './dashboard-sql.js';
import type {
  AccountSeverityCount,
  CountRow,
  DetectionPage,
  DetectionPageQuery,
  Facet,
  FindingFilter,
  FindingPage,
  FindingPageQuery,
  ResourceQuery,
  ResourceSummary,
  ResourceTypeCount,
  ScanChanges,
  ScanScope,
} from './dashboard-store.js';
import { parseDetection } from './detections.js';
import { StoreError } from './errors.js';

/*
 * The dashboard's reads of findings and inventory, the same on SQLite and PostgreSQL: each
 * store gives an executor, its table prefix and its substring search.
 */

export type Row = Record<string, unknown>;

export interface DashboardDb {
  dialect: Dialect;
  location: string;
  /** '' on SQLite, '"schema".' on PostgreSQL */
  prefix: string;
  all<R = Row>(sql: string, q: Query): Promise<R[]>;
  /** a condition: f's searchable text contains `needle`, case folded */
  search(q: Query, needle: string): string;
  /** a condition: text `expr` contains `needle`, case folded */
  contains(q: Query, expr: string, needle: string): string;
}

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

interface SummaryRow extends Row {
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

function summaryOf(r: SummaryRow) {
  return {
    finding_id: r.finding_id,
    audit_key: r.audit_key,
    check_id: r.check_id,
    title: r.title || r.check_id,
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

interface EventRow extends Row {
  id: number | string;
  finding_id: string;
  audit_key: string;
  state: FindingState;
  severity_rank: number;
}

const keyOf = (r: { audit_key: string; finding_id: string }) => `${r.audit_key}\u0000${r.finding_id}`;

const LIFE_STATES: FindingState[] = ['new', 'open', 'regressed', 'resolved'];
const SEVERITY_OF_RANK = new Map<number, Severity>(SEVERITIES.map((s) => [severityRank(s), s]));

/** Count rows most first, then by key (the order of a facet). */
function ranked(counts: Map<string, number>, limit: number): CountRow[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

export class DashboardReads {
  constructor(private readonly db: DashboardDb) {}

  private q(): Query {
    return new Query(this.db.dialect);
  }

  private filter(q: Query, f: FindingFilter, noMutes = false): string {
    return where(
      filterClauses(q, this.db.location, f, (needle) => this.db.search(q, needle), {
        prefix: this.db.prefix,
        nowMs: Date.now(),
        noMutes,
      }),
    );
  }

  /** True when no mute is in force at `now` (the common case): state filters need no mute test. */
  private async noMutes(now: number): Promise<boolean> {
    const q = this.q();
    const [row] = await this.db.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${this.db.prefix}mutes WHERE expires_ms IS NULL OR expires_ms > ${q.p(now, 'bigint')}`,
      q,
    );
    return Number(row?.n ?? 0) === 0;
  }

  async findingsPage(p: FindingPageQuery): Promise<FindingPage> {
    checkPage(this.db.location, 'findings query', p.limit, p.offset);
    const now = Date.now();
    const order = orderBy(this.db.location, p.sort, p.order);
    // the page is picked on the covering index first, so only its rows are read whole
    const noMutes = await this.noMutes(now);
    const k = this.q();
    // the mutes are joined only to sort by the state they give
    const from =
      p.sort === 'state' ? fromFindings(k, this.db.prefix, now) : `FROM ${this.db.prefix}findings f`;
    const keysSql = `SELECT f.audit_key, f.finding_id ${from} ${this.filter(k, p, noMutes)}
      ORDER BY ${order} LIMIT ${k.p(p.limit, 'bigint')} OFFSET ${k.p(p.offset, 'bigint')}`;
    const [total, keys] = await Promise.all([
      this.total(p, now, noMutes),
      this.db.all<{ audit_key: string; finding_id: string }>(keysSql, k),
    ]);
    if (keys.length === 0) return { total, items: [] };
    const r = this.q();
    const pairs = keys.map((x) => `(${r.p(x.audit_key)}, ${r.p(x.finding_id)})`).join(', ');
    const rows = await this.db.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${fromFindings(r, this.db.prefix, now)}
        WHERE (f.audit_key, f.finding_id) IN (VALUES ${pairs})`,
      r,
    );
    const byKey = new Map(rows.map((x) => [keyOf(x), x]));
    return {
      total,
      items: keys.flatMap((x) => {
        const row = byKey.get(keyOf(x));
        return row ? [summaryOf(row)] : [];
      }),
    };
  }

  /** How many findings match: from finding_counts when the filter allows, else by reading them. */
  private async total(f: FindingFilter, now: number, noMutes: boolean): Promise<number> {
    if (countable(f)) {
      let n = 0;
      for (const v of (await this.counted(f, null, now)).values()) n += v;
      return n;
    }
    const c = this.q();
    const [count] = await this.db.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${this.db.prefix}findings f ${this.filter(c, f, noMutes)}`,
      c,
    );
    return Number(count?.n ?? 0);
  }

  /**
   * Counts by a facet kept in finding_counts (or in all, for null), for a countable filter. The
   * table counts lives by their own state; findings under a mute in force are then moved to
   * "muted", read from the few muted findings themselves.
   */
  private async counted(f: FindingFilter, by: Facet | null, now: number): Promise<Map<string, number>> {
    const column = by === null ? null : COUNTED[by];
    if (by !== null && column === undefined) throw new Error(`finding_counts has no ${by}`);
    const keyOf = (v: unknown) =>
      by === 'severity' ? (SEVERITY_OF_RANK.get(Number(v)) ?? String(v)) : v === null ? '' : String(v);
    const counts = new Map<string, number>();
    const groups = await this.countedGroups(f, column === null || column === undefined ? [] : [column], now);
    for (const g of groups.values()) {
      const key = g.keys.length === 0 ? '' : keyOf(g.keys[0]);
      counts.set(key, (counts.get(key) ?? 0) + g.lives);
      if (g.muted > 0) {
        const as = by === 'state' ? 'muted' : key;
        counts.set(as, (counts.get(as) ?? 0) + g.muted);
      }
    }
    return counts;
  }

  /**
   * Sums of finding_counts grouped by `columns` for a countable filter: the lives in the states
   * asked, less those under a mute in force, and (when the filter asks for them) the muted ones.
   */
  private async countedGroups(
    f: FindingFilter,
    columns: readonly string[],
    now: number,
  ): Promise<Map<string, { keys: unknown[]; lives: number; muted: number }>> {
    const lifeStates = f.states && f.states.length > 0 ? f.states.filter((s) => s !== 'muted') : LIFE_STATES;
    const wantMuted = !f.states || f.states.length === 0 || f.states.includes('muted');
    const rest: FindingFilter = { ...f };
    delete rest.states;
    const select = (alias: string) =>
      columns.length === 0 ? "'' AS k0" : columns.map((c, i) => `${alias}.${c} AS k${i}`).join(', ');
    const groupBy = columns.length === 0 ? '1' : columns.map((_, i) => String(i + 1)).join(', ');
    const keysOf = (r: Record<string, unknown>) =>
      columns.length === 0 ? [] : columns.map((_, i) => r[`k${i}`]);
    const groups = new Map<string, { keys: unknown[]; lives: number; muted: number }>();
    const group = (keys: unknown[]) => {
      const id = JSON.stringify(keys);
      let g = groups.get(id);
      if (!g) {
        g = { keys, lives: 0, muted: 0 };
        groups.set(id, g);
      }
      return g;
    };
    const q = this.q();
    const clauses = filterClauses(q, this.db.location, rest, () => 'FALSE', { alias: 'c' });
    clauses.push(q.in('c.state', lifeStates));
    const rows = await this.db.all<Record<string, unknown> & { n: number | string }>(
      `SELECT ${select('c')}, SUM(c.n) AS n
         FROM ${this.db.prefix}finding_counts c ${where(clauses)} GROUP BY ${groupBy}`,
      q,
    );
    for (const r of rows) group(keysOf(r)).lives += Number(r.n);
    // the findings under a mute in force: none, most of the time
    const iq = this.q();
    const ids = (
      await this.db.all<{ finding_id: string }>(
        `SELECT finding_id FROM ${this.db.prefix}mutes
          WHERE expires_ms IS NULL OR expires_ms > ${iq.p(now, 'bigint')}`,
        iq,
      )
    ).map((r) => r.finding_id);
    if (ids.length === 0) return groups;
    const m = this.q();
    const filter = filterClauses(m, this.db.location, rest, () => 'FALSE');
    // the mutes drive: on SQLite a CROSS JOIN keeps the order (their ids as parameters could
    // pass its limit); PostgreSQL matches the ids on the findings' key, where a join planned
    // before a bulk write's statistics exist may read every finding once per mute
    const muted = await this.db.all<Record<string, unknown> & { state: FindingState }>(
      this.db.dialect === 'postgres'
        ? `SELECT f.state, ${select('f')} FROM ${this.db.prefix}findings f
            ${where([m.in('f.finding_id', ids), ...filter])}`
        : `SELECT f.state, ${select('f')}
             FROM ${this.db.prefix}mutes mu CROSS JOIN ${this.db.prefix}findings f
            ${where([
              'f.finding_id = mu.finding_id',
              `(mu.expires_ms IS NULL OR mu.expires_ms > ${m.p(now, 'bigint')})`,
              ...filter,
            ])}`,
      m,
    );
    for (const r of muted) {
      const g = group(keysOf(r));
      if (lifeStates.includes(r.state)) g.lives -= 1;
      if (wantMuted) g.muted += 1;
    }
    return groups;
  }

  /**
   * Findings matching `f` by cloud, account and severity: one grouped read of finding_counts (and
   * one of the mutes in force) for a countable filter, else one GROUP BY over the findings.
   */
  async accountSeverityCounts(f: FindingFilter): Promise<AccountSeverityCount[]> {
    const now = Date.now();
    const out: AccountSeverityCount[] = [];
    const push = (cloud: unknown, account: unknown, rank: unknown, count: number) => {
      const severity = SEVERITY_OF_RANK.get(Number(rank));
      if (count > 0 && severity !== undefined)
        out.push({ cloud: String(cloud), account: String(account), severity, count });
    };
    if (countable(f)) {
      for (const g of (await this.countedGroups(f, ['cloud', 'account', 'severity_rank'], now)).values()) {
        const [cloud, account, rank] = g.keys;
        push(cloud, account, rank, g.lives + g.muted);
      }
      return out;
    }
    const q = this.q();
    const rows = await this.db.all<{
      cloud: string;
      account: string;
      rank: number | string;
      n: number | string;
    }>(
      `SELECT f.cloud AS cloud, f.account AS account, f.severity_rank AS rank, COUNT(*) AS n
         ${fromFindings(q, this.db.prefix, now)} ${this.filter(q, f)} GROUP BY 1, 2, 3`,
      q,
    );
    for (const r of rows) push(r.cloud, r.account, r.rank, Number(r.n));
    return out;
  }

  async findingCounts(f: FindingFilter, by: Facet, limit = 50): Promise<CountRow[]> {
    checkFacets(this.db.location, [by]);
    checkPage(this.db.location, 'counting findings', limit, 0);
    return this.facet(f, by, limit);
  }

  private async facet(f: FindingFilter, by: Facet, limit: number): Promise<CountRow[]> {
    if (countable(f) && COUNTED[by] !== undefined)
      return ranked(await this.counted(f, by, Date.now()), limit);
    const q = this.q();
    const rows = await this.db.all<{ key: string; count: number | string }>(
      `SELECT COALESCE(${FACET_SQL[by]}, '') AS key, COUNT(*) AS count
         ${fromFindings(q, this.db.prefix, Date.now())} ${this.filter(q, f)}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${q.p(limit, 'bigint')}`,
      q,
    );
    return ranked(new Map(rows.map((r) => [String(r.key), Number(r.count)])), limit);
  }

  /** Per facet: sums of finding_counts, or a GROUP BY over the covering index (no record is parsed). */
  async findingFacets(
    f: FindingFilter,
    by: readonly Facet[],
    limit = 50,
  ): Promise<Record<Facet, CountRow[]>> {
    checkFacets(this.db.location, by);
    checkPage(this.db.location, 'counting findings', limit, 0);
    const out = {} as Record<Facet, CountRow[]>;
    const answers = await Promise.all(by.map((b) => this.facet(f, b, limit)));
    by.forEach((b, i) => {
      out[b] = answers[i] ?? [];
    });
    return out;
  }

  async scanChanges(scope: ScanScope, limit: number): Promise<ScanChanges> {
    checkPage(this.db.location, 'scan changes', limit, 0);
    const [base, ...later] = scope;
    const counts: Partial<Record<FindingState, number>> = {};
    if (base === undefined) return { counts, items: [] };
    const s = this.db.prefix;
    const cq = this.q();
    for (const r of await this.db.all<{ state: FindingState; n: number | string }>(
      `SELECT state, COUNT(*) AS n FROM ${s}finding_events WHERE scan_id = ${cq.p(base)} GROUP BY state`,
      cq,
    )) {
      counts[r.state] = Number(r.n);
    }

    // the re-checks' events: each finding they touched counts once, in its last state
    const latest = new Map<string, EventRow>();
    if (later.length > 0) {
      const lq = this.q();
      const events = await this.db.all<EventRow>(
        `SELECT id, finding_id, audit_key, state, severity_rank FROM ${s}finding_events
          WHERE ${lq.in('scan_id', later)} ORDER BY id`,
        lq,
      );
      for (const e of events) latest.set(keyOf(e), e);
      const ids = [...new Set([...latest.values()].map((e) => e.finding_id))];
      const bq = this.q();
      const before = await this.db.all<EventRow>(
        `SELECT id, finding_id, audit_key, state, severity_rank FROM ${s}finding_events
          WHERE scan_id = ${bq.p(base)} AND ${bq.in('finding_id', ids)}`,
        bq,
      );
      for (const e of before) {
        if (!latest.has(keyOf(e))) continue;
        counts[e.state] = Math.max(0, (counts[e.state] ?? 0) - 1);
      }
      for (const e of latest.values()) counts[e.state] = (counts[e.state] ?? 0) + 1;
      for (const k of Object.keys(counts) as FindingState[]) if (counts[k] === 0) delete counts[k];
    }

    // the most severe changes: the base scan's (read in index order) and the re-checks' last ones
    const tq = this.q();
    const top = await this.db.all<EventRow>(
      `SELECT id, finding_id, audit_key, state, severity_rank FROM ${s}finding_events
        WHERE scan_id = ${tq.p(base)} AND state <> 'open'
        ORDER BY severity_rank DESC, id LIMIT ${tq.p(limit + latest.size, 'bigint')}`,
      tq,
    );
    const picked = [
      ...top.filter((e) => !latest.has(keyOf(e))),
      ...[...latest.values()].filter((e) => e.state !== 'open'),
    ]
      .sort((a, b) => b.severity_rank - a.severity_rank || Number(a.id) - Number(b.id))
      .slice(0, limit);
    if (picked.length === 0) return { counts, items: [] };
    const rq = this.q();
    const rows = await this.db.all<SummaryRow & { event_id: number | string; event_state: FindingState }>(
      `SELECT e.id AS event_id, e.state AS event_state, ${SUMMARY_COLUMNS}
         FROM ${s}finding_events e
         JOIN ${s}findings f ON f.finding_id = e.finding_id AND f.audit_key = e.audit_key
         LEFT JOIN ${s}mutes m
           ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ${rq.p(Date.now(), 'bigint')})
        WHERE ${rq.in(
          'e.id',
          picked.map((p) => Number(p.id)),
          'bigint[]',
        )}`,
      rq,
    );
    const byEvent = new Map(rows.map((r) => [Number(r.event_id), r]));
    const items = picked.flatMap((p) => {
      const r = byEvent.get(Number(p.id));
      return r ? [{ state: r.event_state, finding: summaryOf(r) }] : [];
    });
    return { counts, items };
  }

  async resourceTypes(scope: ScanScope): Promise<ResourceTypeCount[]> {
    const q = this.q();
    const rows = await this.db.all<ResourceTypeCount & { count: number | string }>(
      `SELECT r.ext_record_type AS type, r.com_record_type AS common_type, r.cloud, COUNT(*) AS count
         FROM ${scopedResources(q, this.db.prefix, scope)}
        GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1`,
      q,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  async resourceCounts(scope: ScanScope, by: 'type' | 'cloud' | 'account' | 'region'): Promise<CountRow[]> {
    const column = { type: 'ext_record_type', cloud: 'cloud', account: 'account', region: 'region' }[by];
    if (column === undefined)
      throw new StoreError(this.db.location, `counting resources: unknown grouping "${by}"`);
    const q = this.q();
    const rows = await this.db.all<{ key: string; count: number | string }>(
      `SELECT r.${column} AS key, COUNT(*) AS count FROM ${scopedResources(q, this.db.prefix, scope)}
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      q,
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  }

  /** A page of the stored detections, newest event first, each with its mute state now. */
  async detectionsPage(p: DetectionPageQuery): Promise<DetectionPage> {
    checkPage(this.db.location, 'detection query', p.limit, p.offset);
    const build = (q: Query) => {
      const clauses: string[] = [];
      if (p.from !== undefined) clauses.push(`d.time_ms >= ${q.p(Date.parse(p.from), 'bigint')}`);
      if (p.to !== undefined) clauses.push(`d.time_ms < ${q.p(Date.parse(p.to), 'bigint')}`);
      if (p.actor) clauses.push(`d.actor = ${q.p(p.actor)}`);
      if (p.source_ip) clauses.push(`d.source_ip = ${q.p(p.source_ip)}`);
      if (p.search) {
        const cols = ['d.rule_title', 'd.rule_id', 'd.actor', 'd.action', 'd.source_ip'];
        clauses.push(`(${cols.map((c) => this.db.contains(q, c, p.search!)).join(' OR ')})`);
      }
      return `FROM ${this.db.prefix}detections d
        LEFT JOIN ${this.db.prefix}mutes m
          ON m.finding_id = d.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ${q.p(Date.now(), 'bigint')})
        ${where(clauses)}`;
    };
    const c = this.q();
    const countSql = `SELECT COUNT(*) AS n ${build(c)}`;
    const q = this.q();
    const rowsSql = `SELECT d.finding_id, d.rule_id, d.rule_title, d.severity, d.time, d.cloud, d.account,
             d.region, d.actor, d.source_ip, d.action, d.record, m.finding_id AS muted
        ${build(q)}
       ORDER BY d.time_ms DESC, d.finding_id
       LIMIT ${q.p(p.limit, 'bigint')} OFFSET ${q.p(p.offset, 'bigint')}`;
    const [[count], rows] = await Promise.all([
      this.db.all<{ n: number | string }>(countSql, c),
      this.db.all<DetectionRow>(rowsSql, q),
    ]);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => {
        const record = parseDetection(this.db.location, r.finding_id, r.record);
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
  }

  async resourcesPage(p: ResourceQuery): Promise<{ total: number; items: ResourceSummary[] }> {
    checkPage(this.db.location, 'resource query', p.limit, p.offset);
    const build = (q: Query) => {
      const from = scopedResources(q, this.db.prefix, p.scope);
      const clauses: string[] = [];
      if (p.type) clauses.push(`(r.ext_record_type = ${q.p(p.type)} OR r.com_record_type = ${q.p(p.type)})`);
      if (p.search) {
        clauses.push(
          `(${this.db.contains(q, 'r.name', p.search)} OR ${this.db.contains(q, 'r.reference', p.search)})`,
        );
      }
      return `FROM ${from} ${where(clauses)}`;
    };
    const c = this.q();
    const countSql = `SELECT COUNT(*) AS n ${build(c)}`;
    const q = this.q();
    const tags =
      this.db.dialect === 'sqlite' ? "json_extract(r.record, '$.com.tags')" : "r.record->'com'->'tags'";
    const rowsSql = `SELECT r.reference, r.name, r.ext_record_type AS type, r.com_record_type AS common_type,
             r.cloud, r.account, r.region, ${tags} AS tags
        ${build(q)}
       ORDER BY r.ext_record_type, lower(r.name), r.reference
       LIMIT ${q.p(p.limit, 'bigint')} OFFSET ${q.p(p.offset, 'bigint')}`;
    const [[count], rows] = await Promise.all([
      this.db.all<{ n: number | string }>(countSql, c),
      this.db.all<Omit<ResourceSummary, 'tags'> & { tags: unknown }>(rowsSql, q),
    ]);
    return { total: Number(count?.n ?? 0), items: rows.map((r) => ({ ...r, tags: parseTags(r.tags) })) };
  }
}

/** A resource's tags (JSON text on SQLite, parsed JSONB on PostgreSQL) as string values. */
function parseTags(value: unknown): Record<string, string> {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : JSON.stringify(x);
  return out;
}

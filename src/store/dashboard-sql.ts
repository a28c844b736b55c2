import { FINDING_STATES } from '../core/record.js';
import { isSeverity, SEVERITIES, severityRank } from '../core/severity.js';
import { type Facet, FINDING_STATUSES, type FindingFilter, type FindingSort } from './dashboard-store.js';
import { StoreError } from './errors.js';

/*
 * The dashboard's finding and inventory queries, written once for SQLite and PostgreSQL: both
 * stores have the same columns (migration 5 / PG migration 2 make the record's facts stored
 * columns), so only placeholders, list membership and search differ. Column and expression
 * names come from the fixed maps below, never from input; every value is a bound parameter.
 */

export type Dialect = 'sqlite' | 'postgres';

/** A statement being built: values are bound as they are written (@pN on SQLite, $N on PostgreSQL). */
export class Query {
  readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  /** A placeholder for `v`; `cast` (bigint, integer, text[]) types it on PostgreSQL. */
  p(v: unknown, cast?: string): string {
    this.values.push(v);
    const n = this.values.length;
    return this.dialect === 'sqlite' ? `@p${n}` : `$${n}${cast ? `::${cast}` : ''}`;
  }

  /** `expr` is one of `values` (an empty list matches nothing). */
  in(expr: string, values: readonly (string | number)[], cast = 'text[]'): string {
    if (values.length === 0) return 'FALSE';
    if (this.dialect === 'postgres') return `${expr} = ANY(${this.p([...values], cast)})`;
    return `${expr} IN (${values.map((v) => this.p(v)).join(', ')})`;
  }

  /** What better-sqlite3 (an object of named values) or pg (an array) binds. */
  params(): Record<string, unknown> | unknown[] {
    if (this.dialect === 'postgres') return this.values;
    return Object.fromEntries(this.values.map((v, i) => [`p${i + 1}`, v]));
  }
}

export const EFFECTIVE_STATE = "CASE WHEN m.finding_id IS NULL THEN f.state ELSE 'muted' END";

/** Stored columns of a finding that a facet groups by. */
export const FACET_SQL: Record<Facet, string> = {
  severity: 'f.severity',
  state: EFFECTIVE_STATE,
  status: 'f.status',
  cloud: 'f.cloud',
  account: 'f.account',
  service: 'f.service',
  check: 'f.check_id',
  region: 'f.region',
};

/** Sort keys; name folds case (lower() on SQLite folds ASCII letters only, which is enough to sort). */
export const SORT_SQL: Record<FindingSort, string> = {
  severity: 'f.severity_rank',
  last_seen: 'f.last_seen_ms',
  first_seen: 'f.first_seen',
  name: 'lower(f.name)',
  check: 'f.check_id',
  state: EFFECTIVE_STATE,
  account: 'f.account',
  cloud: 'f.cloud',
};

/** The list order: the covering index findings_list serves it from its first row. */
export const LIST_ORDER = ['f.severity_rank DESC', 'f.last_seen_ms DESC', 'f.finding_id', 'f.audit_key'];

/** Summary columns of a finding row (the record's JSON is never read for a list). */
export const SUMMARY_COLUMNS = `
  f.finding_id, f.audit_key, f.check_id, f.reference, f.name, f.severity, f.cloud, f.account,
  f.first_seen, f.last_seen, ${EFFECTIVE_STATE} AS state, f.title, f.status, f.region, f.service,
  f.description AS message, f.origin, m.owner AS mute_owner, m.reason AS mute_reason,
  m.expires_at AS mute_expires_at`;

/** `FROM findings f` with the mutes in force now. */
export function fromFindings(q: Query, schema: string, nowMs: number): string {
  return `FROM ${schema}findings f
    LEFT JOIN ${schema}mutes m
      ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ${q.p(nowMs, 'bigint')})`;
}

/** The ORDER BY of a findings page: the asked sort, then the list order as tie-breaker. */
export function orderBy(location: string, sort: FindingSort | undefined, order: 'asc' | 'desc' | undefined) {
  const key = SORT_SQL[sort ?? 'severity'];
  if (key === undefined) throw new StoreError(location, `findings query: unknown sort "${sort}"`);
  const first = `${key} ${order === 'asc' ? 'ASC' : 'DESC'}`;
  // the same column twice would stop the planner from reading the index in order
  return [first, ...LIST_ORDER.filter((t) => t.split(' ')[0] !== key)].join(', ');
}

/**
 * WHERE clauses of a filter on findings aliased `alias`. `search` gives the dialect's substring
 * test on f's searchable text (name, reference, check id, check title and description), case
 * folded. A state filter is written as "a life in one of these states and under no mute in
 * force" (or "under a mute", for muted): a form both planners estimate, so PostgreSQL keeps
 * reading the list index in order instead of sorting every finding. `noMutes` (no mute is in
 * force now) drops the mute test, which a deep page would make for every row it walks.
 */
export function filterClauses(
  q: Query,
  location: string,
  f: FindingFilter,
  search: (needle: string) => string,
  opts: { alias?: string; prefix?: string; nowMs?: number; noMutes?: boolean } = {},
): string[] {
  const alias = opts.alias ?? 'f';
  const clauses: string[] = [];
  const eq = (column: string, v: string | undefined) => {
    if (v === undefined || v === '') return;
    clauses.push(`${alias}.${column} = ${q.p(v)}`);
  };
  eq('audit_key', f.audit_key);
  eq('cloud', f.cloud);
  eq('account', f.account);
  eq('check_id', f.check_id);
  eq('reference', f.reference);
  eq('service', f.service);
  eq('region', f.region);
  eq('origin', f.origin);
  if (f.accounts !== undefined) clauses.push(q.in(`${alias}.account`, f.accounts));
  if (f.states && f.states.length > 0) {
    for (const s of f.states) {
      if (!(FINDING_STATES as readonly string[]).includes(s))
        throw new StoreError(
          location,
          `findings query: unknown state "${s}" (expected ${FINDING_STATES.join(', ')})`,
        );
    }
    const lives = f.states.filter((s) => s !== 'muted');
    const muted = f.states.includes('muted');
    if (alias !== 'f' || opts.noMutes) {
      // with no mute in force, a finding's state is its life's
      clauses.push(q.in(`${alias}.state`, lives));
    } else if (lives.length < 4 || !muted) {
      const mute = `EXISTS (SELECT 1 FROM ${opts.prefix ?? ''}mutes mx WHERE mx.finding_id = f.finding_id
        AND (mx.expires_ms IS NULL OR mx.expires_ms > ${q.p(opts.nowMs ?? Date.now(), 'bigint')}))`;
      const either = [
        ...(lives.length > 0 ? [`(${q.in('f.state', lives)} AND NOT ${mute})`] : []),
        ...(muted ? [mute] : []),
      ];
      clauses.push(either.length === 1 ? either[0]! : `(${either.join(' OR ')})`);
    }
  }
  if (f.statuses && f.statuses.length > 0) {
    for (const s of f.statuses) {
      if (!(FINDING_STATUSES as readonly string[]).includes(s))
        throw new StoreError(location, `findings query: unknown status "${s}" (expected fail, error)`);
    }
    clauses.push(q.in(`${alias}.status`, f.statuses));
  }
  if (f.severities && f.severities.length > 0) {
    for (const s of f.severities) {
      if (!isSeverity(s))
        throw new StoreError(
          location,
          `findings query: unknown severity "${s}" (expected ${SEVERITIES.join(', ')})`,
        );
    }
    clauses.push(q.in(`${alias}.severity_rank`, f.severities.map(severityRank), 'integer[]'));
  }
  if (f.search !== undefined && f.search !== '') clauses.push(search(f.search));
  return clauses;
}

/**
 * The facets finding_counts keeps (by its column), and whether a filter can be answered from it:
 * one on check, region, reference or search text reads the findings themselves.
 */
export const COUNTED: Partial<Record<Facet, string>> = {
  severity: 'severity_rank',
  state: 'state',
  status: 'status',
  cloud: 'cloud',
  account: 'account',
  service: 'service',
};

export function countable(f: FindingFilter): boolean {
  return !f.search && !f.reference && !f.check_id && !f.region;
}

export function where(clauses: readonly string[]): string {
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

export function checkPage(location: string, what: string, limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000)
    throw new StoreError(location, `${what}: limit must be a whole number from 0 to 10000`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new StoreError(location, `${what}: offset must be a whole number >= 0`);
}

export function checkFacets(location: string, by: readonly Facet[]): void {
  for (const b of by) {
    if (FACET_SQL[b] === undefined) throw new StoreError(location, `counting findings: unknown facet "${b}"`);
  }
}

/** The columns of a resource row the inventory reads. */
const RESOURCE_COLUMNS =
  'scan_id, reference, name, ext_record_type, com_record_type, cloud, account, region, record';

/**
 * The resources of a scope (scan ids, oldest first) as a subquery aliased `r`: those of the first
 * scan, each replaced by its version in the last later scan that has it, and the later scans'
 * new ones. One scan is read directly; a current state's re-checks are few and small.
 */
export function scopedResources(q: Query, schema: string, scope: readonly string[]): string {
  const [base, ...later] = scope;
  if (base === undefined) return `(SELECT ${RESOURCE_COLUMNS} FROM ${schema}resources WHERE FALSE) r`;
  if (later.length === 0) {
    return `(SELECT ${RESOURCE_COLUMNS} FROM ${schema}resources WHERE scan_id = ${q.p(base)}) r`;
  }
  const position = `CASE x.scan_id ${later.map((id, i) => `WHEN ${q.p(id)} THEN ${i + 1}`).join(' ')} END`;
  const position2 = `CASE y.scan_id ${later.map((id, i) => `WHEN ${q.p(id)} THEN ${i + 1}`).join(' ')} END`;
  return `(
    SELECT ${RESOURCE_COLUMNS} FROM ${schema}resources
     WHERE scan_id = ${q.p(base)}
       AND reference NOT IN (SELECT reference FROM ${schema}resources WHERE ${q.in('scan_id', later)})
    UNION ALL
    SELECT ${RESOURCE_COLUMNS.split(', ')
      .map((c) => `x.${c}`)
      .join(', ')}
      FROM ${schema}resources x
     WHERE ${q.in('x.scan_id', later)}
       AND NOT EXISTS (SELECT 1 FROM ${schema}resources y
                        WHERE y.reference = x.reference AND ${q.in('y.scan_id', later)}
                          AND ${position2} > ${position})
  ) r`;
}

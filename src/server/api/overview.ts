import type { FindingState, ResourceRecord } from '../../core/record.js';
import { diffInventories } from '../../core/resource-diff.js';
import { isPartialScan } from '../../core/scan-kind.js';
import type { CountRow, FindingFilter, FindingSummary } from '../../store/dashboard-store.js';
import type { ScanSummary } from '../../store/store.js';
import {
  accountNames,
  auditOf,
  nameOf,
  resourcesOf,
  type ServerContext,
  versioned,
  viewOf,
} from '../context.js';
import type { ApiRequest } from '../http.js';

/** States of a finding that still needs attention. */
export const LIVE_STATES: FindingState[] = ['new', 'open', 'regressed'];

export interface TrendPoint {
  scan_id: string;
  label: string | null;
  started_at: string;
  /** a re-check of single resources, not a scan of the estate */
  partial: boolean;
  resources: number;
  findings: Partial<Record<FindingState, number>>;
  /** failing findings still open after the scan (new + open + regressed + muted) */
  live: number;
  pass: number;
  fail: number;
  error: number;
  /** passed results as a share of pass + fail, in % (null when nothing was evaluated) */
  score: number | null;
}

function trendPoint(s: ScanSummary): TrendPoint {
  const f = s.counts.findings;
  const { pass, fail, error } = s.counts.results;
  return {
    scan_id: s.id,
    label: s.label,
    started_at: s.started_at,
    partial: isPartialScan(s),
    resources: s.counts.resources,
    findings: f,
    live: (f.new ?? 0) + (f.open ?? 0) + (f.regressed ?? 0) + (f.muted ?? 0),
    pass,
    fail,
    error,
    score: pass + fail === 0 ? null : Math.round((pass / (pass + fail)) * 1000) / 10,
  };
}

export interface InventoryChange {
  reference: string;
  name: string;
  type: string;
  changes?: number;
  paths?: string[];
}

export interface InventoryChanges {
  from: string;
  to: string;
  added: InventoryChange[];
  removed: InventoryChange[];
  changed: InventoryChange[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
}

const brief = (r: ResourceRecord): InventoryChange => ({
  reference: r.com.reference,
  name: r.com.name,
  type: r.ext.record_type,
});

const SHOWN = 50;

/**
 * What changed in the inventory from one scan to another, or to a current state (`to` is its
 * scope: the full scan and its re-checks). Cached: complete scans never change.
 */
export async function inventoryChanges(
  ctx: ServerContext,
  from: string,
  to: readonly string[],
): Promise<InventoryChanges> {
  return ctx.cache.get(`inventory-diff|${from}|${to.join(',')}`, async () => {
    const d = diffInventories(await ctx.store.resources(from), await resourcesOf(ctx, to));
    return {
      from,
      to: to[0] ?? '',
      added: d.added.slice(0, SHOWN).map(brief),
      removed: d.removed.slice(0, SHOWN).map(brief),
      changed: d.changed.slice(0, SHOWN).map((c) => ({
        ...brief(c.after),
        changes: c.changes.length,
        paths: c.changes.slice(0, 5).map((x) => x.path),
      })),
      counts: {
        added: d.added.length,
        removed: d.removed.length,
        changed: d.changed.length,
        unchanged: d.unchanged,
      },
    };
  }) as Promise<InventoryChanges>;
}

/**
 * How much of the estate was judged, stated honestly: results that passed or failed were
 * checked; "could not evaluate" (the data could not be read) is neither, and is never a finding.
 */
export interface Coverage {
  /** passed + failed */
  checked: number;
  passed: number;
  failed: number;
  could_not_evaluate: number;
  manual: number;
  not_applicable: number;
}

export function coverageOf(s: ScanSummary): Coverage {
  const r = s.counts.results;
  return {
    checked: r.pass + r.fail,
    passed: r.pass,
    failed: r.fail,
    could_not_evaluate: r.error,
    manual: r.manual,
    not_applicable: r.not_applicable,
  };
}

export interface Overview {
  audit: string | null;
  audits: string[];
  /** the current state: the latest full scan with its re-checks applied (scan.rechecks) */
  scan: ScanSummary | null;
  /** the full scan before it, which "what changed" compares with */
  previous_scan: { id: string; label: string | null; started_at: string } | null;
  totals: {
    /** live failed findings (new, open, regressed) */
    live: number;
    muted: number;
    resolved: number;
    /** live failed findings of critical or high severity (never a result that could not be evaluated) */
    critical_high: number;
    /** live results that could not be evaluated (the data could not be read) */
    could_not_evaluate: number;
  };
  coverage: Coverage | null;
  /** the live failed findings by severity, cloud, account and service */
  by_severity: CountRow[];
  by_state: CountRow[];
  by_cloud: CountRow[];
  by_account: CountRow[];
  by_service: CountRow[];
  /** full scans only, oldest first: a re-check of a few resources is not a point of the trend */
  trend: TrendPoint[];
  changes: {
    counts: Partial<Record<FindingState, number>>;
    findings: { state: FindingState; finding: FindingSummary }[];
    inventory: InventoryChanges | null;
  };
}

/** Count rows of accounts with their names, where the estate has them. */
export function labelAccounts(rows: CountRow[], names: ReadonlyMap<string, string>): CountRow[] {
  const clouds = [...new Set([...names.keys()].map((k) => k.slice(0, k.indexOf(':'))))];
  return rows.map((r) => {
    const name = clouds.map((c) => nameOf(names, c, r.key)).find(Boolean);
    return name ? { ...r, label: name } : r;
  });
}

/** Finding rows with their account's name, where the estate has one. */
export function withAccountNames<T extends FindingSummary>(
  items: T[],
  names: ReadonlyMap<string, string>,
): T[] {
  return items.map((f) => {
    const n = nameOf(names, f.cloud, f.account);
    return n ? { ...f, account_name: n } : f;
  });
}

export async function overview(req: ApiRequest, ctx: ServerContext): Promise<Overview> {
  const audit = await auditOf(req.query, ctx);
  return versioned(ctx, `overview|${audit}`, async () => {
    const audits = [...new Set((await ctx.store.listScans({ limit: 500 })).map((s) => s.audit_key))].sort();
    const [view, full, names] = await Promise.all([
      viewOf(new URLSearchParams(), ctx, audit),
      audit === null ? [] : ctx.store.listScans({ audit_key: audit, limit: 60, full_only: true }),
      accountNames(ctx),
    ]);
    // the trend lists full scans newest first: the one after the state's own is the one before it
    const previous = view?.state ? full[full.findIndex((s) => s.id === view.state?.base.id) + 1] : undefined;
    const base: FindingFilter = audit === null ? {} : { audit_key: audit };
    const live: FindingFilter = { ...base, states: LIVE_STATES, statuses: ['fail'] };
    const dash = ctx.dash;
    const [liveFacets, stateFacets, errors, changes] = await Promise.all([
      dash.findingFacets(live, ['severity', 'cloud', 'account', 'service'], 20),
      dash.findingFacets({ ...base, statuses: ['fail'] }, ['state'], 10),
      dash.findingCounts({ ...base, states: LIVE_STATES, statuses: ['error'] }, 'status', 1),
      view ? dash.scanChanges(view.scope, 100) : { counts: {}, items: [] },
    ]);
    const bySeverity = liveFacets.severity;
    const byState = stateFacets.state;
    const stateCount = (s: string) => byState.find((r) => r.key === s)?.count ?? 0;
    return {
      audit,
      audits,
      scan: view?.scan ?? null,
      previous_scan: previous
        ? { id: previous.id, label: previous.label, started_at: previous.started_at }
        : null,
      totals: {
        live: LIVE_STATES.reduce((n, s) => n + stateCount(s), 0),
        muted: stateCount('muted'),
        resolved: stateCount('resolved'),
        critical_high: bySeverity
          .filter((r) => r.key === 'critical' || r.key === 'high')
          .reduce((n, r) => n + r.count, 0),
        could_not_evaluate: errors[0]?.count ?? 0,
      },
      coverage: view ? coverageOf(view.scan) : null,
      by_severity: bySeverity,
      by_state: byState,
      by_cloud: liveFacets.cloud,
      by_account: labelAccounts(liveFacets.account, names),
      by_service: liveFacets.service,
      trend: full.map(trendPoint).reverse(),
      changes: {
        counts: changes.counts,
        findings: changes.items.map((c) => ({ ...c, finding: withAccountNames([c.finding], names)[0]! })),
        inventory: view && previous ? await inventoryChanges(ctx, previous.id, view.scope) : null,
      },
    };
  });
}

export async function scans(req: ApiRequest, ctx: ServerContext): Promise<{ scans: TrendPoint[] }> {
  const audit = await auditOf(req.query, ctx);
  const list = audit === null ? [] : await ctx.store.listScans({ audit_key: audit, limit: 500 });
  return { scans: list.map(trendPoint) };
}

import type { FindingState, ResourceRecord } from '../../core/record.js';
import { diffInventories } from '../../core/resource-diff.js';
import type { ScanSummary } from '../../store/store.js';
import { auditOf, type ServerContext, versioned } from '../context.js';
import type { CountRow, FindingSummary } from '../dashboard-store.js';
import type { ApiRequest } from '../http.js';

/** States of a finding that still needs attention. */
export const LIVE_STATES: FindingState[] = ['new', 'open', 'regressed'];

export interface TrendPoint {
  scan_id: string;
  label: string | null;
  started_at: string;
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

/** What changed in the inventory between two scans (cached: scans never change). */
export async function inventoryChanges(
  ctx: ServerContext,
  from: string,
  to: string,
): Promise<InventoryChanges> {
  return ctx.cache.get(`inventory-diff|${from}|${to}`, async () => {
    const d = diffInventories(await ctx.store.resources(from), await ctx.store.resources(to));
    return {
      from,
      to,
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

export interface Overview {
  audit: string | null;
  audits: string[];
  scan: ScanSummary | null;
  previous_scan: { id: string; label: string | null; started_at: string } | null;
  totals: { live: number; muted: number; resolved: number; critical_high: number };
  by_severity: CountRow[];
  by_state: CountRow[];
  by_cloud: CountRow[];
  by_account: CountRow[];
  by_service: CountRow[];
  trend: TrendPoint[];
  changes: {
    counts: Partial<Record<FindingState, number>>;
    findings: { state: FindingState; finding: FindingSummary }[];
    inventory: InventoryChanges | null;
  };
}

export async function overview(req: ApiRequest, ctx: ServerContext): Promise<Overview> {
  const audit = await auditOf(req.query, ctx);
  return versioned(ctx, `overview|${audit}`, async () => {
    const audits = [...new Set((await ctx.store.listScans({ limit: 500 })).map((s) => s.audit_key))].sort();
    const scans = audit === null ? [] : await ctx.store.listScans({ audit_key: audit, limit: 60 });
    const [scan, previous] = scans;
    const base = audit === null ? {} : { audit_key: audit };
    const live = { ...base, states: LIVE_STATES };
    const dash = ctx.dash;
    const [liveFacets, stateFacets] = await Promise.all([
      dash.findingFacets(live, ['severity', 'cloud', 'account', 'service'], 20),
      dash.findingFacets(base, ['state'], 10),
    ]);
    const bySeverity = liveFacets.severity;
    const byCloud = liveFacets.cloud;
    const byAccount = liveFacets.account;
    const byService = liveFacets.service;
    const byState = stateFacets.state;
    const stateCount = (s: string) => byState.find((r) => r.key === s)?.count ?? 0;
    const changes = scan ? await dash.scanChanges(scan.id, 100) : { counts: {}, items: [] };
    return {
      audit,
      audits,
      scan: scan ?? null,
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
      },
      by_severity: bySeverity,
      by_state: byState,
      by_cloud: byCloud,
      by_account: byAccount,
      by_service: byService,
      trend: scans.map(trendPoint).reverse(),
      changes: {
        counts: changes.counts,
        findings: changes.items,
        inventory: scan && previous ? await inventoryChanges(ctx, previous.id, scan.id) : null,
      },
    };
  });
}

export async function scans(req: ApiRequest, ctx: ServerContext): Promise<{ scans: TrendPoint[] }> {
  const audit = await auditOf(req.query, ctx);
  const list = audit === null ? [] : await ctx.store.listScans({ audit_key: audit, limit: 500 });
  return { scans: list.map(trendPoint) };
}

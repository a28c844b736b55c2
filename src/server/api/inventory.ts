import type { ResourceRecord } from '../../core/record.js';
import { diffResource, type FieldChange } from '../../core/resource-diff.js';
import type { ScanSummary } from '../../store/store.js';
import { accountNames, auditOf, nameOf, type ServerContext, viewOf } from '../context.js';
import { type ApiRequest, badRequest, notFound } from '../http.js';
import { int, str } from '../params.js';
import { inventoryChanges, labelAccounts } from './overview.js';

/** The scan a page names: its id, label and start, and the re-checks applied on it (a current state). */
export function scanRef(s: ScanSummary | null) {
  return s
    ? {
        id: s.id,
        label: s.label,
        started_at: s.started_at,
        ...(s.rechecks ? { rechecks: s.rechecks.count, updated_at: s.rechecks.last_started_at } : {}),
      }
    : null;
}

/** The inventory of the audit's current state (or of ?scan=): counts by type, cloud, account and region. */
export async function inventory(req: ApiRequest, ctx: ServerContext) {
  const audit = await auditOf(req.query, ctx);
  const view = await viewOf(req.query, ctx, audit);
  if (!view) return { audit, scan: null, total: 0, types: [], by_cloud: [], by_account: [], by_region: [] };
  const [types, byCloud, byAccount, byRegion, names] = await Promise.all([
    ctx.dash.resourceTypes(view.scope),
    ctx.dash.resourceCounts(view.scope, 'cloud'),
    ctx.dash.resourceCounts(view.scope, 'account'),
    ctx.dash.resourceCounts(view.scope, 'region'),
    accountNames(ctx),
  ]);
  return {
    audit,
    scan: scanRef(view.scan),
    total: types.reduce((n, t) => n + t.count, 0),
    types,
    by_cloud: byCloud,
    by_account: labelAccounts(byAccount, names),
    by_region: byRegion,
  };
}

export async function inventoryResources(req: ApiRequest, ctx: ServerContext) {
  const audit = await auditOf(req.query, ctx);
  const view = await viewOf(req.query, ctx, audit);
  const limit = int(req.query, 'limit', 50, 1, 500);
  const offset = int(req.query, 'offset', 0, 0, 10_000_000);
  if (!view) return { scan: null, total: 0, limit, offset, items: [] };
  const type = str(req.query, 'type', 200);
  const search = str(req.query, 'q', 200);
  const [page, names] = await Promise.all([
    ctx.dash.resourcesPage({
      scope: view.scope,
      ...(type ? { type } : {}),
      ...(search ? { search } : {}),
      limit,
      offset,
    }),
    accountNames(ctx),
  ]);
  const items = page.items.map((r) => {
    const n = nameOf(names, r.cloud, r.account);
    return n ? { ...r, account_name: n } : r;
  });
  return { scan: scanRef(view.scan), limit, offset, total: page.total, items };
}

export interface HistoryVersion {
  scan_id: string;
  scan_started_at: string;
  scan_label: string | null;
  record: ResourceRecord;
  /** changes from the version before (null for the first one) */
  changes: FieldChange[] | null;
}

const MAX_VERSIONS = 100;

/** A resource's stored versions, each with its changes from the one before, and its findings. */
export async function resourceHistory(req: ApiRequest, ctx: ServerContext) {
  const ref = str(req.query, 'ref', 2000);
  if (ref === undefined) throw badRequest('ref: the resource reference or name is required');
  const versions = await ctx.store.resourceHistory(ref);
  if (versions.length === 0) throw notFound(`no stored resource has the reference or name "${ref}"`);
  const labels = new Map((await ctx.store.listScans({ limit: 5000 })).map((s) => [s.id, s.label]));
  const shown = versions.slice(-MAX_VERSIONS - 1);
  const out: HistoryVersion[] = shown.map((v, i) => {
    const prev = shown[i - 1];
    return {
      scan_id: v.scan_id,
      scan_started_at: v.scan_started_at,
      scan_label: labels.get(v.scan_id) ?? null,
      record: v.record,
      changes: prev ? diffResource(prev.record, v.record) : null,
    };
  });
  const latest = versions.at(-1)!.record;
  const findings = await ctx.dash.findingsPage({
    reference: latest.com.reference,
    limit: 200,
    offset: 0,
    sort: 'severity',
  });
  return {
    reference: latest.com.reference,
    name: latest.com.name,
    type: latest.ext.record_type,
    total_versions: versions.length,
    versions: out.slice(shown.length > MAX_VERSIONS ? 1 : 0),
    findings: findings.items,
  };
}

export async function inventoryDiff(req: ApiRequest, ctx: ServerContext) {
  const from = str(req.query, 'from', 200);
  const to = str(req.query, 'to', 200);
  if (!from || !to) throw badRequest('from and to: two scan ids are required');
  for (const id of [from, to])
    if (!(await ctx.store.getScan(id))) throw notFound(`no complete scan has the id "${id}"`);
  return inventoryChanges(ctx, from, [to]);
}

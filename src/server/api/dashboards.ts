import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FINDING_STATES } from '../../core/record.js';
import { SEVERITIES } from '../../core/severity.js';
import {
  CHART_TYPES,
  type CountRow,
  type DashboardInput,
  FACETS,
  type Facet,
  FINDING_STATUSES,
  type FindingFilter,
  QUERY_SOURCES,
  type WidgetQuery,
} from '../../store/dashboard-store.js';
import { accountNames, auditOf, type ServerContext, versioned } from '../context.js';
import { type ApiRequest, badRequest, created, notFound } from '../http.js';
import { ACTIVITY_SAMPLE, aggregateActivity, locate } from './activity.js';
import { zodMessage } from './findings.js';
import { LIVE_STATES, labelAccounts } from './overview.js';

const ACTIVITY_GROUPS = ['actor', 'source_ip', 'country', 'action', 'day'] as const;
const INVENTORY_GROUPS = ['type', 'cloud', 'account', 'region'] as const;

const filterSchema = z
  .object({
    states: z.array(z.enum(FINDING_STATES)).max(5).optional(),
    severities: z.array(z.enum(SEVERITIES)).max(5).optional(),
    statuses: z.array(z.enum(FINDING_STATUSES)).max(2).optional(),
    cloud: z.string().max(50).optional(),
    account: z.string().max(200).optional(),
    service: z.string().max(100).optional(),
    check_id: z.string().max(200).optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

export const widgetQuerySchema = z
  .object({
    source: z.enum(QUERY_SOURCES),
    group_by: z.string().max(50).optional(),
    filter: filterSchema.optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const allowed: Record<string, readonly string[]> = {
      findings: FACETS,
      activity: ACTIVITY_GROUPS,
      inventory: INVENTORY_GROUPS,
      trend: ['scan'],
    };
    const groups = allowed[q.source] ?? [];
    if (q.group_by !== undefined && !groups.includes(q.group_by)) {
      ctx.addIssue({
        code: 'custom',
        path: ['group_by'],
        message: `a ${q.source} query groups by ${groups.join(', ')}, not "${q.group_by}"`,
      });
    }
  });

const widgetSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(200),
    chart: z.enum(CHART_TYPES),
    query: widgetQuerySchema,
    width: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  })
  .strict();

export const dashboardSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    widgets: z.array(widgetSchema).max(50),
  })
  .strict();

export function parseDashboard(body: unknown): DashboardInput {
  const r = dashboardSchema.safeParse(body);
  if (!r.success) throw badRequest(`invalid dashboard: ${zodMessage(r.error, body)}`);
  return {
    name: r.data.name,
    description: r.data.description,
    widgets: r.data.widgets.map((w) => ({ ...w, id: w.id ?? randomUUID() })),
  };
}

export async function listDashboards(_req: ApiRequest, ctx: ServerContext) {
  return { dashboards: await ctx.dash.listDashboards() };
}

export async function getDashboard(req: ApiRequest, ctx: ServerContext) {
  const d = await ctx.dash.getDashboard(req.params.id ?? '');
  if (!d) throw notFound(`no dashboard has the id "${req.params.id}"`);
  return d;
}

export async function createDashboard(req: ApiRequest, ctx: ServerContext) {
  return created(await ctx.dash.createDashboard(parseDashboard(req.body)));
}

export async function updateDashboard(req: ApiRequest, ctx: ServerContext) {
  const d = await ctx.dash.updateDashboard(req.params.id ?? '', parseDashboard(req.body));
  if (!d) throw notFound(`no dashboard has the id "${req.params.id}"`);
  return d;
}

export async function deleteDashboard(req: ApiRequest, ctx: ServerContext) {
  if (!(await ctx.dash.deleteDashboard(req.params.id ?? '')))
    throw notFound(`no dashboard has the id "${req.params.id}"`);
  return { deleted: true };
}

export interface QueryAnswer {
  source: WidgetQuery['source'];
  group_by: string;
  rows: CountRow[];
}

/** Runs a widget's saved query: rows of (key, count), most first (trend: oldest scan first). */
export async function runWidgetQuery(
  query: WidgetQuery,
  ctx: ServerContext,
  audit: string | null,
): Promise<QueryAnswer> {
  const limit = query.limit ?? 10;
  const f = query.filter ?? {};
  switch (query.source) {
    case 'findings': {
      const by = (query.group_by ?? 'severity') as Facet;
      const filter: FindingFilter = {
        states: f.states && f.states.length > 0 ? f.states : LIVE_STATES,
        statuses: f.statuses && f.statuses.length > 0 ? f.statuses : ['fail'],
      };
      if (audit !== null) filter.audit_key = audit;
      for (const k of ['cloud', 'account', 'service', 'check_id', 'search'] as const) {
        const v = f[k];
        if (v) filter[k] = v;
      }
      if (f.severities && f.severities.length > 0) filter.severities = f.severities;
      const rows = await ctx.dash.findingCounts(filter, by, limit);
      return {
        source: 'findings',
        group_by: by,
        rows: by === 'account' ? labelAccounts(rows, await accountNames(ctx)) : rows,
      };
    }
    case 'trend': {
      // full scans only: a re-check of a few resources is not a point of the estate's trend
      const scans =
        audit === null ? [] : await ctx.store.listScans({ audit_key: audit, limit, full_only: true });
      const rows = scans.reverse().map((s) => {
        const c = s.counts.findings;
        return {
          key: s.label ? `${s.label} (${s.started_at.slice(0, 16)})` : s.started_at,
          count: (c.new ?? 0) + (c.open ?? 0) + (c.regressed ?? 0) + (c.muted ?? 0),
        };
      });
      return { source: 'trend', group_by: 'scan', rows };
    }
    case 'inventory': {
      const by = (query.group_by ?? 'type') as (typeof INVENTORY_GROUPS)[number];
      const state = audit === null ? null : await ctx.store.currentState(audit);
      const rows = state ? await ctx.dash.resourceCounts(state.scan_ids, by) : [];
      const named = by === 'account' ? labelAccounts(rows, await accountNames(ctx)) : rows;
      return { source: 'inventory', group_by: by, rows: named.slice(0, limit) };
    }
    case 'activity': {
      const by = query.group_by ?? 'actor';
      const sample = await ctx.dash.detections({ limit: ACTIVITY_SAMPLE, offset: 0 });
      const agg = aggregateActivity(sample.items);
      const counts = new Map<string, number>();
      if (by === 'day') {
        for (const d of sample.items) {
          const day = d.time.slice(0, 10);
          counts.set(day, (counts.get(day) ?? 0) + 1);
        }
        const rows = [...counts]
          .map(([key, count]) => ({ key, count }))
          .sort((a, b) => a.key.localeCompare(b.key));
        return { source: 'activity', group_by: by, rows: rows.slice(-limit) };
      }
      if (by === 'country') {
        for (const d of sample.items) {
          const c = locate(d.source_ip)?.country;
          if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
        }
        const rows = [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
        return { source: 'activity', group_by: by, rows: rows.slice(0, limit) };
      }
      const rows = by === 'actor' ? agg.actors : by === 'action' ? agg.actions : agg.source_ips;
      return {
        source: 'activity',
        group_by: by,
        rows: rows.slice(0, limit).map(({ key, count }) => ({ key, count })),
      };
    }
  }
}

export async function query(req: ApiRequest, ctx: ServerContext): Promise<QueryAnswer> {
  const r = widgetQuerySchema.safeParse(req.body);
  if (!r.success) throw badRequest(`invalid query: ${zodMessage(r.error, req.body)}`);
  const audit = await auditOf(req.query, ctx);
  return versioned(ctx, `query|${audit}|${JSON.stringify(r.data)}`, () => runWidgetQuery(r.data, ctx, audit));
}

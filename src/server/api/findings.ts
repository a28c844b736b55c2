import { z } from 'zod';
import { checkById } from '../../checks/index.js';
import { remediationFor } from '../../core/check.js';
import { describeIssues } from '../../core/issues.js';
import {
  FINDING_STATES,
  type FindingRecord,
  type FindingState,
  type ResourceRecord,
} from '../../core/record.js';
import { SEVERITIES } from '../../core/severity.js';
import {
  type CountRow,
  FACETS,
  type Facet,
  FINDING_SORTS,
  FINDING_STATUSES,
  type FindingFilter,
  type FindingPage,
  type FindingStatus,
} from '../../store/dashboard-store.js';
import type { FindingEvent, Mute } from '../../store/store.js';
import { accountNames, nameOf, type ServerContext, versioned } from '../context.js';
import { type ApiRequest, badRequest, created, notFound } from '../http.js';
import { int, listOf, oneOf, str } from '../params.js';
import { accountsUnder } from './accounts.js';
import { LIVE_STATES, labelAccounts, withAccountNames } from './overview.js';

/**
 * The filter of a findings request. `state` defaults to the live states (`state=all`: any);
 * `status` to `fail`, the findings: `status=error` lists what could not be evaluated (the data
 * could not be read), `status=all` both.
 */
export function findingFilter(q: URLSearchParams): FindingFilter {
  const stateText = str(q, 'state');
  const states: FindingState[] | undefined =
    stateText === 'all' ? undefined : (listOf(q, 'state', FINDING_STATES) ?? LIVE_STATES);
  const statusText = str(q, 'status');
  const statuses: FindingStatus[] | undefined =
    statusText === 'all' ? undefined : (listOf(q, 'status', FINDING_STATUSES) ?? ['fail']);
  const f: FindingFilter = {};
  const set = <K extends keyof FindingFilter>(k: K, v: FindingFilter[K] | undefined) => {
    if (v !== undefined) f[k] = v;
  };
  set('audit_key', str(q, 'audit', 200));
  set('states', states);
  set('statuses', statuses);
  set('severities', listOf(q, 'severity', SEVERITIES));
  set('cloud', str(q, 'cloud', 50));
  set('account', str(q, 'account', 200));
  set('service', str(q, 'service', 100));
  set('region', str(q, 'region', 100));
  set('check_id', str(q, 'check', 200));
  set('reference', str(q, 'reference', 2000));
  set('origin', oneOf(q, 'origin', ['check', 'detection'] as const));
  set('search', str(q, 'q', 200));
  return f;
}

export async function listFindings(
  req: ApiRequest,
  ctx: ServerContext,
): Promise<FindingPage & { limit: number; offset: number }> {
  const q = req.query;
  const filter = findingFilter(q);
  const limit = int(q, 'limit', 50, 1, 500);
  const offset = int(q, 'offset', 0, 0, 10_000_000);
  const sort = oneOf(q, 'sort', FINDING_SORTS) ?? 'severity';
  const order =
    oneOf(q, 'order', ['asc', 'desc'] as const) ?? (sort === 'name' || sort === 'check' ? 'asc' : 'desc');
  const under = await accountsUnder(q, ctx);
  if (under !== undefined) filter.accounts = under;
  const [page, names] = await Promise.all([
    ctx.dash.findingsPage({ ...filter, sort, order, limit, offset }),
    accountNames(ctx),
  ]);
  return { total: page.total, items: withAccountNames(page.items, names), limit, offset };
}

/**
 * Counts per facet value, for filter menus: over the audit, states and statuses only, so a menu
 * keeps offering the other values once one is picked. Accounts carry their names.
 */
export async function findingFacets(req: ApiRequest, ctx: ServerContext): Promise<Record<Facet, CountRow[]>> {
  const full = findingFilter(req.query);
  const base: FindingFilter = {};
  if (full.audit_key !== undefined) base.audit_key = full.audit_key;
  if (full.states !== undefined) base.states = full.states;
  if (full.statuses !== undefined) base.statuses = full.statuses;
  return versioned(ctx, `facets|${JSON.stringify(base)}`, async () => {
    const [facets, names] = await Promise.all([ctx.dash.findingFacets(base, FACETS, 200), accountNames(ctx)]);
    return { ...facets, account: labelAccounts(facets.account, names) };
  });
}

export interface ComplianceRef {
  ref: string;
  framework: string;
  framework_name: string | null;
  requirement: string;
  title: string | null;
  section: string | null;
  section_title: string | null;
}

export function complianceRefs(ctx: ServerContext, refs: readonly string[]): ComplianceRef[] {
  return refs.map((ref) => {
    const i = ref.indexOf(':');
    const fwId = i < 0 ? ref : ref.slice(0, i);
    const reqId = i < 0 ? '' : ref.slice(i + 1);
    const fw = ctx.frameworks.find((f) => f.id === fwId);
    const r = fw?.requirements.find((x) => x.id === reqId);
    return {
      ref,
      framework: fwId,
      framework_name: fw?.name ?? null,
      requirement: reqId,
      title: r?.title ?? null,
      section: r?.section ?? null,
      section_title: fw?.sections.find((s) => s.id === r?.section)?.title ?? null,
    };
  });
}

export interface FindingDetail {
  finding: FindingRecord;
  state: FindingState;
  /** the name of the finding's account, where the estate has one */
  account_name: string | null;
  life: { audit_key: string; first_seen: string; last_seen: string; resolved_at: string | null };
  events: FindingEvent[];
  mute: Mute | null;
  evidence: unknown;
  check: {
    id: string;
    title: string;
    severity: string;
    description: string;
    risk: string;
    remediation: { text: string; cli?: string; iac?: string };
    references: string[];
  } | null;
  compliance: ComplianceRef[];
  resource: { current: ResourceRecord | null; scan_id: string | null; versions: number };
}

export async function findingDetail(req: ApiRequest, ctx: ServerContext): Promise<FindingDetail> {
  const id = req.params.id ?? '';
  const got = await ctx.store.finding(id);
  if (!got) throw notFound(`no finding has the id "${id}"`);
  const rec = got.life.record;
  const state: FindingState = got.mute ? 'muted' : got.life.state;
  const check = checkById(got.life.check_id);
  const [history, names] = await Promise.all([
    ctx.store.resourceHistory(got.life.reference),
    accountNames(ctx),
  ]);
  const last = history.at(-1);
  return {
    account_name: nameOf(names, rec.com.cloud_type, rec.com.account) ?? null,
    finding: {
      ...rec,
      com: { ...rec.com, state, first_seen: got.life.first_seen, last_seen: got.life.last_seen },
    },
    state,
    life: {
      audit_key: got.life.audit_key,
      first_seen: got.life.first_seen,
      last_seen: got.life.last_seen,
      resolved_at: got.life.resolved_at,
    },
    events: got.events,
    mute: got.mute,
    evidence: rec.raw.evidence ?? null,
    check: check
      ? {
          id: check.id,
          title: check.title,
          severity: check.severity,
          description: check.description,
          risk: check.risk,
          // the fix for this finding's cloud only, not every cloud's
          remediation: remediationFor(check, rec.com.cloud_type),
          references: check.references,
        }
      : null,
    compliance: complianceRefs(ctx, rec.com.compliance ?? []),
    resource: { current: last?.record ?? null, scan_id: last?.scan_id ?? null, versions: history.length },
  };
}

const muteSchema = z
  .object({
    owner: z.string().trim().min(1, 'who owns the mute').max(200),
    reason: z.string().trim().min(1, 'why the finding is muted').max(2000),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();

function zodMessage(e: z.ZodError, body: unknown): string {
  return describeIssues(e.issues, body, { max: Number.POSITIVE_INFINITY });
}

export async function muteFinding(req: ApiRequest, ctx: ServerContext): Promise<unknown> {
  const id = req.params.id ?? '';
  const parsed = muteSchema.safeParse(req.body);
  if (!parsed.success) throw badRequest(`invalid mute: ${zodMessage(parsed.error, req.body)}`);
  const expires = parsed.data.expires_at ?? null;
  if (expires !== null && Date.parse(expires) <= Date.now())
    throw badRequest('invalid mute: expires_at is in the past');
  if (!(await ctx.store.finding(id))) throw notFound(`no finding has the id "${id}"`);
  const mute: Mute = {
    finding_id: id,
    owner: parsed.data.owner,
    reason: parsed.data.reason,
    created_at: new Date().toISOString(),
    expires_at: expires === null ? null : new Date(expires).toISOString(),
  };
  await ctx.store.mute(mute);
  return created({ mute });
}

export async function unmuteFinding(req: ApiRequest, ctx: ServerContext): Promise<{ unmuted: boolean }> {
  const id = req.params.id ?? '';
  if (!(await ctx.store.finding(id))) throw notFound(`no finding has the id "${id}"`);
  return { unmuted: await ctx.store.unmute(id) };
}

export { zodMessage };

import {
  type AccountPosture,
  accountKey,
  accountPostures,
  failingChecks,
  hasLevelFilter,
  type LevelFilter,
  matchesLevel,
  type OrgRollup,
  rollUp,
} from '../../core/org-posture.js';
import type { AccountName } from '../../core/scan-store.js';
import type { AccountSeverityCount } from '../../store/dashboard-store.js';
import {
  accountInfoOf,
  auditOf,
  resultsOf,
  type ScanView,
  type ServerContext,
  versioned,
  viewOf,
} from '../context.js';
import type { ApiRequest } from '../http.js';
import { str } from '../params.js';
import { LIVE_STATES } from './overview.js';

/** The level filter of a request: ?cloud=, ?org=, ?unit= (OU, management group or folder), ?account=. */
export function levelFilter(q: URLSearchParams): LevelFilter {
  const f: LevelFilter = {};
  const cloud = str(q, 'cloud', 50);
  const org = str(q, 'org', 200);
  const unit = str(q, 'unit', 200);
  const account = str(q, 'account', 200);
  if (cloud !== undefined) f.cloud = cloud;
  if (org !== undefined) f.org = org;
  if (unit !== undefined) f.unit = unit;
  if (account !== undefined) f.account = account;
  return f;
}

/**
 * The ids of the accounts under an organisation or unit (?org=, ?unit=), for a findings filter;
 * undefined when the request names neither (every account).
 */
export async function accountsUnder(q: URLSearchParams, ctx: ServerContext): Promise<string[] | undefined> {
  const f = levelFilter(q);
  if (f.org === undefined && f.unit === undefined) return undefined;
  const info = await accountInfoOf(ctx);
  return [...new Set([...info.values()].filter((a) => matchesLevel(a, f)).map((a) => a.account))];
}

export interface AccountsAnswer extends OrgRollup {
  audit: string | null;
  scan: { id: string; label: string | null; started_at: string; finished_at: string | null } | null;
  filter: LevelFilter;
  /** accounts in the audit's current state before the filter */
  accounts_in_audit: number;
}

/** Live failed findings of an audit by cloud, account and severity, in one grouped read of the counts table. */
function liveCounts(ctx: ServerContext, audit: string): Promise<AccountSeverityCount[]> {
  return ctx.dash.accountSeverityCounts({ audit_key: audit, states: LIVE_STATES, statuses: ['fail'] });
}

/**
 * What an account's posture takes from a view's complete scans, which never change: the
 * accounts its results name with their failed checks, and its resources by account id. Cached
 * by scope, so a new store version (a mute, another audit's scan) reads neither again.
 */
interface ScopeParts {
  failing: Map<string, number>;
  resources: Map<string, number>;
}

function scopeParts(ctx: ServerContext, view: ScanView): Promise<ScopeParts> {
  return ctx.cache.get(`account-parts|${view.scope.join(',')}`, async () => {
    const [results, resourceRows] = await Promise.all([
      resultsOf(ctx, view),
      ctx.dash.resourceCounts(view.scope, 'account'),
    ]);
    return {
      failing: failingChecks(results),
      resources: new Map(resourceRows.map((r) => [r.key, r.count])),
    };
  }) as Promise<ScopeParts>;
}

/** Every account of an audit's current state with its posture (cached per store version). */
async function postures(ctx: ServerContext, audit: string | null) {
  return versioned(ctx, `accounts|${audit}`, async () => {
    const view = await viewOf(new URLSearchParams(), ctx, audit);
    if (audit === null || view === null) return { view: null, accounts: [] as AccountPosture[] };
    const [info, parts, liveRows] = await Promise.all([
      accountInfoOf(ctx),
      scopeParts(ctx, view),
      liveCounts(ctx, audit),
    ]);
    const keys = new Set<string>((view.scan.accounts ?? []).map(accountKey));
    for (const key of parts.failing.keys()) keys.add(key);
    // the live findings of the clouds the view read (of those named in the scans, when it read none)
    const clouds = new Set([...keys].map((k) => k.slice(0, k.indexOf(':'))));
    if (clouds.size === 0) for (const a of info.values()) clouds.add(a.cloud);
    const live = liveRows.filter((r) => clouds.has(r.cloud));
    for (const r of live) keys.add(accountKey(r));
    // resources are counted by account id; an id is one cloud's
    const resources = new Map(
      [...keys].map((k) => [k, parts.resources.get(k.slice(k.indexOf(':') + 1)) ?? 0]),
    );
    const lastScanned = new Map<string, string>();
    for (const r of view.state?.rechecks ?? []) {
      for (const a of r.accounts ?? []) if (r.finished_at) lastScanned.set(accountKey(a), r.finished_at);
    }
    const viewInfo = new Map<string, AccountName>(info);
    for (const a of view.scan.accounts ?? [])
      if (!viewInfo.has(accountKey(a))) viewInfo.set(accountKey(a), a);
    const accounts = accountPostures({
      info: viewInfo,
      accounts: keys,
      live,
      failing: parts.failing,
      resources,
      lastScanned,
      scannedAt: view.state?.base.finished_at ?? view.scan.finished_at ?? view.scan.started_at,
    });
    return { view, accounts };
  });
}

/**
 * GET /api/accounts: posture per account and per level of the clouds' hierarchies for an audit's
 * current state, accounts ranked by live critical then high findings; ?org=, ?unit=, ?account=,
 * ?cloud= keep the accounts under that level.
 */
export async function accountsPosture(req: ApiRequest, ctx: ServerContext): Promise<AccountsAnswer> {
  const audit = await auditOf(req.query, ctx);
  const filter = levelFilter(req.query);
  const { view, accounts } = await postures(ctx, audit);
  const kept = hasLevelFilter(filter) ? accounts.filter((a) => matchesLevel(a, filter)) : accounts;
  return {
    audit,
    scan: view
      ? {
          id: view.scan.id,
          label: view.scan.label,
          started_at: view.scan.started_at,
          finished_at: view.scan.finished_at,
        }
      : null,
    filter,
    accounts_in_audit: accounts.length,
    ...rollUp(kept),
  };
}

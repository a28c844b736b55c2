import type { EventsQueries } from '../core/events-query.js';
import type { IncidentStore } from '../core/incidents.js';
import { accountInfo } from '../core/org-posture.js';
import type { ResourceRecord } from '../core/record.js';
import type { AccountName } from '../core/scan-store.js';
import type { Framework } from '../frameworks/framework.js';
import type { DashboardStore } from '../store/dashboard-store.js';
import type { QueryStore } from '../store/query.js';
import type { CurrentState, ResultRow, ScanSummary, Store } from '../store/store.js';
import { notFound } from './http.js';
import { str } from './params.js';

/** A small least-recently-used cache for answers derived from immutable or versioned data. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max = 64) {}

  async get(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const v = await make();
    this.map.set(key, v);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    return v;
  }
}

export interface ServerContext {
  store: Store;
  dash: DashboardStore;
  /** incidents folded from detections; absent when the store keeps none */
  incidents?: IncidentStore;
  frameworks: Framework[];
  /** read-only SQL over the store (the Query page); absent: the store answers none */
  queries?: QueryStore;
  /** SQL over activity logs (the kept copy, the configured logs); absent: none configured */
  events?: EventsQueries;
  /** the Query page's time limit per query */
  queryTimeoutMs: number;
  /** answers keyed by scan id (immutable) or by the store's data version */
  cache: Lru<unknown>;
}

/** The audit a request is about: ?audit=, else the audit of the latest scan (null: no scan yet). */
export async function auditOf(q: URLSearchParams, ctx: ServerContext): Promise<string | null> {
  const given = str(q, 'audit', 200);
  if (given !== undefined) return given;
  const [latest] = await ctx.store.listScans({ limit: 1 });
  return latest?.audit_key ?? null;
}

/**
 * What a page shows: one scan (?scan=), or by default the audit's current state (its latest
 * full scan with the re-checks applied after it).
 */
export interface ScanView {
  /** one scan's summary, or the current state's (named after its full scan) */
  scan: ScanSummary;
  /** the scans read, oldest first: [id] for one scan, the full scan and its re-checks for a state */
  scope: string[];
  /** the current state, when the view is one */
  state: CurrentState | null;
}

export async function viewOf(
  q: URLSearchParams,
  ctx: ServerContext,
  audit: string | null,
): Promise<ScanView | null> {
  const id = str(q, 'scan', 200);
  if (id !== undefined) {
    const scan = await ctx.store.getScan(id);
    if (!scan) throw notFound(`no complete scan has the id "${id}"`);
    return { scan, scope: [scan.id], state: null };
  }
  if (audit === null) return null;
  const state = await ctx.store.currentState(audit);
  return state ? { scan: state.summary, scope: state.scan_ids, state } : null;
}

/** The check results of a view (cached: complete scans never change, so neither does a scope). */
export function resultsOf(ctx: ServerContext, view: ScanView): Promise<ResultRow[]> {
  return ctx.cache.get(`results|${view.scope.join(',')}`, () =>
    view.state ? ctx.store.currentResults(view.state) : ctx.store.results(view.scan.id),
  ) as Promise<ResultRow[]>;
}

/** The inventory of a scope: one scan's resources, or a state's with each re-checked one replaced. */
export async function resourcesOf(ctx: ServerContext, scope: readonly string[]): Promise<ResourceRecord[]> {
  const byRef = new Map<string, ResourceRecord>();
  for (const id of scope) {
    for (const r of await ctx.store.resources(id)) {
      byRef.delete(r.com.reference);
      byRef.set(r.com.reference, r);
    }
  }
  return [...byRef.values()];
}

/**
 * Accounts by "cloud:account" with their names and places in their clouds' hierarchies, from
 * the scans' summaries (the newest name wins): the dashboard shows a name where the estate has
 * one, the id where it has not, and groups accounts by organisation and unit.
 */
export async function accountInfoOf(ctx: ServerContext): Promise<Map<string, AccountName>> {
  return versioned(ctx, 'account-info', async () => accountInfo(await ctx.store.listScans({ limit: 200 })));
}

/** Account names by "cloud:account" (see accountInfoOf). */
export async function accountNames(ctx: ServerContext): Promise<Map<string, string>> {
  return versioned(ctx, 'account-names', async () => {
    const names = new Map<string, string>();
    for (const [key, a] of await accountInfoOf(ctx)) names.set(key, a.name);
    return names;
  });
}

/** An account's name when it differs from its id. */
export function nameOf(
  names: ReadonlyMap<string, string>,
  cloud: string,
  account: string,
): string | undefined {
  const n = names.get(`${cloud}:${account}`);
  return n && n !== account ? n : undefined;
}

/**
 * A cached value tied to the store's contents: the key changes when another connection
 * commits (a scan, a mute) and every minute, since mutes also end by the clock.
 */
export async function versioned<V>(ctx: ServerContext, key: string, make: () => Promise<V>): Promise<V> {
  const minute = Math.floor(Date.now() / 60_000);
  return ctx.cache.get(`${await ctx.dash.dataVersion()}|${minute}|${key}`, make) as Promise<V>;
}

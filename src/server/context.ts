import type { Framework } from '../frameworks/framework.js';
import type { ScanSummary, Store } from '../store/store.js';
import type { DashboardStore } from './dashboard-store.js';
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
  frameworks: Framework[];
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

/** The scan a request is about: ?scan=, else the latest scan of the audit. */
export async function scanOf(
  q: URLSearchParams,
  ctx: ServerContext,
  audit: string | null,
): Promise<ScanSummary | null> {
  const id = str(q, 'scan', 200);
  if (id !== undefined) {
    const scan = await ctx.store.getScan(id);
    if (!scan) throw notFound(`no complete scan has the id "${id}"`);
    return scan;
  }
  return audit === null ? null : ctx.store.lastScan(audit);
}

/**
 * A cached value tied to the store's contents: the key changes when another connection
 * commits (a scan, a mute) and every minute, since mutes also end by the clock.
 */
export function versioned<V>(ctx: ServerContext, key: string, make: () => Promise<V>): Promise<V> {
  const minute = Math.floor(Date.now() / 60_000);
  return ctx.cache.get(`${ctx.dash.dataVersion()}|${minute}|${key}`, make) as Promise<V>;
}

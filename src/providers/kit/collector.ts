import type { CloudAdapter } from './adapter.js';
import { executeCollector } from './executor.js';

/**
 * The declarative shape of a collector, whatever the cloud: the list call (paged, single or
 * custom), the per-item enrichments with their dependencies, and for every call the permission
 * it needs and the codes meaning "absent" rather than "failed". The permissions of a collector
 * are derived from these declarations (never listed a second time); the rate scope every call
 * counts against is the collector's `rateScope`.
 */

/** One resource's raw bucket: the list item under `item`, each per-item answer under its key. */
export type RawItem = Record<string, unknown>;

/** What the kit needs of a cloud's collection context (one account or project, one region). */
export interface KitContext {
  account: string;
  /** the collection region, or 'global' */
  region: string;
  /** items enriched at once per collector run */
  itemConcurrency: number;
  /**
   * The enrichment keys to run (see Collector.enrichmentsFor): the selected checks read none of
   * the facts the others feed. Undefined: every key.
   */
  enrichments?: ReadonlySet<string>;
  /** a value shared by every collector of this scope, loaded once (joins, caches) */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** List with a paginator. */
export interface PagedList<Ctx, T, I, P> {
  permission: string;
  paginate: (client: T, ctx: Ctx) => AsyncIterable<P>;
  items: (page: P) => readonly I[] | undefined;
}

/** One call whose answer is the single item of the scope (a region or account setting). */
export interface SingleList<Ctx, T, I, M> {
  permission: string;
  single: (client: T, ctx: Ctx) => Promise<I>;
  /** the errors meaning "not configured": the item is then null */
  absentOn?: readonly M[];
}

/** Anything else (several calls, polling, a shared join). */
export interface CustomList<Ctx, T, I> {
  permission: string;
  /** the permissions of the other calls `all` makes (a report it generates before reading it) */
  alsoCalls?: readonly string[];
  all: (client: T, ctx: Ctx) => Promise<readonly I[]> | AsyncIterable<I>;
}

export type ListSpec<Ctx, T, I, P, M> =
  | PagedList<Ctx, T, I, P>
  | SingleList<Ctx, T, I, M>
  | CustomList<Ctx, T, I>;

/** A per-item call whose answer goes under its key in the raw item. */
export interface EnrichSpec<Ctx, T, I, M> {
  /** the permission it needs */
  permission: string;
  /** the permissions of the other calls `call` makes (a report it generates before reading it) */
  alsoCalls?: readonly string[];
  call: (client: T, item: I, ctx: Ctx & { raw: RawItem }) => Promise<unknown>;
  /** the errors meaning "not configured": stored as null */
  absentOn?: readonly M[];
  /** keys whose answers `call`, `when` or `region` read */
  after?: readonly string[];
  /** false: not applicable to this item, the key is left out and nothing is called */
  when?: (item: I, raw: RawItem) => boolean;
  /** the region to call in (for example an S3 bucket's region); default: the collector's */
  region?: (item: I, raw: RawItem) => string | undefined;
  /** items with the same key share one call (for example one parameter group) */
  cacheKey?: (item: I) => string | undefined;
  /** when the list item already carries the answer, it is used and nothing is called */
  fromItem?: (item: I) => unknown;
  /**
   * The facts (ext fields of the collector's records) this answer feeds: a scan whose checks
   * read none of them skips the call. Omitted: always called (it feeds com fields such as the
   * region, or costs nothing); `[]`: kept in raw only, called when every fact is asked for.
   */
  facts?: readonly string[];
}

/**
 * Re-collecting one resource (an event-driven re-check): the collector runs with its list call
 * narrowed to the id where the API can filter, and keeps the raw items that are the resource.
 */
export interface GetOneSpec<M> {
  /** the ids a collected raw item answers to (id, name, ARN...) */
  ids: (raw: RawItem) => string[];
  /**
   * Per list operation, narrows its request to one id; false when the id cannot be used there
   * (the answer is then cut to the resource instead).
   */
  narrow?: Readonly<Record<string, (request: Record<string, unknown>, id: string) => boolean>>;
  /** the errors of a narrowed list call meaning "no such resource": the resource is gone */
  absentOn?: readonly M[];
}

export interface CollectorDef<Ctx extends KitContext, T, I, P, M> {
  /** `<cloud>.<service>.<resource>` */
  type: string;
  /** 'region': run in every selected region; 'global': once per account */
  scope: 'region' | 'global';
  /** the limiter scope the collector's calls count against (AWS: the IAM service prefix) */
  rateScope: string;
  /** the collector's client in a region (default: the context's), guarded and paced by the adapter */
  open: (ctx: Ctx, region?: string) => T;
  list: ListSpec<Ctx, T, I, P, M>;
  enrich?: Record<string, EnrichSpec<Ctx, T, I, M>>;
  /** keys computed from the list item alone (decoded documents and the like), no API call */
  derive?: Record<string, (item: I) => unknown>;
  /** how one resource is re-collected; omitted for settings with one value per scope */
  getOne?: GetOneSpec<M>;
}

/** A collector with its types erased, as a provider and the policy generator see it. */
export interface Collector<Ctx extends KitContext = KitContext, M = unknown> {
  type: string;
  rateScope: string;
  scope: 'region' | 'global';
  /** every permission the collector may need, derived from its declared calls */
  permissions: readonly string[];
  listPermission: string;
  /** raw key -> permission of each per-item call */
  enrichPermissions: Record<string, string>;
  /** raw key -> the facts it feeds, for the per-item calls that declare them */
  enrichFacts: Record<string, readonly string[]>;
  getOne?: GetOneSpec<M>;
  /**
   * The per-item calls to make when the checks read only these facts of the collector's
   * records: the calls feeding them, the calls declaring no facts, and what they run after.
   */
  enrichmentsFor(facts: ReadonlySet<string>): Set<string>;
  run(ctx: Ctx): Promise<RawItem[]>;
}

/** Checks a declaration and erases its types; the adapter decides how errors and answers are read. */
export function defineCollector<Ctx extends KitContext, T, I, P, M>(
  adapter: CloudAdapter<M, unknown>,
  def: CollectorDef<Ctx, T, I, P, M>,
): Collector<Ctx, M> {
  if (!adapter.typePattern.test(def.type))
    throw new Error(`collector type "${def.type}" does not match ${adapter.typePattern}`);
  const enrichPermissions: Record<string, string> = {};
  const enrichFacts: Record<string, readonly string[]> = {};
  for (const [key, e] of Object.entries(def.enrich ?? {})) {
    enrichPermissions[key] = e.permission;
    if (e.facts) enrichFacts[key] = e.facts;
    for (const dep of e.after ?? []) {
      if (!def.enrich?.[dep]) throw new Error(`${def.type}: enrichment ${key} runs after unknown key ${dep}`);
    }
  }
  const enrichmentsFor = (facts: ReadonlySet<string>): Set<string> => {
    const out = new Set<string>();
    const add = (key: string) => {
      if (out.has(key)) return;
      out.add(key);
      for (const dep of def.enrich?.[key]?.after ?? []) add(dep);
    };
    for (const [key, e] of Object.entries(def.enrich ?? {})) {
      if (!e.facts || e.facts.some((f) => facts.has(f))) add(key);
    }
    return out;
  };
  const also = 'alsoCalls' in def.list ? (def.list.alsoCalls ?? []) : [];
  const permissions = [
    ...new Set([
      def.list.permission,
      ...also,
      ...Object.values(def.enrich ?? {}).flatMap((e) => [e.permission, ...(e.alsoCalls ?? [])]),
    ]),
  ];
  return {
    type: def.type,
    rateScope: def.rateScope,
    scope: def.scope,
    permissions,
    listPermission: def.list.permission,
    enrichPermissions,
    enrichFacts,
    ...(def.getOne ? { getOne: def.getOne } : {}),
    enrichmentsFor,
    run: (ctx) => executeCollector(adapter, def, ctx),
  };
}

import type { ClientCtor, SdkClient } from './clients.js';
import type { AwsErrorMatch } from './errors.js';
import { executeCollector } from './executor.js';

/** One resource's raw bucket: the list item under `item`, each per-item answer under its key. */
export type RawItem = Record<string, unknown>;

/** What a collector sees while running in one scope (account x region, or account x 'global'). */
export interface CollectContext {
  account: string;
  /** aws, aws-cn, aws-us-gov */
  partition: string;
  /** the collection region, or 'global' */
  region: string;
  /** region of the default client: the collection region, or the home region for global collectors */
  clientRegion: string;
  /**
   * A value shared by every collector of this account and region, loaded once: joins such as
   * "all volumes of the region", caches such as "the parameters of parameter group X".
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  client<C extends SdkClient>(ctor: ClientCtor<C>, service: string, region?: string): C;
  /** items enriched at once per collector run */
  itemConcurrency: number;
  /**
   * The enrichment keys to run (see Collector.enrichmentsFor): the selected checks read none of
   * the facts the others feed. Undefined: every key.
   */
  enrichments?: ReadonlySet<string>;
}

export interface EnrichContext extends CollectContext {
  /** the answers so far of this resource (the `after` enrichments are complete) */
  raw: RawItem;
}

/** List with an SDK paginator. */
export interface PagedList<C, I, P> {
  action: string;
  paginate: (client: C, ctx: CollectContext) => AsyncIterable<P>;
  items: (page: P) => readonly I[] | undefined;
}

/** One call whose answer is the single item of the scope (a region or account setting). */
export interface SingleList<C, I> {
  action: string;
  single: (client: C, ctx: CollectContext) => Promise<I>;
  /**
   * the errors meaning "not configured": the item is then null. The SDK's exception class where
   * the SDK models the error, and the code AWS sends (see AwsErrorMatch).
   */
  absentOn?: readonly AwsErrorMatch[];
}

/** Anything else (several calls, polling, a shared join). */
export interface CustomList<C, I> {
  action: string;
  all: (client: C, ctx: CollectContext) => Promise<readonly I[]> | AsyncIterable<I>;
}

export type ListSpec<C, I, P> = PagedList<C, I, P> | SingleList<C, I> | CustomList<C, I>;

/** A per-item call whose answer goes under its key in the raw item. */
export interface EnrichSpec<C, I> {
  /** the IAM action it needs */
  action: string;
  call: (client: C, item: I, ctx: EnrichContext) => Promise<unknown>;
  /** the errors meaning "not configured" (as for SingleList): stored as null */
  absentOn?: readonly AwsErrorMatch[];
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

export interface CollectorDef<C extends SdkClient, I, P = never> {
  /** `aws.<service>.<resource>` */
  type: string;
  /** IAM service prefix, also the rate-limit key: ec2, s3, iam, elasticloadbalancing, ... */
  service: string;
  client: ClientCtor<C>;
  /** 'region': run in every selected region; 'global': once per account */
  scope: 'region' | 'global';
  /** every IAM action the collector may call */
  actions: readonly string[];
  list: ListSpec<C, I, P>;
  enrich?: Record<string, EnrichSpec<C, I>>;
  /** keys computed from the list item alone (decoded documents and the like), no API call */
  derive?: Record<string, (item: I) => unknown>;
}

/** A collector with its types erased, as the provider and the policy generator see it. */
export interface Collector {
  type: string;
  service: string;
  scope: 'region' | 'global';
  actions: readonly string[];
  listAction: string;
  /** raw key -> IAM action of each per-item call */
  enrichActions: Record<string, string>;
  /** raw key -> the facts it feeds, for the per-item calls that declare them */
  enrichFacts: Record<string, readonly string[]>;
  /**
   * The per-item calls to make when the checks read only these facts of the collector's
   * records: the calls feeding them, the calls declaring no facts, and what they run after.
   */
  enrichmentsFor(facts: ReadonlySet<string>): Set<string>;
  run(ctx: CollectContext): Promise<RawItem[]>;
}

const TYPE_NAME = /^aws\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/;

export function defineCollector<C extends SdkClient, I, P = never>(def: CollectorDef<C, I, P>): Collector {
  if (!TYPE_NAME.test(def.type))
    throw new Error(`collector type "${def.type}" is not aws.<service>.<resource>`);
  const enrichActions: Record<string, string> = {};
  const enrichFacts: Record<string, readonly string[]> = {};
  for (const [key, e] of Object.entries(def.enrich ?? {})) {
    enrichActions[key] = e.action;
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
  for (const action of [def.list.action, ...Object.values(enrichActions)]) {
    if (!def.actions.includes(action))
      throw new Error(`${def.type}: action ${action} is not declared in actions`);
  }
  return {
    type: def.type,
    service: def.service,
    scope: def.scope,
    actions: def.actions,
    listAction: def.list.action,
    enrichActions,
    enrichFacts,
    enrichmentsFor,
    run: (ctx) => executeCollector(def, ctx),
  };
}

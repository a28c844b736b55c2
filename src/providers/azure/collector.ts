import * as kit from '../kit/collector.js';
import { azureAdapter } from './adapter.js';
import type { AzureApi } from './clouds.js';
import type { AzureSubscription } from './scopes.js';
import type { AzureTransport } from './transport.js';
import { armPath, type Query } from './urls.js';

export type { RawItem } from '../kit/collector.js';

/**
 * What an Azure collector sees while it runs: one subscription (Resource Manager reads below
 * /subscriptions/{id}), or the tenant (Microsoft Graph, tenant-level Resource Manager reads).
 * `account` is the subscription id, or the tenant id for tenant collectors; `region` is
 * 'global' (Resource Manager lists a subscription's resources in every region at once).
 */
export interface AzureCollectContext extends kit.KitContext {
  transport: AzureTransport;
  /** the subscription being read; undefined for tenant collectors */
  subscription?: AzureSubscription;
  /** the Entra tenant of the credential */
  tenant: string;
  /**
   * An event-driven re-check: the Resource Manager id of the one resource to read. List calls
   * that can, read it with one GET instead of listing (see armList).
   */
  only?: string;
}

export type EnrichContext = AzureCollectContext & { raw: kit.RawItem };

/** `absentOn`: Azure error codes (ResourceNotFound, Request_ResourceNotFound...), case-insensitive. */
export type ListSpec<I, P> = kit.ListSpec<AzureCollectContext, AzureTransport, I, P, string>;
/** `permission`: the Azure RBAC action of the call, or `graph:<Graph permission>`. */
export type EnrichSpec<I> = kit.EnrichSpec<AzureCollectContext, AzureTransport, I, string>;
export type GetOneSpec = kit.GetOneSpec<string>;

/** Where an Azure collector runs. */
export type AzureLevel = 'subscription' | 'tenant';

export interface AzureCollectorDef<I, P = I[]> {
  /** `azure.<service>.<resource>` */
  type: string;
  level: AzureLevel;
  /** the API the list call uses (and the limiter scope it is reported under); default arm */
  api?: AzureApi;
  list: ListSpec<I, P>;
  enrich?: Record<string, EnrichSpec<I>>;
  derive?: Record<string, (item: I) => unknown>;
  getOne?: GetOneSpec;
}

/** An Azure collector with its types erased, as the provider and the role printer see it. */
export type AzureCollector = kit.Collector<AzureCollectContext, string> & { level: AzureLevel };

/** An Azure collector: the kit's shape, with the provider's transport as its client. */
export function defineAzureCollector<I, P = I[]>(def: AzureCollectorDef<I, P>): AzureCollector {
  const { level, api, ...rest } = def;
  const c = kit.defineCollector<AzureCollectContext, AzureTransport, I, P, string>(azureAdapter, {
    ...rest,
    scope: 'global',
    rateScope: api ?? 'arm',
    open: (ctx) => ctx.transport,
  });
  return { ...c, level };
}

/** `{subscriptionId}` and `{tenantId}` of a path template, from the context. */
export function scopedPath(template: string, ctx: AzureCollectContext): string {
  const params: Record<string, string> = { tenantId: ctx.tenant };
  if (ctx.subscription) params.subscriptionId = ctx.subscription.id;
  return armPath(template, params);
}

export interface ArmListOptions {
  /** the RBAC action (Microsoft.Storage/storageAccounts/read) */
  permission: string;
  /** below the Resource Manager base: /subscriptions/{subscriptionId}/providers/... */
  path: string;
  apiVersion: string;
  query?: Query;
  /**
   * The items are resources with their own id, so a re-check of one reads it by id
   * (GET {id}?api-version) instead of listing; default true.
   */
  readById?: boolean;
}

/** A Resource Manager list with nextLink paging, pinned to its api-version. */
export function armList<I>(o: ArmListOptions): kit.PagedList<AzureCollectContext, AzureTransport, I, I[]> {
  const query = { ...o.query, 'api-version': o.apiVersion };
  return {
    permission: o.permission,
    async *paginate(t, ctx) {
      if (ctx.only && o.readById !== false) {
        yield [await t.get<I>('arm', ctx.only, { 'api-version': o.apiVersion })];
        return;
      }
      yield* t.pages<I>('arm', scopedPath(o.path, ctx), query);
    },
    items: (page) => page,
  };
}

/** A Microsoft Graph collection with @odata.nextLink paging. */
export function graphList<I>(o: {
  /** the Graph application permission, without the graph: prefix (User.Read.All) */
  permission: string;
  /** /v1.0/... or /beta/... */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
}): kit.PagedList<AzureCollectContext, AzureTransport, I, I[]> {
  return {
    permission: `graph:${o.permission}`,
    paginate: (t) => t.pages<I>('graph', o.path, o.query ?? {}, o.headers ? { headers: o.headers } : {}),
    items: (page) => page,
  };
}

/** One Resource Manager GET whose answer is the single item of the scope (a subscription setting). */
export function armSingle<I>(o: {
  permission: string;
  path: string;
  apiVersion: string;
  query?: Query;
  absentOn?: readonly string[];
}): kit.SingleList<AzureCollectContext, AzureTransport, I, string> {
  return {
    permission: o.permission,
    single: (t, ctx) => t.get<I>('arm', scopedPath(o.path, ctx), { ...o.query, 'api-version': o.apiVersion }),
    ...(o.absentOn ? { absentOn: o.absentOn } : {}),
  };
}

/** One Microsoft Graph GET whose answer is the single item of the tenant (a policy). */
export function graphSingle<I>(o: {
  permission: string;
  path: string;
  query?: Query;
  absentOn?: readonly string[];
}): kit.SingleList<AzureCollectContext, AzureTransport, I, string> {
  return {
    permission: `graph:${o.permission}`,
    single: (t) => t.get<I>('graph', o.path, o.query ?? {}),
    ...(o.absentOn ? { absentOn: o.absentOn } : {}),
  };
}

/** A per-item Resource Manager GET below the item's id (`{id}/blobServices/default`). */
export function armGetBelow<I extends { id: string }>(o: {
  permission: string;
  /** appended to the item's id: /blobServices/default */
  suffix: string;
  apiVersion: string;
  absentOn?: readonly string[];
  facts?: readonly string[];
  when?: (item: I, raw: kit.RawItem) => boolean;
  /** the answer is a list (`{value: [...]}`): every page is read and the items returned */
  list?: boolean;
}): EnrichSpec<I> {
  return {
    permission: o.permission,
    call: (t, item) =>
      o.list
        ? t.list('arm', `${item.id}${o.suffix}`, { 'api-version': o.apiVersion })
        : t.get('arm', `${item.id}${o.suffix}`, { 'api-version': o.apiVersion }),
    ...(o.absentOn ? { absentOn: o.absentOn } : {}),
    ...(o.facts ? { facts: o.facts } : {}),
    ...(o.when ? { when: o.when } : {}),
  };
}

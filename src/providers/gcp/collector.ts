import * as kit from '../kit/collector.js';
import { type GcpErrorMatch, gcpAdapter } from './adapter.js';
import { gcpPath, type Query } from './paths.js';
import type { GcpProject } from './scopes.js';
import type { AggregatedList, GcpTransport } from './transport.js';

export type { RawItem } from '../kit/collector.js';

/**
 * One API's reads about one project: paths are Google's, below the API's root, with `{project}`
 * (the project id) and `{projectNumber}` filled in, and every read counted against that
 * project's quota and judged as about it (a disabled API names the project).
 */
export class ApiReader {
  constructor(
    private readonly transport: GcpTransport,
    readonly api: string,
    readonly project: GcpProject,
    /**
     * Re-collecting one resource: the items of paged lists that are not it are dropped as pages
     * arrive, so no per-item call is made for the others (the kit's get-one).
     */
    private readonly keep?: (item: unknown) => boolean,
  ) {}

  /** `compute/v1/projects/{project}/global/firewalls` with the project and other values filled in. */
  path(template: string, params: Record<string, string> = {}): string {
    return gcpPath(template, {
      project: this.project.id,
      ...(this.project.number ? { projectNumber: this.project.number } : {}),
      ...params,
    });
  }

  private opts(query?: Query) {
    return { project: { id: this.project.id, number: this.project.number }, ...(query ? { query } : {}) };
  }

  get<T = unknown>(path: string, query?: Query): Promise<T> {
    return this.transport.get<T>(this.api, path, this.opts(query));
  }

  /** One of the POST reads the read-only guard allows (`:getIamPolicy`). */
  post<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    return this.transport.post<T>(this.api, path, body, this.opts());
  }

  list<T = unknown>(path: string, items: string, query?: Query): Promise<T[]> {
    return this.transport.list<T>(this.api, path, { items, ...this.opts(query) });
  }

  async *pages<T = unknown>(
    path: string,
    items: string,
    query?: Query,
  ): AsyncGenerator<T[], void, undefined> {
    for await (const page of this.transport.pages<T>(this.api, path, { items, ...this.opts(query) })) {
      yield this.keep ? page.filter((item) => this.keep?.(item)) : page;
    }
  }

  /** Compute's aggregatedList; a zone or region that could not be read fails the whole list. */
  async aggregated<T = unknown>(path: string, items: string, query?: Query): Promise<AggregatedList<T>> {
    const out = await this.transport.aggregatedList<T>(path, { items, ...this.opts(query) });
    const [first] = out.unreachable;
    if (first) {
      throw new Error(
        `${this.api} ${path}: ${out.unreachable.length} scope(s) could not be read (${first.scope}: ${first.message})`,
      );
    }
    return out;
  }
}

/** What a GCP collector sees while running in one project. */
export interface GcpCollectContext extends kit.KitContext {
  project: GcpProject;
  /** the organisation the project belongs to, when known (org-level settings) */
  organization?: string | undefined;
  /**
   * Whether the settings the project inherits from its folders and organisation (their IAM
   * policies and audit configs, their aggregated sinks) are read: when an organisation or folders
   * are scanned.
   */
  inherited?: boolean;
  /** a value shared by every project of the scan, loaded once (the organisation's settings) */
  shared?<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** the reader of one API for this project, through the read-only, rate-limited transport */
  reader(api: string): ApiReader;
}

export type GcpEnrichContext = GcpCollectContext & { raw: kit.RawItem };

export type PagedList<I> = kit.PagedList<GcpCollectContext, ApiReader, I, I[]>;
export type SingleList<I> = kit.SingleList<GcpCollectContext, ApiReader, I, GcpErrorMatch>;
export type CustomList<I> = kit.CustomList<GcpCollectContext, ApiReader, I>;
export type ListSpec<I> = kit.ListSpec<GcpCollectContext, ApiReader, I, I[], GcpErrorMatch>;
/** `permission`: the IAM permission of the call (compute.firewalls.list). */
export type EnrichSpec<I> = kit.EnrichSpec<GcpCollectContext, ApiReader, I, GcpErrorMatch>;
export type GetOneSpec = kit.GetOneSpec<GcpErrorMatch>;

export interface GcpCollectorDef<I> {
  /** `gcp.<service>.<resource>` */
  type: string;
  /** the API the collector reads (its host name: compute, cloudkms, logging...), also its rate scope */
  api: string;
  /** GCP collectors run once per project; regional and zonal resources come through aggregatedList */
  scope?: 'global';
  list: ListSpec<I>;
  enrich?: Record<string, EnrichSpec<I>>;
  derive?: Record<string, (item: I) => unknown>;
  getOne?: GetOneSpec;
}

/** A GCP collector with its types erased, as the provider and the policy generator see it. */
export type GcpCollector = kit.Collector<GcpCollectContext, GcpErrorMatch> & { api: string };

/** A GCP collector: the kit's shape, with the project's reader of `api` as its client. */
export function defineGcpCollector<I>(def: GcpCollectorDef<I>): GcpCollector {
  const { api, scope: _, ...rest } = def;
  const collector = kit.defineCollector<GcpCollectContext, ApiReader, I, I[], GcpErrorMatch>(gcpAdapter, {
    ...rest,
    scope: 'global',
    rateScope: api,
    open: (ctx) => ctx.reader(api),
  });
  return { ...collector, api };
}

/** A list read page by page: `items` of each answer (Google leaves the field out of an empty page). */
export function pagedList<I>(permission: string, path: string, items: string, query?: Query): PagedList<I> {
  return {
    permission,
    paginate: (r) => r.pages<I>(r.path(path), items, query),
    items: (page) => page,
  };
}

/**
 * Compute Engine's aggregatedList of a zonal or regional resource (every zone and region in one
 * paged read): the items of every scope, `items` being the field of each scope's answer.
 */
export function aggregatedList<I>(permission: string, path: string, items: string): CustomList<I> {
  return {
    permission,
    all: async (r) => (await r.aggregated<I>(r.path(path), items)).items.map((a) => a.item),
  };
}

import type { Logger } from '../../core/logger.js';
import {
  type AccountBatch,
  type Collection,
  type CollectOptions,
  type Provider,
  ProviderError,
} from '../../core/provider.js';
import type { SharedBudget } from '../aws/limiter.js';
import { collectorsFor, enrichmentPlan, type ProducesLookup } from '../kit/plan.js';
import { mapConcurrent } from '../kit/task-pool.js';
import { normaliserFor } from '../normalisers.js';
import { pathOf } from './ancestry.js';
import { ApiReader, type GcpCollectContext, type GcpCollector } from './collector.js';
import { type GcpProviderConfig, type GcpProviderInput, parseGcpProviderConfig } from './config.js';
import type { GcpCredential } from './credentials.js';
import { describeGcpError, GcpApiDisabledError, isGcpError } from './errors.js';
import { createGcpTransport } from './index.js';
import type { Clock, RequestLimiter } from './limiter.js';
import { GCP_COLLECTORS } from './resources/index.js';
import { type GcpProject, type ProjectPlan, resolveProjects } from './scopes.js';
import type { GcpTransport, TransportStats } from './transport.js';

/** Things a test, a benchmark or an embedding replaces; a real scan passes none. */
export interface GcpProviderDeps {
  env?: NodeJS.ProcessEnv;
  /** a credential instead of Application Default Credentials */
  credential?: GcpCredential;
  /** CA certificates to trust in-process (PEM), besides NODE_EXTRA_CA_CERTS */
  ca?: string | Buffer | (string | Buffer)[];
  clock?: Clock;
  limiter?: RequestLimiter;
  /** a request budget shared with other processes (scale-out workers: Redis token buckets) */
  sharedBudget?: SharedBudget;
  logger?: Logger;
  collectors?: readonly GcpCollector[];
  produces?: ProducesLookup;
}

export interface GcpCollectStats {
  projects: number;
  /** raw items collected */
  resources: number;
  collections: number;
  failedCollections: number;
  /** collections of an API that is not enabled in the project (not applicable) */
  disabledCollections: number;
  /** the transport's counters: logical calls, HTTP attempts, retries, throttled answers */
  transport: TransportStats | undefined;
}

/** how long re-checks trust the resolved project list */
const PLAN_TTL_MS = 10 * 60_000;

/** The value of `key`, loaded the first time it is asked for. */
function once<T>(cache: Map<string, Promise<unknown>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    p.catch(() => undefined);
    cache.set(key, p);
  }
  return p;
}

const defaultProduces: ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/**
 * The Google Cloud provider: Application Default Credentials (impersonating when configured),
 * the projects to read (every one the credential can see, an organisation's or folders', or a
 * list, then include / exclude), and per project the collectors the requested types need. An
 * API that is not enabled in a project makes its collections "not applicable" with the reason;
 * any other failed read is the collection's error, never an empty list.
 */
export class GcpProvider implements Provider {
  readonly config: GcpProviderConfig;
  private transport: GcpTransport | undefined;
  private projects = 0;
  private resources = 0;
  private collections = 0;
  private failed = 0;
  private disabled = 0;

  constructor(
    config: GcpProviderInput | GcpProviderConfig,
    private readonly deps: GcpProviderDeps = {},
    readonly name = 'gcp',
  ) {
    this.config = parseGcpProviderConfig(config, `providers.${name}`);
  }

  /** The collectors needed for these record types. */
  collectorsFor(types: ReadonlySet<string>): GcpCollector[] {
    return collectorsFor(
      types,
      this.deps.collectors ?? GCP_COLLECTORS,
      this.deps.produces ?? defaultProduces,
    );
  }

  stats(): GcpCollectStats {
    return {
      projects: this.projects,
      resources: this.resources,
      collections: this.collections,
      failedCollections: this.failed,
      disabledCollections: this.disabled,
      transport: this.transportStats(),
    };
  }

  /** The projects this provider reads (and the organisations it could see), resolved once. */
  async plan(): Promise<ProjectPlan> {
    const transport = await this.open();
    return resolveProjects(transport, this.config);
  }

  private async open(): Promise<GcpTransport> {
    if (this.transport) return this.transport;
    const transport = await createGcpTransport(this.config, {
      ...(this.deps.env ? { env: this.deps.env } : {}),
      ...(this.deps.credential ? { credential: this.deps.credential } : {}),
      ...(this.deps.ca ? { ca: this.deps.ca } : {}),
      ...(this.deps.clock ? { clock: this.deps.clock } : {}),
      ...(this.deps.limiter ? { limiter: this.deps.limiter } : {}),
      ...(this.deps.sharedBudget ? { sharedBudget: this.deps.sharedBudget } : {}),
    }).catch((e: unknown) => {
      throw new ProviderError(`gcp: ${e instanceof Error ? e.message : String(e)}`);
    });
    try {
      await transport.caller();
    } catch (e) {
      transport.close();
      throw new ProviderError(`gcp: cannot use the credentials: ${describeGcpError(e)}`);
    }
    this.transport = transport;
    return transport;
  }

  async *collect(opts: CollectOptions): AsyncIterable<AccountBatch> {
    const collectors = this.collectorsFor(opts.types);
    if (collectors.length === 0) return;
    const transport = await this.open();
    try {
      let plan: ProjectPlan;
      try {
        plan = await resolveProjects(transport, this.config);
      } catch (e) {
        throw new ProviderError(`gcp: cannot list the projects to scan: ${describeGcpError(e)}`);
      }
      for (const p of plan.problems) {
        this.deps.logger?.warn(
          `gcp: ${p.scope} could not be listed, its projects are not scanned: ${describeGcpError(p.error)}`,
        );
      }
      if (plan.projects.length === 0) {
        const why = plan.problems[0] ? `: ${describeGcpError(plan.problems[0].error)}` : '';
        throw new ProviderError(`gcp: no project to scan${why}`);
      }
      const produces = this.deps.produces ?? defaultProduces;
      const plans = new Map(collectors.map((c) => [c, enrichmentPlan(c, opts.types, opts.facts, produces)]));
      const org = this.config.organization;
      // the organisation's and folders' reads, made once for every project below them
      const shared = new Map<string, Promise<unknown>>();
      const total = plan.projects.length * collectors.length;
      let untold = true;
      let done = 0;
      for (const project of plan.projects) {
        // the project's shared reads (its compute settings, its dataset list), made once for all collectors
        const memo = new Map<string, Promise<unknown>>();
        const collections = await mapConcurrent(collectors, this.config.max_concurrency, async (c) => {
          const col = await this.collectIn(transport, project, org, c, plans.get(c), memo, undefined, shared);
          opts.onProgress?.(++done, total, `${project.id} ${c.type}`);
          return col;
        });
        this.projects++;
        const batch = this.count({
          cloud: 'gcp',
          account: project.id,
          ...(project.name !== project.id ? { account_name: project.name } : {}),
          collections,
        });
        // the folders above were read for the inherited settings: the path reuses those reads
        const ctx = this.context(transport, project, org, undefined, memo, undefined, shared);
        try {
          const path = await pathOf(ctx, plan.organizations);
          yield path ? { ...batch, path } : batch;
        } catch (e) {
          // the folders only group the projects in views: told once, the scan goes on
          const error = untold
            ? `resourcemanager.folders.get: ${isGcpError(e) ? describeGcpError(e) : (e as Error).message} (the projects are shown without their folders and organisation)`
            : undefined;
          untold = false;
          yield error
            ? { ...batch, collections: [...collections, { ...hierarchyBase(project.id), error }] }
            : batch;
        }
      }
    } finally {
      transport.close();
      // the stats stay readable; a later collect opens a new transport
      this.transport = undefined;
      this.lastStats = transport.stats();
    }
  }

  private lastStats: TransportStats | undefined;
  private planCache: { at: number; plan: Promise<ProjectPlan> } | undefined;

  /** The project plan for event-driven re-checks, resolved again after PLAN_TTL_MS. */
  private cachedPlan(transport: GcpTransport): Promise<ProjectPlan> {
    const now = Date.now();
    if (!this.planCache || now - this.planCache.at > PLAN_TTL_MS) {
      const plan = resolveProjects(transport, this.config);
      plan.catch(() => {
        this.planCache = undefined;
      });
      this.planCache = { at: now, plan };
    }
    return this.planCache.plan;
  }

  /** The project of this provider with that id, or null when the provider does not read it. */
  private async project(projectId: string): Promise<{ transport: GcpTransport; project: GcpProject } | null> {
    const transport = await this.open();
    const plan = await this.cachedPlan(transport);
    const project = plan.projects.find((p) => p.id === projectId);
    return project ? { transport, project } : null;
  }

  /**
   * One resource again (an event-driven re-check, through the kit's get-one): its type's
   * collector in its project, keeping the raw items that answer to `id` (every item of a
   * setting with one value per project). Null when the project is not this provider's.
   */
  async collectOne(
    type: string,
    projectId: string,
    id: string,
    singleton: boolean,
  ): Promise<Collection | null> {
    const c = (this.deps.collectors ?? GCP_COLLECTORS).find((x) => x.type === type);
    const base = { cloud: 'gcp' as const, account: projectId, region: 'global', type };
    if (!c) return { ...base, error: `no GCP collector for ${type}` };
    const reach = await this.project(projectId);
    if (!reach) return null;
    const ids = c.getOne?.ids;
    if (!singleton && !ids)
      return { ...base, error: `${type} declares no get-one: it cannot be re-read alone` };
    const keep = singleton || !ids ? undefined : (item: unknown) => ids({ item }).includes(id);
    const col = await this.collectIn(
      reach.transport,
      reach.project,
      this.config.organization,
      c,
      undefined,
      new Map(),
      keep,
    );
    if (col.items === undefined || !keep) return col;
    return { ...col, items: col.items.filter((raw) => keep(raw.item)) };
  }

  /** Every collection of these types in one project (a re-check of scope checks), or null. */
  async collectProject(opts: CollectOptions, projectId: string): Promise<AccountBatch | null> {
    const reach = await this.project(projectId);
    if (!reach) return null;
    const collectors = this.collectorsFor(opts.types);
    const produces = this.deps.produces ?? defaultProduces;
    const memo = new Map<string, Promise<unknown>>();
    const collections = await mapConcurrent(collectors, this.config.max_concurrency, (c) =>
      this.collectIn(
        reach.transport,
        reach.project,
        this.config.organization,
        c,
        enrichmentPlan(c, opts.types, opts.facts, produces),
        memo,
      ),
    );
    const p = reach.project;
    return { cloud: 'gcp', account: p.id, ...(p.name !== p.id ? { account_name: p.name } : {}), collections };
  }

  /** Release the transport kept for re-checks. */
  close(): void {
    if (this.transport) this.lastStats = this.transport.stats();
    this.transport?.close();
    this.transport = undefined;
  }

  /** The transport counters of the last finished collection (calls, attempts, throttled). */
  transportStats(): TransportStats | undefined {
    return this.transport?.stats() ?? this.lastStats;
  }

  private async collectIn(
    transport: GcpTransport,
    project: GcpProject,
    organization: string | undefined,
    c: GcpCollector,
    enrichments: ReadonlySet<string> | undefined,
    /** the project's shared reads, made once for all its collectors */
    memo: Map<string, Promise<unknown>> = new Map(),
    keep?: (item: unknown) => boolean,
    /** the scan's reads about folders and organisations, made once for all projects */
    shared: Map<string, Promise<unknown>> = memo,
  ): Promise<Collection> {
    const base = { cloud: 'gcp' as const, account: project.id, region: 'global', type: c.type };
    const ctx = this.context(transport, project, organization, enrichments, memo, keep, shared);
    try {
      return { ...base, items: await c.run(ctx) };
    } catch (e) {
      if (e instanceof GcpApiDisabledError) {
        const service = e.service ?? `the ${e.api} API`;
        return { ...base, items: [], not_applicable: `${service} is not enabled in project ${project.id}` };
      }
      const lookup = project.lookupError
        ? ` (the project could not be looked up: ${project.lookupError})`
        : '';
      const what = isGcpError(e) ? describeGcpError(e) : e instanceof Error ? e.message : String(e);
      return { ...base, error: `${c.listPermission}: ${what}${lookup}` };
    }
  }

  private context(
    transport: GcpTransport,
    project: GcpProject,
    organization: string | undefined,
    enrichments: ReadonlySet<string> | undefined,
    memo: Map<string, Promise<unknown>>,
    keep: ((item: unknown) => boolean) | undefined,
    shared: Map<string, Promise<unknown>>,
  ): GcpCollectContext {
    return {
      account: project.id,
      region: 'global',
      itemConcurrency: Math.max(1, Math.min(8, this.config.max_concurrency)),
      ...(enrichments ? { enrichments } : {}),
      project,
      organization,
      inherited: Boolean(this.config.organization || this.config.folders?.length),
      reader: (api) => new ApiReader(transport, api, project, keep),
      memo: (key, load) => once(memo, key, load),
      shared: (key, load) => once(shared, key, load),
    };
  }

  private count(batch: AccountBatch): AccountBatch {
    for (const c of batch.collections) {
      this.collections++;
      if (c.error !== undefined) this.failed++;
      if (c.not_applicable !== undefined) this.disabled++;
      this.resources += c.items?.length ?? 0;
    }
    return batch;
  }
}

/** The type of the collection that tells a scan the folders above its projects could not be read. */
export const GCP_HIERARCHY_SOURCE = 'gcp.resourcemanager.hierarchy';

function hierarchyBase(project: string) {
  return { cloud: 'gcp' as const, account: project, region: 'global', type: GCP_HIERARCHY_SOURCE };
}

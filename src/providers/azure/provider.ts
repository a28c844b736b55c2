import type { TokenCredential } from '@azure/core-auth';
import type { Logger } from '../../core/logger.js';
import {
  type AccountBatch,
  type Collection,
  type CollectOptions,
  type Provider,
  ProviderError,
} from '../../core/provider.js';
import type { OrgLevel } from '../../core/scan-store.js';
import type { SharedBudget } from '../aws/limiter.js';
import { ServiceNotInUseError } from '../kit/not-in-use.js';
import { collectorsFor, enrichmentPlan, type ProducesLookup } from '../kit/plan.js';
import { mapConcurrent } from '../kit/task-pool.js';
import { normaliserFor } from '../normalisers.js';
import { azureAdapter } from './adapter.js';
import type { AzureCollectContext, AzureCollector } from './collector.js';
import { type AzureProviderConfig, type AzureProviderInput, parseAzureProviderConfig } from './config.js';
import { describeAzureError } from './errors.js';
import { createAzureTransport } from './index.js';
import type { Clock } from './limiter.js';
import { ManagementGroupReadError, readManagementGroupPaths } from './management-groups.js';
import { AZURE_COLLECTORS } from './resources/index.js';
import { type AzureSubscription, resolveSubscriptions, type SkippedSubscription } from './scopes.js';
import type { AzureTransport, TransportStats } from './transport.js';

/** Things a test or benchmark replaces; a real scan passes none. */
export interface AzureProviderDeps {
  /** a credential instead of the configured one */
  credential?: TokenCredential;
  env?: NodeJS.ProcessEnv;
  /** CA certificates to trust in-process, besides NODE_EXTRA_CA_CERTS */
  ca?: string | Buffer;
  clock?: Clock;
  /** a request budget shared with other processes (scale-out workers: Redis token buckets) */
  sharedBudget?: SharedBudget;
  collectors?: readonly AzureCollector[];
  produces?: ProducesLookup;
  logger?: Logger;
}

export interface AzureCollectStats extends TransportStats {
  /** raw items collected */
  resources: number;
  collections: number;
  failedCollections: number;
  subscriptions: number;
}

const defaultProduces: ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/**
 * The Azure provider: resolves the subscriptions (every one the credential lists, a list, or a
 * management group's; include / exclude), then collects each through the kit, a few at a time,
 * over one transport whose limiter paces every (subscription, principal) pair. Tenant-wide
 * types (Microsoft Graph) are collected once, as the batch of the tenant. A subscription that
 * cannot be read yields a batch whose collections carry the reason, so its checks report
 * `error`, never `pass`.
 */
export class AzureProvider implements Provider {
  readonly config: AzureProviderConfig;
  private transport: AzureTransport | undefined;
  private resources = 0;
  private collections = 0;
  private failed = 0;
  private subscriptionCount = 0;

  constructor(
    config: AzureProviderInput | AzureProviderConfig,
    private readonly deps: AzureProviderDeps = {},
    readonly name = 'azure',
  ) {
    this.config = parseAzureProviderConfig(config, `providers.${name}`);
  }

  /** what the provider was built with (a recollector builds a narrower provider from them) */
  get dependencies(): AzureProviderDeps {
    return this.deps;
  }

  collectorsFor(types: ReadonlySet<string>): AzureCollector[] {
    return collectorsFor(
      types,
      this.deps.collectors ?? AZURE_COLLECTORS,
      this.deps.produces ?? defaultProduces,
    );
  }

  stats(): AzureCollectStats {
    const t = this.transport?.stats() ?? {
      calls: 0,
      attempts: 0,
      retries: 0,
      throttled: 0,
      byStatus: {},
      rateLimits: {},
    };
    return {
      ...t,
      resources: this.resources,
      collections: this.collections,
      failedCollections: this.failed,
      subscriptions: this.subscriptionCount,
    };
  }

  /** A transport per collect(); the last one stays for stats() after it is closed. */
  private openTransport(): AzureTransport {
    try {
      this.transport = createAzureTransport(this.config, {
        ...(this.deps.env ? { env: this.deps.env } : {}),
        ...(this.deps.credential ? { credential: this.deps.credential } : {}),
        ...(this.deps.ca ? { ca: this.deps.ca } : {}),
        ...(this.deps.clock ? { clock: this.deps.clock } : {}),
        ...(this.deps.sharedBudget ? { sharedBudget: this.deps.sharedBudget } : {}),
      });
    } catch (e) {
      throw new ProviderError(`azure (providers.${this.name}): ${describeAzureError(e)}`);
    }
    return this.transport;
  }

  async *collect(opts: CollectOptions): AsyncIterable<AccountBatch> {
    const collectors = this.collectorsFor(opts.types);
    if (collectors.length === 0) return;
    const transport = this.openTransport();
    try {
      const caller = await transport.caller('arm').catch((e: unknown) => {
        throw new ProviderError(`azure: cannot use the credential: ${describeAzureError(e)}`);
      });
      const plans = new Map(
        collectors.map((c) => [
          c,
          enrichmentPlan(c, opts.types, opts.facts, this.deps.produces ?? defaultProduces),
        ]),
      );
      const tenantCollectors = collectors.filter((c) => c.level === 'tenant');
      const subscriptionCollectors = collectors.filter((c) => c.level === 'subscription');
      if (tenantCollectors.length > 0) {
        yield this.count(
          await this.collectScope(transport, caller.tenant, undefined, tenantCollectors, plans, opts),
        );
      }
      if (subscriptionCollectors.length === 0) return;
      const plan = await resolveSubscriptions(transport, this.config).catch((e: unknown) => {
        throw new ProviderError(`azure: cannot list the subscriptions to scan: ${describeAzureError(e)}`);
      });
      for (const s of plan.skipped) {
        if (!s.error) this.deps.logger?.warn(`azure: subscription ${label(s)} not scanned: ${s.reason}`);
      }
      if (plan.subscriptions.length === 0 && plan.skipped.every((s) => !s.error)) {
        throw new ProviderError(
          'azure: no subscription to scan (the credential lists none that is enabled and selected)',
        );
      }
      const tree = await this.managementGroups(transport, caller.tenant);
      const placed = (b: AccountBatch): AccountBatch => {
        const path = tree.paths.get(b.account);
        return path ? { ...b, path } : b;
      };
      for (const s of plan.skipped) {
        if (s.error) yield placed(this.count(unreadable(s, subscriptionCollectors)));
      }
      // a tree that could not be read is told once, at the end of the first subscription's batch
      let untold = tree.error;
      // a window of subscriptions in flight, yielded in order
      const window: Promise<AccountBatch>[] = [];
      let next = 0;
      const fill = () => {
        while (window.length < this.config.subscription_concurrency && next < plan.subscriptions.length) {
          const sub = plan.subscriptions[next++] as AzureSubscription;
          window.push(this.collectScope(transport, caller.tenant, sub, subscriptionCollectors, plans, opts));
        }
      };
      fill();
      while (window.length > 0) {
        const batch = await (window.shift() as Promise<AccountBatch>);
        fill();
        this.subscriptionCount++;
        const told = untold === undefined ? undefined : hierarchyFailure(batch.account, untold);
        untold = undefined;
        yield placed(
          told ? { ...this.count(batch), collections: [...batch.collections, told] } : this.count(batch),
        );
      }
    } finally {
      transport.close();
    }
  }

  /**
   * Re-reads one resource (an event-driven re-check) through the kit's get-one: the collector's
   * list is narrowed to `GET {id}` where it declares one; a setting with one value per
   * subscription (`id` SINGLETON, '*') is read whole. An answer its get-one declares "absent"
   * means the resource is gone (no items).
   */
  async collectOne(target: { type: string; account: string; id: string }): Promise<Collection> {
    const base = { cloud: 'azure' as const, account: target.account, region: 'global', type: target.type };
    const collector = (this.deps.collectors ?? AZURE_COLLECTORS).find((c) => c.type === target.type);
    if (!collector) return { ...base, error: `no Azure collector for ${target.type}` };
    const transport = this.openTransport();
    try {
      const caller = await transport.caller(collector.rateScope === 'graph' ? 'graph' : 'arm');
      const only = collector.getOne && target.id !== '*' ? target.id : undefined;
      const ctx: AzureCollectContext = {
        account: target.account,
        region: 'global',
        itemConcurrency: this.config.max_concurrency,
        transport,
        tenant: caller.tenant,
        ...(collector.level === 'subscription'
          ? { subscription: { id: target.account, name: target.account, state: 'Enabled' } }
          : {}),
        ...(only ? { only } : {}),
        memo: (_key, load) => load(),
      };
      try {
        return { ...base, items: await collector.run(ctx) };
      } catch (e) {
        if (only && azureAdapter.matches(e, collector.getOne?.absentOn)) return { ...base, items: [] };
        throw e;
      }
    } catch (e) {
      return { ...base, error: `${collector.listPermission}: ${describeAzureError(e)}` };
    } finally {
      transport.close();
    }
  }

  private async collectScope(
    transport: AzureTransport,
    tenant: string,
    sub: AzureSubscription | undefined,
    collectors: readonly AzureCollector[],
    plans: Map<AzureCollector, ReadonlySet<string> | undefined>,
    opts: CollectOptions,
  ): Promise<AccountBatch> {
    const account = sub?.id ?? tenant;
    const memo = new Map<string, Promise<unknown>>();
    let done = 0;
    const what = sub ? `subscription ${sub.name} (${sub.id})` : `tenant ${tenant}`;
    const limit = Math.max(1, Math.min(collectors.length, this.config.max_concurrency));
    const results = await mapConcurrent(collectors, limit, async (c): Promise<Collection> => {
      const enrichments = plans.get(c);
      const ctx: AzureCollectContext = {
        account,
        region: 'global',
        itemConcurrency: this.config.max_concurrency,
        ...(enrichments ? { enrichments } : {}),
        transport,
        tenant,
        ...(sub ? { subscription: sub } : {}),
        memo: <T>(key: string, load: () => Promise<T>): Promise<T> => {
          let p = memo.get(key) as Promise<T> | undefined;
          if (!p) {
            p = load();
            // a rejected shared value is seen by every reader; this only keeps it from being "unhandled"
            p.catch(() => undefined);
            memo.set(key, p);
          }
          return p;
        },
      };
      let col: Collection;
      try {
        const items = await c.run(ctx);
        col = { cloud: 'azure', account, region: 'global', type: c.type, items };
      } catch (e) {
        col =
          e instanceof ServiceNotInUseError
            ? {
                cloud: 'azure',
                account,
                region: 'global',
                type: c.type,
                items: [],
                not_applicable: e.message,
              }
            : {
                cloud: 'azure',
                account,
                region: 'global',
                type: c.type,
                error: `${c.listPermission}: ${describeAzureError(e)}`,
              };
      }
      opts.onProgress?.(++done, collectors.length, `${what} ${c.type}`);
      return col;
    });
    return {
      cloud: 'azure',
      account,
      account_name: sub ? sub.name : `Entra ID tenant ${tenant}`,
      collections: results,
    };
  }

  /**
   * Where each subscription is in the tenant's management groups; the groups only group the
   * subscriptions in views, so a scan goes on without them, saying why.
   */
  private async managementGroups(
    transport: AzureTransport,
    tenant: string,
  ): Promise<{ paths: ReadonlyMap<string, OrgLevel[]>; error?: string }> {
    try {
      return { paths: await readManagementGroupPaths(transport, tenant) };
    } catch (e) {
      const [action, cause] = e instanceof ManagementGroupReadError ? [e.action, e.error] : ['', e];
      return {
        paths: new Map(),
        error: `${action ? `${action}: ` : ''}${describeAzureError(cause)} (the subscriptions are shown without their management groups)`,
      };
    }
  }

  private count(batch: AccountBatch): AccountBatch {
    for (const c of batch.collections) {
      this.collections++;
      if (c.error) this.failed++;
      this.resources += c.items?.length ?? 0;
    }
    return batch;
  }
}

function label(s: SkippedSubscription): string {
  return s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id;
}

/** A subscription asked for that cannot be read: every collection is an error with Azure's reason. */
function unreadable(s: SkippedSubscription, collectors: readonly AzureCollector[]): AccountBatch {
  return {
    cloud: 'azure',
    account: s.id,
    ...(s.name ? { account_name: s.name } : {}),
    collections: collectors.map((c) => ({
      cloud: 'azure',
      account: s.id,
      region: 'global',
      type: c.type,
      error: `subscription ${label(s)} ${s.reason}`,
    })),
  };
}

/** The type of the collection that tells a scan the management group tree could not be read. */
export const AZURE_HIERARCHY_SOURCE = 'azure.management.hierarchy';

function hierarchyFailure(account: string, error: string): Collection {
  return { cloud: 'azure', account, region: 'global', type: AZURE_HIERARCHY_SOURCE, error };
}

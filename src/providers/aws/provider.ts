import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  type AccountBatch,
  type Collection,
  type CollectOptions,
  ProviderError,
  type UnitCollections,
  type UnitProvider,
  type UnitScope,
} from '../../core/provider.js';
import type { OrgLevel } from '../../core/scan-store.js';
import type { CredentialCache } from '../kit/credential-cache.js';
import { ServiceNotInUseError } from '../kit/not-in-use.js';
import { AccountClients, CallStats, type ClientSettings, type HttpHandler, pacingPlugin } from './clients.js';
import type { CollectContext, Collector } from './collector.js';
import { AWS_COLLECTORS } from './collectors/index.js';
import { type AwsProviderConfig, type AwsProviderInput, parseAwsProviderConfig } from './config.js';
import {
  type AssumeRole,
  assumeRoleWithSdk,
  listOrganizationAccounts,
  memoizeCredentials,
  roleArnIn,
  selectAccounts,
} from './credentials.js';
import { actionOf, describeError } from './errors.js';
import {
  awsPacing,
  BudgetExhausted,
  type Clock,
  mapConcurrent,
  RateLimiter,
  type SharedBudget,
} from './limiter.js';
import { awsPartition } from './normalisers/aws-common.js';
import { readOrganizationPaths } from './org-hierarchy.js';
import { collectorsFor, defaultProduces, enrichmentPlan, type ProducesLookup } from './produces.js';
import { AWS_PACING } from './resources/index.js';
import { callerIdentity, regionsToScan, resolveHomeRegion } from './scopes.js';

/** Things a test or benchmark replaces; a real scan passes none. */
export interface AwsProviderDeps {
  /** replaces the SDK's credential chain (the configured role is still assumed from it) */
  credentials?: AwsCredentialIdentityProvider;
  assumeRole?: AssumeRole;
  requestHandler?: HttpHandler;
  clock?: Clock;
  /** region of the global calls; default: AWS_REGION / the profile's region / us-east-1 */
  homeRegion?: string;
  env?: NodeJS.ProcessEnv;
  collectors?: readonly Collector[];
  produces?: ProducesLookup;
  /** a request budget shared with other processes (scale-out workers: Redis token buckets) */
  sharedBudget?: SharedBudget;
  /** assumed-role credentials kept across the providers of one process (a worker's scans) */
  credentialCache?: CredentialCache;
}

/** Who is scanned: resolved once per provider (and per worker in a scan split into units). */
interface ResolvedTargets {
  home: string;
  partition: string;
  targets: AccountTarget[];
  /** the caller's account and credentials (the organisation's management or delegated account) */
  me: string;
  base: AwsCredentialIdentityProvider;
}

/** Where the accounts are in the organisation, or why that could not be read. */
interface OrgHierarchy {
  paths: ReadonlyMap<string, OrgLevel[]>;
  /** why the organisation's tree could not be read (the accounts then have no path) */
  error?: string;
}

/** The type of the collection that tells a scan the organisation's tree could not be read. */
export const AWS_HIERARCHY_SOURCE = 'aws.organizations.hierarchy';
/** Its place in the first account's batch: after everything a unit of the account can collect. */
const HIERARCHY_SEQ = 9_000_000;

export interface AwsCollectStats {
  /** HTTP requests per `<service>:<Operation>`, retries included */
  calls: Record<string, number>;
  totalCalls: number;
  /** raw items collected */
  resources: number;
  collections: number;
  failedCollections: number;
  peakInFlight: number;
  tokenWaits: number;
  /** throttled answers (every attempt), and how often a bucket lowered its rate for them */
  throttled: number;
  slowdowns: number;
}

interface AccountTarget {
  id: string;
  name?: string;
  credentials: AwsCredentialIdentityProvider;
  /** set when the credentials come from a role assumed into the account */
  roleArn?: string;
  /** the check that the role was assumed (resolves undefined when it was, else the error), kept once it succeeded */
  verified?: Promise<unknown>;
}

/**
 * The AWS provider: resolves the accounts (the caller's, or every selected account of the
 * organisation through a named role), the regions of each, and runs the collectors the
 * requested types need, one account (or `account_concurrency` accounts) at a time.
 */
export class AwsProvider implements UnitProvider {
  readonly config: AwsProviderConfig;
  private readonly callStats = new CallStats();
  private readonly limiter: RateLimiter;
  private resources = 0;
  private collections = 0;
  private failed = 0;

  constructor(
    config: AwsProviderInput | AwsProviderConfig,
    private readonly deps: AwsProviderDeps = {},
    readonly name = 'aws',
  ) {
    this.config = parseAwsProviderConfig(config, `providers.${name}`);
    this.limiter = new RateLimiter({
      maxConcurrency: this.config.max_concurrency,
      pacing: awsPacing(this.config.requests_per_second, AWS_PACING),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.sharedBudget ? { shared: deps.sharedBudget } : {}),
    });
  }

  /** The collectors needed for these record types. */
  collectorsFor(types: ReadonlySet<string>): Collector[] {
    return collectorsFor(
      types,
      this.deps.collectors ?? AWS_COLLECTORS,
      this.deps.produces ?? defaultProduces,
    );
  }

  stats(): AwsCollectStats {
    const l = this.limiter.stats();
    return {
      calls: this.callStats.byAction(),
      totalCalls: this.callStats.total,
      resources: this.resources,
      collections: this.collections,
      failedCollections: this.failed,
      peakInFlight: l.peakInFlight,
      tokenWaits: l.tokenWaits,
      throttled: l.throttled,
      slowdowns: l.slowdowns,
    };
  }

  async *collect(opts: CollectOptions): AsyncIterable<AccountBatch> {
    const collectors = this.collectorsFor(opts.types);
    if (collectors.length === 0) return;
    const resolved = await this.resolveTargets();
    const { home, partition, targets } = resolved;
    const tree = await this.hierarchy(resolved);
    // a window of accounts in flight, yielded in order
    const window: Promise<AccountBatch>[] = [];
    let next = 0;
    const fill = () => {
      while (window.length < this.config.account_concurrency && next < targets.length) {
        const t = targets[next++] as AccountTarget;
        window.push(this.collectAccount(t, tree.paths.get(t.id), partition, home, collectors, opts));
      }
    };
    fill();
    while (window.length > 0) {
      const batch = await (window.shift() as Promise<AccountBatch>);
      fill();
      const told = hierarchyFailure(resolved, tree, batch.account);
      yield told ? { ...batch, collections: [...batch.collections, told] } : batch;
    }
  }

  private resolved: Promise<ResolvedTargets> | undefined;

  /**
   * The caller's identity and the accounts to scan, resolved once. Until sts:GetCallerIdentity
   * answers, the caller's account is the one the plan names (`knownCaller`, on a worker), else
   * unknown: the call is then paced in a bucket of its own.
   */
  private resolveTargets(knownCaller?: string): Promise<ResolvedTargets> {
    this.resolved ??= (async () => {
      const home = this.deps.homeRegion ?? (await resolveHomeRegion(this.config.profile));
      const base = this.baseCredentials(home);
      const callerClients = this.clients(knownCaller ?? 'caller', base);
      try {
        const me = await callerIdentity(callerClients, home).catch((e: unknown) => {
          throw new ProviderError(
            `aws: cannot use the credentials (sts:GetCallerIdentity): ${describeError(e)}`,
          );
        });
        // once known, the caller's calls are paced in its own account's buckets, with the roles it assumes
        const ownClients = this.clients(me.account, base);
        try {
          const targets = await this.targets(me.account, me.partition, base, ownClients, home);
          return { home, partition: me.partition, targets, me: me.account, base };
        } finally {
          ownClients.destroy();
        }
      } finally {
        callerClients.destroy();
      }
    })();
    // a failure is not kept: the next attempt (a retried unit) resolves again
    this.resolved.catch(() => {
      this.resolved = undefined;
    });
    return this.resolved;
  }

  /**
   * Scale-out: per account, one unit for its global collectors and one per configured region
   * (`regions: all` is only known once the account's regions are listed: one unit for the account).
   */
  async planUnits(opts: CollectOptions): Promise<UnitScope[]> {
    const collectors = this.collectorsFor(opts.types);
    if (collectors.length === 0) return [];
    const resolved = await this.resolveTargets();
    const { partition, targets } = resolved;
    const { paths } = await this.hierarchy(resolved);
    const configured = this.config.regions;
    const regionalUsed = collectors.some((c) => c.scope === 'region');
    const parts =
      configured === 'all'
        ? ['all']
        : ['global', ...(regionalUsed ? configured.filter((r) => awsPartition(r) === partition) : [])];
    return targets.flatMap((t, i) => {
      const path = paths.get(t.id);
      return parts.map((region) => ({
        key: `${this.name}/${t.id}/${region}`,
        account: t.id,
        ...(t.name ? { account_name: t.name } : {}),
        ...(path ? { path } : {}),
        account_ord: i,
        region,
        caller: resolved.me,
      }));
    });
  }

  async collectUnit(unit: UnitScope, opts: CollectOptions): Promise<UnitCollections[]> {
    const resolved = await this.resolveTargets(unit.caller);
    const { home, partition, targets } = resolved;
    const t = targets.find((x) => x.id === unit.account);
    if (!t) throw new Error(`aws: account ${unit.account} is no longer among the accounts to scan`);
    const part = unit.region === 'all' || unit.region === 'global' ? unit.region : { region: unit.region };
    const collections = await this.collectAccountPart(
      t,
      partition,
      home,
      this.collectorsFor(opts.types),
      opts,
      part,
    );
    this.count({ cloud: 'aws', account: t.id, collections: collections.map((c) => c.collection) });
    // told once, by the part of the first account that a whole-account batch ends with; the
    // workers' other units take the path from the plan, without reading the tree again
    if (t.id === targets[0]?.id && (unit.region === 'all' || unit.region === 'global')) {
      const told = hierarchyFailure(resolved, await this.hierarchy(resolved), t.id);
      if (told) collections.push({ seq: HIERARCHY_SEQ, collection: told });
    }
    return [
      {
        cloud: 'aws',
        account: t.id,
        account_ord: unit.account_ord,
        ...(t.name ? { account_name: t.name } : {}),
        ...(unit.path ? { path: unit.path } : {}),
        collections,
      },
    ];
  }

  failedUnit(unit: UnitScope, opts: CollectOptions, reason: string): UnitCollections[] {
    const collectors = this.collectorsFor(opts.types);
    const global = collectors.filter((c) => c.scope === 'global');
    const regional = collectors.filter((c) => c.scope === 'region');
    const at = (c: Collector, seq: number, region: string) => ({
      seq,
      collection: { cloud: 'aws' as const, account: unit.account, region, type: c.type, error: reason },
    });
    // seqs that cannot meet those of the account's other units (a region's failure sorts after them)
    const base = 2_000_000 + Math.max(0, this.unitIndex(unit)) * collectors.length;
    const collections =
      unit.region === 'all'
        ? collectors.map((c, i) => at(c, base + i, c.scope === 'global' ? 'global' : 'all'))
        : unit.region === 'global'
          ? global.map((c, i) => at(c, base + i, 'global'))
          : regional.map((c, i) => at(c, base + i, unit.region));
    return [
      {
        cloud: 'aws',
        account: unit.account,
        account_ord: unit.account_ord,
        ...(unit.account_name ? { account_name: unit.account_name } : {}),
        ...(unit.path ? { path: unit.path } : {}),
        collections,
      },
    ];
  }

  /** The place of a unit's region among the configured ones (0 for the global and whole-account units). */
  private unitIndex(unit: UnitScope): number {
    const configured = this.config.regions;
    return configured === 'all' ? 0 : configured.indexOf(unit.region) + 1;
  }

  private baseCredentials(home: string): AwsCredentialIdentityProvider {
    const chain = memoizeCredentials(
      this.deps.credentials ??
        fromNodeProviderChain(this.config.profile ? { profile: this.config.profile } : {}),
    );
    const roleArn = this.config.role_arn;
    if (!roleArn) return chain;
    // who assumes it is only known once assumed: its calls go to the bucket of the caller's calls
    return this.assumeRole(chain, roleArn, this.config.external_id, home, 'caller');
  }

  /**
   * sts:AssumeRole, paced like every other call: in the bucket of the calling account, the STS
   * region and service sts, so workers together keep the STS budget of the account that
   * assumes the roles (the management account, for an organisation). In a worker, the
   * credentials are kept for every scan the worker serves (refreshed before they expire): each
   * role is assumed once per worker, not once per scan or unit.
   */
  private assumeRole(
    base: AwsCredentialIdentityProvider,
    roleArn: string,
    externalId: string | undefined,
    home: string,
    caller: string,
  ): AwsCredentialIdentityProvider {
    const assume = this.deps.assumeRole ?? assumeRoleWithSdk;
    const make = () =>
      assume(base, roleArn, externalId, home, [
        pacingPlugin(
          'sts',
          { account: caller, region: home },
          { limiter: this.limiter, stats: this.callStats },
        ),
      ]);
    const cache = this.deps.credentialCache;
    if (!cache) return make();
    const key = [
      'aws',
      this.config.profile ?? '',
      this.config.role_arn ?? '',
      caller,
      roleArn,
      externalId ?? '',
      home,
    ];
    return cache.get(JSON.stringify(key), make);
  }

  private clients(account: string, credentials: AwsCredentialIdentityProvider): AccountClients {
    const settings: ClientSettings = {
      limiter: this.limiter,
      stats: this.callStats,
      maxAttempts: this.config.max_attempts,
      requestTimeoutMs: this.config.request_timeout_ms,
      ...(this.config.profile ? { profile: this.config.profile } : {}),
      ...(this.deps.requestHandler ? { requestHandler: this.deps.requestHandler } : {}),
      ...(this.deps.env ? { env: this.deps.env } : {}),
    };
    return new AccountClients(account, credentials, settings);
  }

  private async targets(
    me: string,
    partition: string,
    base: AwsCredentialIdentityProvider,
    callerClients: AccountClients,
    home: string,
  ): Promise<AccountTarget[]> {
    const org = this.config.organization;
    if (!org) return [{ id: me, credentials: base }];
    const all = await listOrganizationAccounts(callerClients, home).catch((e: unknown) => {
      throw new Error(
        `aws: cannot list the organisation's accounts (${actionOf(e) ?? 'organizations:ListAccounts'}): ${describeError(e)}`,
      );
    });
    return selectAccounts(all, org.include, org.exclude).map((a) => {
      const named = a.name ? { name: a.name } : {};
      // the caller's own account is read with the caller's credentials: the member role
      // (OrganizationAccountAccessRole and the like) usually does not exist there
      if (a.id === me) return { id: a.id, ...named, credentials: base };
      const roleArn = roleArnIn(partition, a.id, org.role);
      return {
        id: a.id,
        ...named,
        roleArn,
        credentials: this.assumeRole(base, roleArn, undefined, home, me),
      };
    });
  }

  private tree: Promise<OrgHierarchy> | undefined;

  /**
   * The organisation's tree, read once per provider where the accounts' paths are made: the
   * one-process scan and the plan of a scan split into units (whose units carry the paths to
   * the workers). The OUs only group accounts in views: a scan goes on without them.
   */
  private hierarchy(r: ResolvedTargets): Promise<OrgHierarchy> {
    if (!this.config.organization) return Promise.resolve({ paths: new Map() });
    this.tree ??= (async () => {
      const clients = this.clients(r.me, r.base);
      try {
        return { paths: await readOrganizationPaths(clients, r.home) };
      } catch (e) {
        const action = actionOf(e) ?? 'organizations:DescribeOrganization';
        return {
          paths: new Map(),
          error: `${action}: ${describeError(e)} (the accounts are shown without their organisation and OUs)`,
        };
      } finally {
        clients.destroy();
      }
    })();
    return this.tree;
  }

  private async collectAccount(
    t: AccountTarget,
    path: OrgLevel[] | undefined,
    partition: string,
    home: string,
    collectors: readonly Collector[],
    opts: CollectOptions,
  ): Promise<AccountBatch> {
    const parts = await this.collectAccountPart(t, partition, home, collectors, opts, 'all');
    return this.count({
      cloud: 'aws',
      account: t.id,
      ...(t.name ? { account_name: t.name } : {}),
      ...(path ? { path } : {}),
      collections: parts.map((p) => p.collection),
    });
  }

  /**
   * Whether the account's role can be assumed: once per account and provider (a worker's scan),
   * not once per unit, kept when it succeeded; undefined, or the reason it cannot. Units share
   * the check, but not one another's exhausted rate budget: a unit whose budget ran out is
   * re-queued by its worker, and the units that waited on its check ask again themselves instead
   * of taking its exhaustion for the account's failure.
   */
  private async verifyRole(
    t: AccountTarget,
    clients: AccountClients,
    home: string,
  ): Promise<string | undefined> {
    for (;;) {
      let check = t.verified;
      const mine = check === undefined;
      if (!check) {
        check = callerIdentity(clients, home).then(
          () => undefined,
          (e: unknown) => e,
        );
        t.verified = check;
      }
      const outcome = await check;
      if (outcome === undefined) return undefined;
      // a failed check is not kept, whichever unit reads it: the next one asks again
      if (t.verified === check) t.verified = undefined;
      if (!mine && isBudgetExhausted(outcome)) continue;
      return `sts:AssumeRole ${t.roleArn}: ${describeError(outcome)}`;
    }
  }

  /**
   * Collects an account, or one part of it for a unit of a scan split for workers: 'global'
   * (the global collectors, and the failures of configured regions of another partition) or one
   * region. Each collection has its place in the order of the whole account's batch, so the
   * parts put together give the batch of `collect`: global collectors, then each region's
   * collectors, then what could not be read at all.
   */
  private async collectAccountPart(
    t: AccountTarget,
    partition: string,
    home: string,
    collectors: readonly Collector[],
    opts: CollectOptions,
    part: 'all' | 'global' | { region: string },
  ): Promise<{ seq: number; collection: Collection }[]> {
    const clients = this.clients(t.id, t.credentials);
    const fail = (region: string, c: Collector, error: string): Collection => ({
      cloud: 'aws',
      account: t.id,
      region,
      partition,
      type: c.type,
      error,
    });
    const global = collectors.filter((c) => c.scope === 'global');
    const regional = collectors.filter((c) => c.scope === 'region');
    // after every collection a whole account can have (regions x collectors)
    const LAST = 1_000_000;
    try {
      if (t.roleArn) {
        const ok = await this.verifyRole(t, clients, home);
        if (ok !== undefined) {
          // the whole account's failure is told once, by its global part
          if (part !== 'all' && part !== 'global') return [];
          return collectors.map((c, i) => ({
            seq: LAST + i,
            collection: fail(c.scope === 'global' ? 'global' : 'all', c, ok),
          }));
        }
      }
      let regions: string[] = [];
      let foreign: string[] = [];
      let regionError: string | undefined;
      if (regional.length > 0) {
        try {
          ({ regions, foreign } = await regionsToScan(this.config.regions, clients, home, partition));
        } catch (e) {
          regionError = `${actionOf(e) ?? 'ec2:DescribeRegions'}: ${describeError(e)}`;
        }
      }
      const units: { c: Collector; region: string; seq: number }[] = [
        ...global.map((c, i) => ({ c, region: 'global', seq: i })),
        ...regions.flatMap((region, r) =>
          regional.map((c, j) => ({ c, region, seq: global.length + r * regional.length + j })),
        ),
      ].filter((u) =>
        part === 'all' ? true : part === 'global' ? u.region === 'global' : u.region === part.region,
      );
      const memos = new Map<string, Map<string, Promise<unknown>>>();
      const produces = this.deps.produces ?? defaultProduces;
      const plans = new Map(collectors.map((c) => [c, enrichmentPlan(c, opts.types, opts.facts, produces)]));
      let done = 0;
      const results = await mapConcurrent(units, this.config.max_concurrency, async ({ c, region, seq }) => {
        const ctx = this.context(
          t.id,
          partition,
          region,
          region === 'global' ? home : region,
          clients,
          memos,
          plans.get(c),
        );
        let col: Collection;
        try {
          const items = await c.run(ctx);
          col = { cloud: 'aws', account: t.id, region, partition, type: c.type, items };
        } catch (e) {
          col =
            e instanceof ServiceNotInUseError
              ? {
                  cloud: 'aws',
                  account: t.id,
                  region,
                  partition,
                  type: c.type,
                  items: [],
                  not_applicable: e.message,
                }
              : fail(region, c, `${actionOf(e) ?? c.listPermission}: ${describeError(e)}`);
        }
        opts.onProgress?.(++done, units.length, `${t.id} ${region} ${c.type}`);
        return { seq, collection: col };
      });
      if (part === 'all' || part === 'global') {
        let seq = LAST + collectors.length;
        if (regionError)
          for (const c of regional) results.push({ seq: seq++, collection: fail('all', c, regionError) });
        for (const region of foreign) {
          const why = `region ${region} is not in the ${partition} partition of the credentials for account ${t.id}: not read`;
          for (const c of regional) results.push({ seq: seq++, collection: fail(region, c, why) });
        }
      }
      return results;
    } finally {
      clients.destroy();
    }
  }

  private context(
    account: string,
    partition: string,
    region: string,
    clientRegion: string,
    clients: AccountClients,
    memos: Map<string, Map<string, Promise<unknown>>>,
    enrichments: ReadonlySet<string> | undefined,
  ): CollectContext {
    let memo = memos.get(region);
    if (!memo) {
      memo = new Map();
      memos.set(region, memo);
    }
    const shared = memo;
    return {
      account,
      partition,
      region,
      clientRegion,
      itemConcurrency: this.config.max_concurrency,
      ...(enrichments ? { enrichments } : {}),
      memo: <T>(key: string, load: () => Promise<T>): Promise<T> => {
        let p = shared.get(key) as Promise<T> | undefined;
        if (!p) {
          p = load();
          // a rejected shared value is seen by every reader; this only keeps it from being "unhandled"
          p.catch(() => undefined);
          shared.set(key, p);
        }
        return p;
      },
      client: (ctor, service, inRegion) => clients.get(ctor, service, inRegion ?? clientRegion),
    };
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

/**
 * The scan's one error entry for an organisation whose OUs could not be read, as a failed
 * collection at the end of the first account's batch (so a scan split into units tells it
 * once, in the same place as a one-process scan); undefined for every other account.
 */
function hierarchyFailure(
  resolved: ResolvedTargets,
  tree: OrgHierarchy,
  account: string,
): Collection | undefined {
  if (tree.error === undefined || resolved.targets[0]?.id !== account) return undefined;
  return {
    cloud: 'aws',
    account,
    region: 'global',
    partition: resolved.partition,
    type: AWS_HIERARCHY_SOURCE,
    error: tree.error,
  };
}

/** A request refused because its unit's share of a rate budget ran out (not the account's doing). */
function isBudgetExhausted(e: unknown): boolean {
  return e instanceof BudgetExhausted || (e instanceof Error && e.name === 'BudgetExhausted');
}

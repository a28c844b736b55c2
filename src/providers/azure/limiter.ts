import { type Clock, Semaphore, type SharedBudget, systemClock, TokenBucket } from '../aws/limiter.js';
import type { AzureApi } from './clouds.js';

/**
 * Request pacing for Azure reads. Azure throttles each (subscription, principal) pair of
 * Resource Manager, each (tenant, principal) pair for tenant-level Resource Manager reads and
 * each (application, tenant) pair of Microsoft Graph, so the transport asks the limiter for a
 * token of the matching scope before every attempt (retries included).
 *
 * The limiter is an interface: the collection kit can pass one limiter shared by every cloud;
 * `TokenBucketLimiter` is the default.
 */
export interface LimitScope {
  /** arm:subscription:<id>:<principal>, arm:tenant:<tenant>:<principal>, graph:<tenant>... */
  key: string;
  ratePerSecond: number;
  burst: number;
}

export interface RequestLimiter {
  /** Run `fn` once the scope has a token (and a concurrency slot is free). */
  run<T>(scope: LimitScope, fn: () => Promise<T>): Promise<T>;
  /** Azure answered 429 with Retry-After: hold every request of the scope that long. */
  pause(scope: LimitScope, ms: number): void;
}

/**
 * Default rates, below Azure's published limits so a scan leaves room for the estate's own
 * traffic (figures and sources in docs/azure.md):
 *
 * - Resource Manager, per subscription and principal (and per tenant and principal for
 *   tenant-level reads): a token bucket of 250 reads refilled at 25 per second (the regional
 *   token-bucket throttling Microsoft rolled out from 2024). We use 200 and 20/s.
 * - Resource Graph: 15 queries per 5 seconds per user; we use 3/s with a burst of 15.
 * - Microsoft Graph, per application and tenant: identity and access reads are counted in
 *   resource units, 3,500 per 10 seconds for the smallest tenants (a user list page costs 2);
 *   we use 25 requests/s with a burst of 100.
 * - Conditional access and identity protection: 1 request per second per tenant for all
 *   applications together; we use 1/s with no burst.
 */
export interface AzureRates {
  armPerSecond: number;
  armBurst: number;
  resourceGraphPerSecond: number;
  resourceGraphBurst: number;
  graphPerSecond: number;
  graphBurst: number;
  identityProtectionPerSecond: number;
}

export const DEFAULT_AZURE_RATES: AzureRates = {
  armPerSecond: 20,
  armBurst: 200,
  resourceGraphPerSecond: 3,
  resourceGraphBurst: 15,
  graphPerSecond: 25,
  graphBurst: 100,
  identityProtectionPerSecond: 1,
};

const SUBSCRIPTION_PATH = /^\/subscriptions\/([^/?#]+)/i;
const RESOURCE_GRAPH_PATH = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i;
/** Graph paths served by the identity protection and conditional access service */
const IDENTITY_PROTECTION_PATH =
  /^\/(?:v1\.0|beta)\/(?:identity\/conditionalAccess|identityProtection|riskyUsers|riskDetections|riskyServicePrincipals|servicePrincipalRiskDetections)(?:[/?]|$)/i;

/** Who is calling: the token's object id (or app id) and tenant. */
export interface CallerKey {
  principal: string;
  tenant: string;
}

/** The throttling scope a request counts against, from its API and path. */
export function limitScopeFor(
  api: AzureApi,
  path: string,
  caller: CallerKey,
  rates: AzureRates = DEFAULT_AZURE_RATES,
): LimitScope {
  if (api === 'keyvault') {
    // Key Vault throttles per vault (thousands of reads per 10 s); Resource Manager's pace is well under it
    const vault = /^\/([^/?#]+)/.exec(path)?.[1]?.toLowerCase() ?? 'vault';
    return {
      key: `keyvault:${vault}:${caller.principal}`,
      ratePerSecond: rates.armPerSecond,
      burst: rates.armBurst,
    };
  }
  if (api === 'graph') {
    if (IDENTITY_PROTECTION_PATH.test(path)) {
      return {
        key: `graph:${caller.tenant}:identity-protection`,
        ratePerSecond: rates.identityProtectionPerSecond,
        burst: 1,
      };
    }
    return { key: `graph:${caller.tenant}`, ratePerSecond: rates.graphPerSecond, burst: rates.graphBurst };
  }
  const pathOnly = path.split('?')[0] ?? path;
  if (RESOURCE_GRAPH_PATH.test(pathOnly)) {
    return {
      key: `arm:resource-graph:${caller.tenant}:${caller.principal}`,
      ratePerSecond: rates.resourceGraphPerSecond,
      burst: rates.resourceGraphBurst,
    };
  }
  const sub = SUBSCRIPTION_PATH.exec(pathOnly)?.[1];
  if (sub) {
    return {
      key: `arm:subscription:${sub.toLowerCase()}:${caller.principal}`,
      ratePerSecond: rates.armPerSecond,
      burst: rates.armBurst,
    };
  }
  return {
    key: `arm:tenant:${caller.tenant}:${caller.principal}`,
    ratePerSecond: rates.armPerSecond,
    burst: rates.armBurst,
  };
}

export interface TokenBucketLimiterOptions {
  /** requests in flight at once over every scope */
  maxConcurrency: number;
  clock?: Clock;
  /**
   * a budget shared with other processes (scale-out workers: Redis token buckets), per scope
   * key, so workers reading one (subscription, principal) together keep one process's rate
   */
  shared?: SharedBudget;
}

/** One token bucket per scope, one concurrency limit over all, pauses after a 429. */
export class TokenBucketLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly slots: Semaphore;
  private readonly clock: Clock;
  private readonly shared: SharedBudget | undefined;
  /** requests that waited because their scope was paused */
  pauseWaits = 0;

  constructor(opts: TokenBucketLimiterOptions) {
    this.slots = new Semaphore(opts.maxConcurrency);
    this.clock = opts.clock ?? systemClock;
    this.shared = opts.shared;
  }

  private bucket(scope: LimitScope): TokenBucket {
    let b = this.buckets.get(scope.key);
    if (!b) {
      b = new TokenBucket(scope.ratePerSecond, scope.burst, this.clock);
      this.buckets.set(scope.key, b);
    }
    return b;
  }

  pause(scope: LimitScope, ms: number): void {
    if (!(ms > 0)) return;
    const until = this.clock.now() + ms;
    if (until > (this.pausedUntil.get(scope.key) ?? 0)) this.pausedUntil.set(scope.key, until);
  }

  async run<T>(scope: LimitScope, fn: () => Promise<T>): Promise<T> {
    const until = this.pausedUntil.get(scope.key);
    if (until !== undefined) {
      const wait = until - this.clock.now();
      if (wait > 0) {
        this.pauseWaits++;
        await this.clock.sleep(wait);
      } else this.pausedUntil.delete(scope.key);
    }
    // the shared budget first: its rate bounds every process together
    if (this.shared) await this.shared.take(scope.key, { rate: scope.ratePerSecond, burst: scope.burst });
    // token first: a request waiting for its scope's rate holds no slot another scope could use
    await this.bucket(scope).take();
    const release = await this.slots.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  stats(): { peakInFlight: number; tokenWaits: number; pauseWaits: number; scopes: number } {
    let tokenWaits = 0;
    for (const b of this.buckets.values()) tokenWaits += b.waits;
    return {
      peakInFlight: this.slots.peak,
      tokenWaits,
      pauseWaits: this.pauseWaits,
      scopes: this.buckets.size,
    };
  }
}

export type { Clock };
export { systemClock };

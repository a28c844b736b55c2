import { type Clock, Semaphore, type SharedBudget, systemClock, TokenBucket } from '../aws/limiter.js';

/**
 * Request pacing for Google API reads. Google counts reads per minute, per API, against two
 * kinds of project (figures and sources in docs/gcp.md):
 *
 * - the project the read is about, for resource-based APIs (Compute Engine counts the
 *   project in the URL);
 * - the consumer: the project of the credential (a service account's own project) or the
 *   quota project, for client-based APIs (Resource Manager, Service Usage, Cloud Asset) and
 *   for "calling project" quotas (Cloud KMS reads). One service account scanning a hundred
 *   projects spends ONE such quota.
 *
 * Which of the two an API charges is not always published, so every read takes a token from
 * both: `gcp:<api>:project:<id>` and `gcp:<api>:caller:<consumer>`. Each bucket refills at 80%
 * of the API's per-minute figure and holds at most 10% of it, so no 60-second window can go
 * over the quota, and a scan leaves a fifth of it to the estate's own traffic.
 *
 * The limiter is an interface: the collection kit can pass one limiter shared by every cloud
 * (or through Redis, by every worker); `TokenBucketLimiter` is the in-process default.
 */
export interface LimitScope {
  /** gcp:compute:project:shop-prod, gcp:cloudkms:caller:project:scanner-proj... */
  key: string;
  ratePerSecond: number;
  burst: number;
}

export interface RequestLimiter {
  /** Run `fn` once every scope has a token (and a concurrency slot is free). */
  run<T>(scopes: readonly LimitScope[], fn: () => Promise<T>): Promise<T>;
  /** Google said slow down: hold every request of the scope that long. */
  pause(scope: LimitScope, ms: number): void;
}

export interface ApiQuota {
  /** reads per minute per project the read is about */
  projectPerMinute: number;
  /** reads per minute per consumer (the credential's project or the quota project) */
  callerPerMinute: number;
  /** where the figure comes from (docs/gcp.md lists them) */
  source: string;
}

/** The share of a quota a scan may use, and the burst as a share of the quota. */
export const QUOTA_SHARE = 0.8;
export const BURST_SHARE = 0.1;

const UNPUBLISHED = 'no published read quota found; a conservative 600/min';
/** a ceiling on one caller's total rate for APIs charged per resource project */
const CALLER_CEILING = 6000;

/**
 * Per-minute read quotas. Where Google publishes one figure without saying which project it
 * charges, both buckets use it.
 */
export const DEFAULT_QUOTAS: Record<string, ApiQuota> = {
  compute: {
    projectPerMinute: 1500,
    callerPerMinute: CALLER_CEILING,
    source: 'Compute Engine rate quotas: read requests 1,500/min per project',
  },
  cloudresourcemanager: {
    projectPerMinute: 600,
    callerPerMinute: 600,
    source: 'Resource Manager limits: v3 list and read 10/s per consumer project',
  },
  'cloudresourcemanager:search': {
    projectPerMinute: 240,
    callerPerMinute: 240,
    source: 'Resource Manager limits: v3 search 4/s per consumer project',
  },
  iam: {
    projectPerMinute: 6000,
    callerPerMinute: 6000,
    source: 'IAM quotas: read requests 6,000/min per project',
  },
  cloudkms: {
    projectPerMinute: 300,
    callerPerMinute: 300,
    source: 'Cloud KMS quotas: read requests 300/min per calling project',
  },
  logging: {
    projectPerMinute: 120,
    callerPerMinute: 120,
    source: 'Logging read_requests ReadRequestsPerMinutePerProject = 120 (as Google reports it in ErrorInfo)',
  },
  serviceusage: {
    projectPerMinute: 240,
    callerPerMinute: 240,
    source: 'Service Usage quotas: read-only calls 240/min',
  },
  apikeys: {
    projectPerMinute: 240,
    callerPerMinute: 240,
    source: 'API Keys quotas: read-only calls 240/min',
  },
  secretmanager: {
    projectPerMinute: 600,
    callerPerMinute: 600,
    source: 'Secret Manager quotas: read requests 600/min per project',
  },
  cloudasset: {
    projectPerMinute: 100,
    callerPerMinute: 100,
    source: 'Cloud Asset Inventory quotas: ListAssets 100/min per consumer project',
  },
};

export const DEFAULT_QUOTA: ApiQuota = { projectPerMinute: 600, callerPerMinute: 600, source: UNPUBLISHED };

/** Resource Manager's search methods have their own, smaller quota group. */
function quotaGroup(api: string, path: string): string {
  if (api === 'cloudresourcemanager' && /^v3\/(?:projects|folders|organizations):search$/.test(path)) {
    return 'cloudresourcemanager:search';
  }
  return api;
}

export function quotaFor(
  api: string,
  path: string,
  overrides: Readonly<Record<string, number>> = {},
): { group: string; quota: ApiQuota } {
  const group = quotaGroup(api, path);
  const base = DEFAULT_QUOTAS[group] ?? DEFAULT_QUOTAS[api] ?? DEFAULT_QUOTA;
  const override = overrides[api];
  const quota =
    override === undefined
      ? base
      : { projectPerMinute: override, callerPerMinute: override, source: 'configured requests_per_minute' };
  return { group, quota };
}

function scope(key: string, perMinute: number): LimitScope {
  return {
    key,
    ratePerSecond: (perMinute * QUOTA_SHARE) / 60,
    burst: Math.max(1, Math.floor(perMinute * BURST_SHARE)),
  };
}

/**
 * The scopes one read counts against: its project's (when it is about a project) and its
 * caller's. `consumer` names the caller's quota project (see `consumerKey`).
 */
export function limitScopesFor(
  api: string,
  path: string,
  project: string | undefined,
  consumer: string,
  overrides: Readonly<Record<string, number>> = {},
): LimitScope[] {
  const { group, quota } = quotaFor(api, path, overrides);
  const scopes: LimitScope[] = [];
  if (project) scopes.push(scope(`gcp:${group}:project:${project}`, quota.projectPerMinute));
  scopes.push(scope(`gcp:${group}:caller:${consumer}`, quota.callerPerMinute));
  return scopes;
}

const SERVICE_ACCOUNT = /^[^@\s]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;

/**
 * Who pays for client-based quotas: the quota project when one is set (x-goog-user-project),
 * else a service account's own project (from its e-mail), else the principal itself.
 */
export function consumerKey(caller: {
  quotaProject?: string | undefined;
  email?: string | undefined;
  kind: string;
}): string {
  if (caller.quotaProject) return `project:${caller.quotaProject}`;
  const sa = caller.email ? SERVICE_ACCOUNT.exec(caller.email) : null;
  if (sa?.[1]) return `project:${sa[1]}`;
  return caller.email ? `principal:${caller.email}` : `principal:${caller.kind}`;
}

export interface TokenBucketLimiterOptions {
  /** requests in flight at once over every scope */
  maxConcurrency: number;
  clock?: Clock;
  /**
   * a budget shared with other processes (scale-out workers: Redis token buckets), per scope
   * key, so workers reading one project, or with one caller, together keep one process's rate
   */
  shared?: SharedBudget;
}

/** One token bucket per scope, one concurrency limit over all, pauses after throttling. */
export class TokenBucketLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly slots: Semaphore;
  private readonly clock: Clock;
  private readonly shared: SharedBudget | undefined;
  /** requests that waited because a scope was paused */
  pauseWaits = 0;

  constructor(opts: TokenBucketLimiterOptions) {
    this.slots = new Semaphore(opts.maxConcurrency);
    this.clock = opts.clock ?? systemClock;
    this.shared = opts.shared;
  }

  private bucket(s: LimitScope): TokenBucket {
    let b = this.buckets.get(s.key);
    if (!b) {
      b = new TokenBucket(s.ratePerSecond, s.burst, this.clock);
      this.buckets.set(s.key, b);
    }
    return b;
  }

  pause(s: LimitScope, ms: number): void {
    if (!(ms > 0)) return;
    const until = this.clock.now() + ms;
    if (until > (this.pausedUntil.get(s.key) ?? 0)) this.pausedUntil.set(s.key, until);
  }

  private async waitPause(s: LimitScope): Promise<void> {
    const until = this.pausedUntil.get(s.key);
    if (until === undefined) return;
    const wait = until - this.clock.now();
    if (wait > 0) {
      this.pauseWaits++;
      await this.clock.sleep(wait);
    } else this.pausedUntil.delete(s.key);
  }

  async run<T>(scopes: readonly LimitScope[], fn: () => Promise<T>): Promise<T> {
    for (const s of scopes) await this.waitPause(s);
    // the shared budget first: its rate bounds every process together
    if (this.shared) {
      for (const s of scopes) await this.shared.take(s.key, { rate: s.ratePerSecond, burst: s.burst });
    }
    // tokens first: a request waiting for its quota holds no slot another API could use
    for (const s of scopes) await this.bucket(s).take();
    const release = await this.slots.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** The token bucket of a scope key, if one was made (tests, stats). */
  bucketOf(key: string): TokenBucket | undefined {
    return this.buckets.get(key);
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

/**
 * Request pacing for collection: an adaptive token bucket per (account, region, service), or per
 * API operation where the service throttles per API (EC2), so a scan stays within the rates AWS
 * publishes, and one concurrency limit over all requests. A bucket halves its rate when AWS
 * answers "throttled" and adds the rate back, step by step, while no throttling comes (AIMD).
 * The clock is injectable so behaviour is testable by counting, not by timing.
 */
import { isThrottlingError } from '@smithy/core/retry';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The lowest rate a throttled bucket slows down to (requests per second), unless its ceiling is lower. */
const FLOOR_RATE = 0.5;
/** Each second without throttling gives back this share of the ceiling rate. */
const RECOVERY_SHARE = 1 / 50;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private tail: Promise<unknown> = Promise.resolve();
  private current: number;
  /** bumped at each slow-down: a throttled answer to a request sent before it slows nothing more */
  private epoch = 0;
  /** since when no throttling has come (the last slow-down or the last step back up) */
  private calmSince: number;
  /** requests that had to wait for a token */
  waits = 0;
  /** throttled answers seen */
  throttles = 0;
  /** times the rate was lowered */
  slowdowns = 0;

  /**
   * @param ratePerSecond the ceiling: the sustained rate when AWS does not throttle
   * @param burst the bucket size at the ceiling rate (it shrinks in proportion when slowed down)
   */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`token bucket rate must be > 0, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new Error(`token bucket burst must be >= 1, got ${burst}`);
    this.tokens = burst;
    this.current = ratePerSecond;
    this.last = clock.now();
    this.calmSince = this.last;
  }

  /** The sustained rate now: the ceiling, or lower after throttling. */
  get rate(): number {
    return this.current;
  }

  /**
   * Resolves when a token is taken, with the epoch to hand back to `throttled`; waiters are
   * served first come, first served.
   */
  take(): Promise<number> {
    const next = this.tail.then(() => this.takeInOrder());
    this.tail = next;
    return next;
  }

  /** AWS throttled a request whose token was taken in `epoch`: halve the rate, once per epoch. */
  throttled(epoch: number): void {
    this.throttles++;
    if (epoch !== this.epoch) return;
    this.refill();
    this.current = Math.max(Math.min(FLOOR_RATE, this.ratePerSecond), this.current / 2);
    // what the bucket held was sized for the old rate
    this.tokens = Math.min(this.tokens, 0);
    this.epoch++;
    this.slowdowns++;
    this.calmSince = this.clock.now();
  }

  /** A request was answered without throttling: each calm second adds back a step of the rate. */
  answered(): void {
    if (this.current >= this.ratePerSecond) return;
    const now = this.clock.now();
    const seconds = Math.floor((now - this.calmSince) / 1000);
    if (seconds < 1) return;
    this.refill();
    const step = Math.max(FLOOR_RATE, this.ratePerSecond * RECOVERY_SHARE);
    this.current = Math.min(this.ratePerSecond, this.current + seconds * step);
    this.calmSince += seconds * 1000;
  }

  private capacity(): number {
    return Math.max(1, (this.burst * this.current) / this.ratePerSecond);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) * this.current) / 1000);
    this.last = now;
  }

  private async takeInOrder(): Promise<number> {
    this.refill();
    if (this.tokens < 1) {
      this.waits++;
      // the rate may drop while this request waits: wait again until the token is really there
      while (this.tokens < 1) {
        await this.clock.sleep(((1 - this.tokens) / this.current) * 1000);
        this.refill();
      }
    }
    this.tokens -= 1;
    return this.epoch;
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** the most permits ever held at once */
  peak = 0;

  constructor(readonly permits: number) {
    if (!(permits >= 1)) throw new Error(`concurrency must be >= 1, got ${permits}`);
  }

  get inFlight(): number {
    return this.active;
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.permits) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // hand the permit straight to the next waiter so it cannot be taken out of turn
      if (next) next();
      else this.active--;
    };
  }
}

export interface RateKey {
  account: string;
  region: string;
  service: string;
  /** the API operation (DescribeSecurityGroups); used where the service throttles per API */
  operation?: string;
}

/** The request budget of one bucket. */
export interface Pacing {
  /** sustained requests per second: the refill rate, and the most an adaptive bucket returns to */
  rate: number;
  /** bucket size in requests */
  burst: number;
  /** one bucket per API operation (the service throttles each API on its own); else one per service */
  perOperation?: boolean;
}

/**
 * A request budget shared by every process that scans the same scopes (scale-out workers): a
 * token bucket per bucket id kept outside the process (in Redis). `take` resolves when a token
 * of the shared bucket is taken, or rejects with BudgetExhausted when none comes soon enough.
 */
export interface SharedBudget {
  take(bucketId: string, pacing: Pacing): Promise<void>;
}

/** The shared budget of a scope has no token for a while: the work should yield and come back later. */
export class BudgetExhausted extends Error {
  override name = 'BudgetExhausted';
  constructor(
    readonly bucketId: string,
    /** when a token is expected, in milliseconds from now */
    readonly retryAfterMs: number,
  ) {
    super(`the request budget of ${bucketId} is exhausted for ${Math.ceil(retryAfterMs)} ms`);
  }
}

export interface RateLimiterOptions {
  maxConcurrency: number;
  /** a budget shared with other processes, taken before this process's own bucket */
  shared?: SharedBudget;
  /** the budget of the bucket a request goes through */
  pacing: (key: RateKey) => Pacing;
  clock?: Clock;
  /** true for an error that means "slow down" (default: the SDK's throttling classification) */
  isThrottle?: (err: unknown) => boolean;
}

/**
 * Throttling as the SDK classifies it: HTTP 429, the modelled throttling exceptions and the codes
 * AWS services use (Throttling, ThrottlingException, RequestLimitExceeded, SlowDown,
 * TooManyRequestsException, ...; the list is the SDK's own, so it grows with the SDK).
 */
export function isThrottling(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    isThrottlingError(err as Parameters<typeof isThrottlingError>[0])
  );
}

/** The bucket a request goes through: account/region/service, and the operation where the service paces per API. */
export function bucketId(key: RateKey, pacing: Pick<Pacing, 'perOperation'>): string {
  return `${key.account}/${key.region}/${key.service}${pacing.perOperation ? `/${key.operation ?? ''}` : ''}`;
}

export class RateLimiter {
  /** by bucket id: account/region/service[/operation] */
  private readonly buckets = new Map<string, TokenBucket>();
  /** by full key (operation included), for the lookup of every request */
  private readonly byKey = new Map<string, { bucket: TokenBucket; id: string; pacing: Pacing }>();
  private readonly slots: Semaphore;
  private readonly clock: Clock;
  private readonly isThrottle: (err: unknown) => boolean;

  constructor(private readonly opts: RateLimiterOptions) {
    this.slots = new Semaphore(opts.maxConcurrency);
    this.clock = opts.clock ?? systemClock;
    this.isThrottle = opts.isThrottle ?? isThrottling;
  }

  bucket(key: RateKey): TokenBucket {
    return this.bucketOf(key).bucket;
  }

  private bucketOf(key: RateKey): { bucket: TokenBucket; id: string; pacing: Pacing } {
    const full = `${key.account}/${key.region}/${key.service}/${key.operation ?? ''}`;
    const known = this.byKey.get(full);
    if (known) return known;
    const pacing = this.opts.pacing(key);
    const id = bucketId(key, pacing);
    let b = this.buckets.get(id);
    if (!b) {
      b = new TokenBucket(pacing.rate, pacing.burst, this.clock);
      this.buckets.set(id, b);
    }
    const entry = { bucket: b, id, pacing };
    this.byKey.set(full, entry);
    return entry;
  }

  /**
   * Run `fn` once a token of `key`'s bucket and a concurrency slot are free; a throttled answer
   * slows the bucket down, the others let it speed back up.
   */
  async run<T>(key: RateKey, fn: () => Promise<T>): Promise<T> {
    const { bucket, id, pacing } = this.bucketOf(key);
    // the shared budget first: its rate bounds every process together
    if (this.opts.shared) await this.opts.shared.take(id, pacing);
    // token first: a request waiting for its rate does not hold a slot other services could use
    const epoch = await bucket.take();
    const release = await this.slots.acquire();
    try {
      const out = await fn();
      bucket.answered();
      return out;
    } catch (e) {
      if (this.isThrottle(e)) bucket.throttled(epoch);
      else bucket.answered();
      throw e;
    } finally {
      release();
    }
  }

  stats(): {
    peakInFlight: number;
    tokenWaits: number;
    buckets: number;
    throttled: number;
    slowdowns: number;
  } {
    let tokenWaits = 0;
    let throttled = 0;
    let slowdowns = 0;
    for (const b of this.buckets.values()) {
      tokenWaits += b.waits;
      throttled += b.throttles;
      slowdowns += b.slowdowns;
    }
    return { peakInFlight: this.slots.peak, tokenWaits, buckets: this.buckets.size, throttled, slowdowns };
  }
}

/**
 * Default budgets, from what AWS publishes (sources in docs/aws-collectors.md, "Pacing"):
 * - EC2 throttles each API on its own, per account and region; non-mutating (Describe*) APIs
 *   have a bucket of 100 requests refilled at 20 per second.
 * - S3 serves at least 5,500 GET/HEAD requests per second per partitioned prefix, and every
 *   bucket-level read goes to a different bucket: one prefix's figure per account and region
 *   is a cap a scan never reaches.
 * - IAM and STS use token buckets per API and account whose sizes AWS does not publish; a scan
 *   reads IAM in bulk (a handful of calls per account), so a low rate costs nothing.
 * - The other services get rates below their documented or observed thresholds.
 * Every bucket adapts: a throttled answer halves its rate, calm brings it back.
 */
export const DEFAULT_PACING: Readonly<Record<string, Pacing>> = {
  ec2: { rate: 20, burst: 100, perOperation: true },
  s3: { rate: 5500, burst: 5500 },
  iam: { rate: 15, burst: 30 },
  sts: { rate: 10, burst: 20 },
  organizations: { rate: 5, burst: 10 },
  cloudtrail: { rate: 5, burst: 10 },
  config: { rate: 10, burst: 20 },
  kms: { rate: 20, burst: 40 },
  logs: { rate: 10, burst: 20 },
  cloudwatch: { rate: 10, burst: 20 },
  sns: { rate: 10, burst: 20 },
  rds: { rate: 10, burst: 20 },
  cloudfront: { rate: 5, burst: 10 },
  elasticloadbalancing: { rate: 10, burst: 20 },
  elasticfilesystem: { rate: 10, burst: 20 },
};
export const FALLBACK_PACING: Pacing = { rate: 10, burst: 20 };

/**
 * The budget of every bucket: the defaults (the table above, plus the budgets resource modules
 * declare for services it lacks: AWS_PACING), or one rate everywhere (`requests_per_second`,
 * bucket of two seconds' worth) that still keeps EC2's per-API buckets.
 */
export function awsPacing(
  requestsPerSecond?: number,
  table: Readonly<Record<string, Pacing>> = DEFAULT_PACING,
): (key: RateKey) => Pacing {
  return (key) => {
    const base = table[key.service] ?? FALLBACK_PACING;
    if (requestsPerSecond === undefined) return base;
    return {
      rate: requestsPerSecond,
      burst: Math.max(1, Math.ceil(requestsPerSecond * 2)),
      ...(base.perOperation ? { perOperation: true } : {}),
    };
  };
}

export { mapConcurrent, TaskPool } from '../kit/task-pool.js';

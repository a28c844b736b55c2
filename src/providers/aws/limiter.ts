/**
 * Request pacing for collection: a token bucket per (account, region, service) so a scan never
 * uses more than a fair share of an account's API rate, and one concurrency limit over all
 * requests. The clock is injectable so behaviour is testable by counting, not by timing.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;
  private tail: Promise<void> = Promise.resolve();
  /** requests that had to wait for a token */
  waits = 0;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`token bucket rate must be > 0, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new Error(`token bucket burst must be >= 1, got ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Resolves when a token is taken; waiters are served first come, first served. */
  take(): Promise<void> {
    const next = this.tail.then(() => this.takeInOrder());
    this.tail = next;
    return next;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
  }

  private async takeInOrder(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      this.waits++;
      await this.clock.sleep(((1 - this.tokens) / this.ratePerSecond) * 1000);
      this.refill();
    }
    this.tokens -= 1;
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

export interface RateLimiterOptions {
  maxConcurrency: number;
  /** sustained rate per key */
  ratePerSecond: (key: RateKey) => number;
  /** bucket size in requests; defaults to twice the rate (at least 1) */
  burst?: (key: RateKey) => number;
  clock?: Clock;
}

export interface RateKey {
  account: string;
  region: string;
  service: string;
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly slots: Semaphore;
  private readonly clock: Clock;

  constructor(private readonly opts: RateLimiterOptions) {
    this.slots = new Semaphore(opts.maxConcurrency);
    this.clock = opts.clock ?? systemClock;
  }

  bucket(key: RateKey): TokenBucket {
    const id = `${key.account}/${key.region}/${key.service}`;
    let b = this.buckets.get(id);
    if (!b) {
      const rate = this.opts.ratePerSecond(key);
      const burst = this.opts.burst?.(key) ?? Math.max(1, Math.ceil(rate * 2));
      b = new TokenBucket(rate, burst, this.clock);
      this.buckets.set(id, b);
    }
    return b;
  }

  /** Run `fn` once a token of `key`'s bucket and a concurrency slot are free. */
  async run<T>(key: RateKey, fn: () => Promise<T>): Promise<T> {
    // token first: a request waiting for its rate does not hold a slot other services could use
    await this.bucket(key).take();
    const release = await this.slots.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  stats(): { peakInFlight: number; tokenWaits: number; buckets: number } {
    let tokenWaits = 0;
    for (const b of this.buckets.values()) tokenWaits += b.waits;
    return { peakInFlight: this.slots.peak, tokenWaits, buckets: this.buckets.size };
  }
}

/**
 * Default sustained rates per service, below the documented or observed throttling thresholds so
 * a scan leaves headroom for production traffic: EC2 refills non-mutating actions at 20/s per
 * account and region from a bucket of 100; IAM, Organizations and CloudTrail control-plane
 * reads are account-wide and slow; S3 bucket configuration reads go to the bucket's regional
 * endpoint, which serves thousands of requests per second.
 */
export const DEFAULT_RATES: Record<string, number> = {
  ec2: 20,
  iam: 15,
  organizations: 5,
  sts: 10,
  s3: 200,
  cloudtrail: 5,
  config: 10,
  kms: 20,
  logs: 10,
  cloudwatch: 10,
  sns: 10,
  rds: 10,
  cloudfront: 5,
  elasticloadbalancing: 10,
  elasticfilesystem: 10,
};
/** Bucket sizes where the service documents one; otherwise twice the rate. */
export const DEFAULT_BURSTS: Record<string, number> = { ec2: 100 };
export const DEFAULT_RATE = 10;

/** Run `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const list = [...items];
  const out = new Array<R>(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      out[i] = await fn(list[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  return out;
}

/** A bounded task pool fed as work arrives: `add` waits while the pool is full (backpressure). */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private firstError: unknown;
  private failed = false;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const p: Promise<void> = task()
      .catch((e: unknown) => {
        if (!this.failed) {
          this.failed = true;
          this.firstError = e;
        }
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Wait for every task; rethrows the first task error. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failed) throw this.firstError;
  }
}

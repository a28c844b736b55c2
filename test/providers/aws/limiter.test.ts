import { describe, expect, it } from 'vitest';
import {
  awsPacing,
  DEFAULT_PACING,
  isThrottling,
  mapConcurrent,
  RateLimiter,
  Semaphore,
  TaskPool,
  TokenBucket,
} from '../../../src/providers/aws/limiter.js';
import { VirtualClock } from './helpers.js';

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(2, 3, clock);
    for (let i = 0; i < 7; i++) await bucket.take();
    // 3 from the burst, the other 4 each wait half a second of virtual time
    expect(bucket.waits).toBe(4);
    expect(clock.time).toBeCloseTo(2000, 5);
  });

  it('refills while idle, never above the burst size', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(10, 5, clock);
    for (let i = 0; i < 5; i++) await bucket.take();
    clock.time += 60_000;
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(bucket.waits).toBe(0);
    await bucket.take();
    expect(bucket.waits).toBe(1);
  });

  it('serves concurrent waiters in order', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(1, 1, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(bucket.waits).toBe(3);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(/rate/);
  });
});

describe('Semaphore and RateLimiter', () => {
  it('never has more requests in flight than allowed', async () => {
    const sem = new Semaphore(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await sem.acquire();
        inFlight++;
        peak = Math.max(peak, inFlight);
        await Promise.resolve();
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(sem.peak).toBe(3);
    expect(sem.inFlight).toBe(0);
  });

  it('keeps one bucket per (account, region, service)', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ maxConcurrency: 4, pacing: () => ({ rate: 1, burst: 1 }), clock });
    const keys = [
      { account: 'a', region: 'eu-west-1', service: 'ec2' },
      { account: 'a', region: 'eu-west-1', service: 's3' },
      { account: 'a', region: 'us-east-1', service: 'ec2' },
      { account: 'b', region: 'eu-west-1', service: 'ec2' },
    ];
    // one request per key: each has its own full bucket, nobody waits
    await Promise.all(keys.map((k) => limiter.run(k, async () => 1)));
    expect(limiter.stats()).toMatchObject({ buckets: 4, tokenWaits: 0 });
    // a second request on one key waits for its bucket only
    await limiter.run(keys[0]!, async () => 1);
    expect(limiter.stats().tokenWaits).toBe(1);
    // without per-API buckets, every operation of a service shares the service's bucket
    await limiter.run({ ...keys[1]!, operation: 'GetBucketPolicy' }, async () => 1);
    await limiter.run({ ...keys[1]!, operation: 'GetBucketAcl' }, async () => 1);
    expect(limiter.stats().buckets).toBe(4);
  });

  it('keeps one bucket per API where the service throttles per API (EC2)', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ maxConcurrency: 4, pacing: awsPacing(), clock });
    const ec2 = { account: 'a', region: 'eu-west-1', service: 'ec2' };
    const sgs = limiter.bucket({ ...ec2, operation: 'DescribeSecurityGroups' });
    const vols = limiter.bucket({ ...ec2, operation: 'DescribeVolumes' });
    expect(sgs).not.toBe(vols);
    expect(limiter.bucket({ ...ec2, operation: 'DescribeSecurityGroups' })).toBe(sgs);
    const iam = { account: 'a', region: 'us-east-1', service: 'iam' };
    expect(limiter.bucket({ ...iam, operation: 'GetAccountSummary' })).toBe(
      limiter.bucket({ ...iam, operation: 'GetCredentialReport' }),
    );
  });

  it('releases the slot when the request fails', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1, pacing: () => ({ rate: 1000, burst: 1000 }) });
    const key = { account: 'a', region: 'r', service: 's' };
    await expect(limiter.run(key, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(key, async () => 'ok')).resolves.toBe('ok');
  });
});

describe('adaptive pacing (AIMD)', () => {
  it('halves the rate on a throttled answer, once per slow-down', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(20, 100, clock);
    const sentBefore = await bucket.take();
    const alsoSentBefore = await bucket.take();
    bucket.throttled(sentBefore);
    expect(bucket.rate).toBe(10);
    // a second answer to a request sent at the old rate says nothing new
    bucket.throttled(alsoSentBefore);
    expect(bucket.rate).toBe(10);
    // a request sent at the new rate and throttled again halves it again
    bucket.throttled(await bucket.take());
    expect(bucket.rate).toBe(5);
    expect({ throttles: bucket.throttles, slowdowns: bucket.slowdowns }).toEqual({
      throttles: 3,
      slowdowns: 2,
    });
  });

  it('paces at the lowered rate, with the bucket emptied', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(20, 100, clock);
    bucket.throttled(await bucket.take());
    const t0 = clock.time;
    for (let i = 0; i < 10; i++) await bucket.take();
    // 10 requests at 10 per second: a second of virtual time, no burst left to spend
    expect(clock.time - t0).toBeCloseTo(1000, 5);
  });

  it('never slows below the floor', async () => {
    const bucket = new TokenBucket(20, 100, new VirtualClock());
    for (let i = 0; i < 30; i++) bucket.throttled(await bucket.take());
    expect(bucket.rate).toBe(0.5);
  });

  it('adds the rate back step by step while no throttling comes, up to the ceiling', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(20, 100, clock);
    bucket.throttled(await bucket.take());
    bucket.throttled(await bucket.take());
    expect(bucket.rate).toBe(5);
    clock.time += 999;
    bucket.answered();
    expect(bucket.rate).toBe(5);
    clock.time += 1;
    bucket.answered();
    // a step is a fiftieth of the ceiling, at least half a request per second
    expect(bucket.rate).toBe(5.5);
    clock.time += 60_000;
    bucket.answered();
    expect(bucket.rate).toBe(20);
  });

  it('slows only the bucket that was throttled', async () => {
    const clock = new VirtualClock();
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' });
    const limiter = new RateLimiter({ maxConcurrency: 4, pacing: awsPacing(), clock });
    const sgs = { account: 'a', region: 'eu-west-1', service: 'ec2', operation: 'DescribeSecurityGroups' };
    const vpcs = { ...sgs, operation: 'DescribeVpcs' };
    await expect(limiter.run(sgs, async () => Promise.reject(throttle))).rejects.toBe(throttle);
    await limiter.run(vpcs, async () => 'ok');
    expect(limiter.bucket(sgs).rate).toBe(10);
    expect(limiter.bucket(vpcs).rate).toBe(20);
    expect(limiter.stats()).toMatchObject({ throttled: 1, slowdowns: 1 });
    // an error that is not throttling (AccessDenied) changes nothing
    const denied = Object.assign(new Error('denied'), { name: 'AccessDenied' });
    await expect(limiter.run(vpcs, async () => Promise.reject(denied))).rejects.toBe(denied);
    expect(limiter.bucket(vpcs).rate).toBe(20);
  });

  it('recognises throttling as the SDK classifies it', () => {
    for (const name of [
      'Throttling',
      'ThrottlingException',
      'RequestLimitExceeded',
      'SlowDown',
      'TooManyRequestsException',
    ])
      expect(isThrottling(Object.assign(new Error('x'), { name })), name).toBe(true);
    expect(
      isThrottling(Object.assign(new Error('x'), { name: 'Oops', $metadata: { httpStatusCode: 429 } })),
    ).toBe(true);
    expect(isThrottling(Object.assign(new Error('x'), { name: 'AccessDenied' }))).toBe(false);
    expect(isThrottling('Throttling')).toBe(false);
    expect(isThrottling(null)).toBe(false);
  });

  it('defaults follow the published figures, and one configured rate keeps per-API buckets', () => {
    expect(DEFAULT_PACING.ec2).toEqual({ rate: 20, burst: 100, perOperation: true });
    expect(DEFAULT_PACING.s3?.rate).toBe(5500);
    expect(awsPacing(50)({ account: 'a', region: 'r', service: 'ec2' })).toEqual({
      rate: 50,
      burst: 100,
      perOperation: true,
    });
    expect(awsPacing(50)({ account: 'a', region: 'r', service: 'iam' })).toEqual({ rate: 50, burst: 100 });
  });
});

describe('mapConcurrent and TaskPool', () => {
  it('keeps order and bounds concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 4, 3, 2, 1], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 40, 30, 20, 10]);
    expect(peak).toBe(2);
  });

  it('applies backpressure and reports the first task error on drain', async () => {
    const pool = new TaskPool(2);
    let started = 0;
    for (let i = 0; i < 6; i++) {
      await pool.add(async () => {
        started++;
        await new Promise((r) => setImmediate(r));
        if (i === 3) throw new Error('task 3 failed');
      });
      expect(started - i).toBeLessThanOrEqual(1);
    }
    await expect(pool.drain()).rejects.toThrow('task 3 failed');
    expect(started).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import {
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
    const limiter = new RateLimiter({ maxConcurrency: 4, ratePerSecond: () => 1, burst: () => 1, clock });
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
  });

  it('releases the slot when the request fails', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1, ratePerSecond: () => 1000 });
    const key = { account: 'a', region: 'r', service: 's' };
    await expect(limiter.run(key, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(key, async () => 'ok')).resolves.toBe('ok');
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

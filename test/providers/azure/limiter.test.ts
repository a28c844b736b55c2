import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AZURE_RATES,
  limitScopeFor,
  TokenBucketLimiter,
} from '../../../src/providers/azure/limiter.js';
import { FakeClock, SUB_A, SUB_B } from './helpers.js';

const caller = { principal: 'p1', tenant: 't1' };
const arm = (sub: string) => limitScopeFor('arm', `/subscriptions/${sub}/resourceGroups`, caller);

describe('limit scopes', () => {
  it('follow how Azure throttles: per subscription and principal, per tenant, per Graph tenant', () => {
    expect(arm(SUB_A.toUpperCase()).key).toBe(`arm:subscription:${SUB_A}:p1`);
    expect(limitScopeFor('arm', '/subscriptions', caller).key).toBe('arm:tenant:t1:p1');
    expect(
      limitScopeFor('arm', '/providers/Microsoft.Management/managementGroups/mg/descendants', caller).key,
    ).toBe('arm:tenant:t1:p1');
    expect(
      limitScopeFor('arm', '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01', caller),
    ).toMatchObject({
      key: 'arm:resource-graph:t1:p1',
      ratePerSecond: 3,
      burst: 15,
    });
    expect(limitScopeFor('graph', '/v1.0/users?$select=id', caller).key).toBe('graph:t1');
    // Key Vault throttles per vault: two vaults do not share a bucket
    expect(limitScopeFor('keyvault', '/KVProd/certificates?api-version=7.4', caller).key).toBe(
      'keyvault:kvprod:p1',
    );
    expect(limitScopeFor('keyvault', '/kvdev/certificates', caller).key).toBe('keyvault:kvdev:p1');
    expect(limitScopeFor('graph', '/beta/identity/conditionalAccess/policies', caller)).toMatchObject({
      key: 'graph:t1:identity-protection',
      ratePerSecond: 1,
      burst: 1,
    });
    expect(limitScopeFor('graph', '/v1.0/identityProtection/riskyUsers', caller).key).toBe(
      'graph:t1:identity-protection',
    );
  });

  it('default below Resource Manager read limits (250 burst, 25/s)', () => {
    expect(arm(SUB_A)).toMatchObject({ ratePerSecond: 20, burst: 200 });
    expect(DEFAULT_AZURE_RATES.armPerSecond).toBeLessThan(25);
    expect(DEFAULT_AZURE_RATES.armBurst).toBeLessThan(250);
  });
});

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then paces at the refill rate, per scope', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ maxConcurrency: 8, clock });
    const scope = { key: 'arm:subscription:a:p', ratePerSecond: 25, burst: 250 };
    const start = clock.t;
    for (let i = 0; i < 250; i++) await limiter.run(scope, async () => i);
    expect(clock.t).toBe(start);
    for (let i = 0; i < 50; i++) await limiter.run(scope, async () => i);
    // 50 more at 25/s: two seconds of (virtual) waiting
    expect(clock.t - start).toBeCloseTo(2000, 0);
    // another subscription has its own full bucket
    const before = clock.t;
    for (let i = 0; i < 100; i++) await limiter.run({ ...scope, key: 'arm:subscription:b:p' }, async () => i);
    expect(clock.t).toBe(before);
    expect(limiter.stats()).toMatchObject({ tokenWaits: 50, scopes: 2 });
  });

  it('holds a paused scope for the pause, and only that scope', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ maxConcurrency: 8, clock });
    const a = arm(SUB_A);
    const b = arm(SUB_B);
    limiter.pause(a, 5000);
    const t0 = clock.t;
    await limiter.run(b, async () => 1);
    expect(clock.t).toBe(t0);
    await limiter.run(a, async () => 1);
    expect(clock.t - t0).toBe(5000);
    await limiter.run(a, async () => 1);
    expect(clock.t - t0).toBe(5000);
    expect(limiter.stats().pauseWaits).toBe(1);
  });

  it('bounds the requests in flight over every scope', async () => {
    const limiter = new TokenBucketLimiter({ maxConcurrency: 3, clock: new FakeClock() });
    let inFlight = 0;
    let peak = 0;
    const work = Array.from({ length: 12 }, (_, i) =>
      limiter.run(arm(i % 2 ? SUB_A : SUB_B), async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      }),
    );
    await Promise.all(work);
    expect(peak).toBe(3);
    expect(limiter.stats().peakInFlight).toBe(3);
  });
});

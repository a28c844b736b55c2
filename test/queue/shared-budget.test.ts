import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetExhausted } from '../../src/providers/aws/limiter.js';
import { DEFAULT_AZURE_RATES, limitScopeFor, TokenBucketLimiter } from '../../src/providers/azure/limiter.js';
import {
  TokenBucketLimiter as GcpLimiter,
  type LimitScope,
  limitScopesFor,
} from '../../src/providers/gcp/limiter.js';
import { RedisSharedBudget, runWithUnitBudget } from '../../src/queue/shared-budget.js';
import { dropPrefixes, freshPrefix, redisAvailable, testRedis } from './helpers.js';

/*
 * The shared budget is a token bucket in Redis on Redis's own clock, so the test cannot move
 * time: it uses a refill rate so slow (one token per 1,000 s) that no token refills while it
 * runs, and counts grants. Every taker has its own Redis connection, as workers on other
 * machines do, and gives up at once instead of waiting (maxWaitMs 0).
 */

const available = await redisAvailable('shared budget');
const connections: Redis[] = [];
const SLOW = { rate: 0.001, burst: 7 };

afterAll(async () => {
  for (const c of connections) c.disconnect();
  if (available) await dropPrefixes();
});

function taker(prefix: string): RedisSharedBudget {
  const redis = testRedis();
  connections.push(redis);
  return new RedisSharedBudget(redis, { prefix, maxWaitMs: 0 });
}

/** Takes tokens of `bucket` within one unit until the budget says it is exhausted; the number granted. */
async function takeUntilExhausted(budget: RedisSharedBudget, bucket: string): Promise<number> {
  let granted = 0;
  await runWithUnitBudget({}, async () => {
    for (;;) {
      try {
        await budget.take(bucket, SLOW);
        granted++;
      } catch (e) {
        expect(e).toBeInstanceOf(BudgetExhausted);
        expect((e as BudgetExhausted).bucketId).toBe(bucket);
        return;
      }
    }
  });
  return granted;
}

describe.skipIf(!available)('a Redis shared budget', () => {
  it('lets no more than the bucket through across 12 concurrent takers', async () => {
    const prefix = freshPrefix();
    const takers = Array.from({ length: 12 }, () => taker(prefix));
    const grants = await Promise.all(takers.map((t) => takeUntilExhausted(t, '111122223333/us-east-1/ec2')));
    expect(grants.reduce((a, b) => a + b, 0)).toBe(SLOW.burst);
    expect(takers.reduce((n, t) => n + t.taken, 0)).toBe(SLOW.burst);
    expect(takers.reduce((n, t) => n + t.exhaustions, 0)).toBe(12);
  });

  it("keeps each key's budget apart: one exhausted scope leaves another's whole", async () => {
    const prefix = freshPrefix();
    const a = taker(prefix);
    const b = taker(prefix);
    expect(await takeUntilExhausted(a, '111122223333/us-east-1/ec2')).toBe(SLOW.burst);
    expect(await takeUntilExhausted(b, '111122223333/eu-west-1/ec2')).toBe(SLOW.burst);
    expect(await takeUntilExhausted(b, '444455556666/us-east-1/ec2')).toBe(SLOW.burst);
    // the first scope is still exhausted, whichever worker asks
    expect(await takeUntilExhausted(b, '111122223333/us-east-1/ec2')).toBe(0);
  });

  it('keeps installations apart: the same scope under another prefix has its own budget', async () => {
    const one = taker(freshPrefix());
    const other = taker(freshPrefix());
    expect(await takeUntilExhausted(one, '111122223333/us-east-1/s3')).toBe(SLOW.burst);
    expect(await takeUntilExhausted(other, '111122223333/us-east-1/s3')).toBe(SLOW.burst);
  });

  it('a unit whose budget ran out sends nothing more, even on a scope with tokens left', async () => {
    const budget = taker(freshPrefix());
    await runWithUnitBudget({}, async () => {
      for (let i = 0; i < SLOW.burst; i++) await budget.take('a/r/ec2', SLOW);
      await expect(budget.take('a/r/ec2', SLOW)).rejects.toBeInstanceOf(BudgetExhausted);
      await expect(budget.take('a/r/s3', SLOW)).rejects.toBeInstanceOf(BudgetExhausted);
    });
    expect(budget.taken).toBe(SLOW.burst);
  });

  it('paces Azure through the same buckets: two workers on one (subscription, principal) share its budget', async () => {
    const prefix = freshPrefix();
    const caller = { principal: 'app-0f1e', tenant: 'tenant-1' };
    const rates = { ...DEFAULT_AZURE_RATES, armPerSecond: SLOW.rate, armBurst: SLOW.burst };
    const scope = limitScopeFor(
      'arm',
      '/subscriptions/SUB-1/providers/Microsoft.Network/networkSecurityGroups',
      caller,
      rates,
    );
    expect(scope.key).toBe('arm:subscription:sub-1:app-0f1e');
    // each worker's own limiter has room: only the shared budget can stop them
    const workers = [taker(prefix), taker(prefix)].map(
      (shared) => new TokenBucketLimiter({ maxConcurrency: 4, shared }),
    );
    let sent = 0;
    const drain = (limiter: TokenBucketLimiter) =>
      runWithUnitBudget({}, async () => {
        for (;;) {
          try {
            await limiter.run(scope, async () => {
              sent++;
            });
          } catch (e) {
            expect(e).toBeInstanceOf(BudgetExhausted);
            return;
          }
        }
      });
    await Promise.all(workers.map(drain));
    expect(sent).toBe(SLOW.burst);
    // another subscription of the same principal keeps its own budget
    const other = limitScopeFor('arm', '/subscriptions/sub-2/resourceGroups', caller, rates);
    await runWithUnitBudget({}, async () => {
      for (let i = 0; i < SLOW.burst; i++) await workers[0]?.run(other, async () => undefined);
    });
  });

  it('paces GCP through the same buckets: workers share the budget of a project and of a caller', async () => {
    const prefix = freshPrefix();
    const slow = (s: LimitScope, burst: number): LimitScope => ({ ...s, ratePerSecond: SLOW.rate, burst });
    const scopesOf = (project: string) => {
      const [ofProject, ofCaller] = limitScopesFor(
        'compute',
        `compute/v1/projects/${project}/global/firewalls`,
        project,
        'project:scanner-proj',
      );
      if (!ofProject || !ofCaller) throw new Error('a project read counts against two scopes');
      return [slow(ofProject, SLOW.burst), slow(ofCaller, 3 * SLOW.burst)];
    };
    const shop = scopesOf('shop-prod');
    expect(shop.map((s) => s.key)).toEqual([
      'gcp:compute:project:shop-prod',
      'gcp:compute:caller:project:scanner-proj',
    ]);
    // each worker's own limiter has room: only the shared budget can stop them
    const workers = [taker(prefix), taker(prefix), taker(prefix)].map(
      (shared) => new GcpLimiter({ maxConcurrency: 4, shared }),
    );
    const drain = async (limiter: GcpLimiter, scopes: LimitScope[]) => {
      let sent = 0;
      await runWithUnitBudget({}, async () => {
        for (;;) {
          try {
            await limiter.run(scopes, async () => {
              sent++;
            });
          } catch (e) {
            expect(e).toBeInstanceOf(BudgetExhausted);
            return;
          }
        }
      });
      return sent;
    };
    // three workers on one project: one project's budget between them
    const sent = await Promise.all(workers.map((w) => drain(w, shop)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(SLOW.burst);
    // other projects of the same caller: each its own project budget, all from the caller's
    // (3 x burst, of which the first project spent one burst)
    const others = await Promise.all(
      ['shop-dev', 'shop-test', 'shop-stage'].map((p, i) => drain(workers[i] as GcpLimiter, scopesOf(p))),
    );
    expect(others.reduce((a, b) => a + b, 0)).toBe(2 * SLOW.burst);
  });
});

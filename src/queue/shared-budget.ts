import { AsyncLocalStorage } from 'node:async_hooks';
import type { Redis } from 'ioredis';
import { BudgetExhausted, type Pacing, type SharedBudget } from '../providers/aws/limiter.js';

/*
 * One request budget per API scope for every worker: a token bucket per bucket id kept in Redis
 * and updated by one Lua script, atomically, on Redis's clock (so workers' clocks need not
 * agree). rate-limiter-flexible (the maintained library for this) counts in fixed windows: a
 * burst at the end of one window and the start of the next sends twice the rate within one
 * second, which is exactly what a shared budget must never let through; BullMQ's limiter is
 * one rate per queue, not per key. Hence this small script.
 *
 * The script answers 0 when a token was taken, else how many milliseconds until one refills.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) * 1000 / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 60000)
return tostring(wait)
`;

/** Which unit a request belongs to: a unit whose budget ran out stops sending and yields. */
export interface UnitBudgetState {
  exhausted?: BudgetExhausted;
}

const currentUnit = new AsyncLocalStorage<UnitBudgetState>();

/** Runs a unit's work; requests made within it share its exhaustion state. */
export function runWithUnitBudget<T>(state: UnitBudgetState, fn: () => Promise<T>): Promise<T> {
  return currentUnit.run(state, fn);
}

export interface RedisBudgetOptions {
  /** key namespace (the queue's prefix) */
  prefix: string;
  /**
   * A request waits for a token at most this long; a longer wait means the scope is busy with
   * other workers' units: the unit stops and is re-queued, delayed, and the worker takes other work.
   */
  maxWaitMs?: number;
  /** counts, for tests and metrics */
  onWait?: (bucketId: string, ms: number) => void;
  /** a token was taken */
  onTake?: (bucketId: string) => void;
}

export class RedisSharedBudget implements SharedBudget {
  private readonly maxWaitMs: number;
  /** tokens taken by this process */
  taken = 0;
  /** times a unit's budget was found exhausted */
  exhaustions = 0;

  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisBudgetOptions,
  ) {
    this.maxWaitMs = opts.maxWaitMs ?? 5000;
    if (!('cloudwardTake' in redis)) {
      redis.defineCommand('cloudwardTake', { numberOfKeys: 1, lua: TAKE });
    }
  }

  async take(bucketId: string, pacing: Pacing): Promise<void> {
    const unit = currentUnit.getStore();
    if (unit?.exhausted) throw unit.exhausted;
    const key = `${this.opts.prefix}:budget:${bucketId}`;
    let waited = 0;
    for (;;) {
      const take = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<string>>)
        .cloudwardTake as (key: string, rate: number, burst: number) => Promise<string>;
      const wait = Number(await take.call(this.redis, key, pacing.rate, pacing.burst));
      if (wait <= 0) {
        this.taken++;
        this.opts.onTake?.(bucketId);
        return;
      }
      if (unit && waited + wait > this.maxWaitMs) {
        const e = new BudgetExhausted(bucketId, wait);
        unit.exhausted = e;
        this.exhaustions++;
        throw e;
      }
      this.opts.onWait?.(bucketId, wait);
      waited += wait;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(wait))));
    }
  }
}

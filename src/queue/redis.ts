import { Redis } from 'ioredis';
import type { QueueConfig } from '../config/schema.js';

/** Redis cannot be reached or refused a command: the message names the server (password hidden). */
export class QueueError extends Error {
  override name = 'QueueError';
}

/** The queue's URL with any password replaced by ***, for messages. */
export function redactedRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Why a Redis command or connection failed, in words a user can act on. */
export function describeRedisError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  if (code === 'ECONNREFUSED') return `nothing listens there (is Redis running?): ${msg}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found: ${msg}`;
  if (/NOAUTH|WRONGPASS/.test(msg)) return `authentication failed: ${msg}`;
  return msg;
}

/**
 * A connection to the queue's Redis. BullMQ needs `maxRetriesPerRequest: null` on the
 * connections its workers block on; a command issued while Redis is away waits for the
 * reconnection rather than failing at once.
 */
export function redisConnection(cfg: QueueConfig, opts: { blocking?: boolean } = {}): Redis {
  const redis = new Redis(cfg.url, {
    maxRetriesPerRequest: opts.blocking ? null : 3,
    lazyConnect: true,
    connectTimeout: 5000,
    // reconnect with a capped backoff: a Redis restart mid-scan is survived
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  // errors reach the commands that fail; an unheard 'error' event would crash the process
  redis.on('error', () => undefined);
  return redis;
}

/** Connects and pings, or throws a QueueError naming the server and the reason. */
export async function connectRedis(cfg: QueueConfig, opts: { blocking?: boolean } = {}): Promise<Redis> {
  const redis = redisConnection(cfg, opts);
  try {
    await withTimeout(
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      5000,
    );
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new QueueError(
      `queue: cannot reach Redis at ${redactedRedisUrl(cfg.url)}: ${describeRedisError(err)}`,
    );
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000}s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

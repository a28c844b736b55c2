import { dateOf, daysSince } from '../aws/normalisers/aws-facts.js';

/** Whole days since an RFC 3339 time Google sent (createTime, validAfterTime); null when unreadable. */
export function ageDays(v: unknown, now: number = Date.now()): number | null {
  return daysSince(dateOf(v), now);
}

/** Seconds of a protobuf Duration as JSON carries it ("7776000s", "86400.5s"); null when unreadable. */
export function durationSeconds(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(v.trim());
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * When a raw item was collected (`raw.collected_at`, set by the collectors whose facts are ages),
 * so ages are as at collection, also when a snapshot is audited later; now when absent.
 */
export function collectedAt(raw: Record<string, unknown>): number {
  const t = typeof raw.collected_at === 'string' ? Date.parse(raw.collected_at) : Number.NaN;
  return Number.isNaN(t) ? Date.now() : t;
}

/** The `derive` entry stamping each raw item with its collection time. */
export const stampCollectedAt = { collected_at: () => new Date().toISOString() };

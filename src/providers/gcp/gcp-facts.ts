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

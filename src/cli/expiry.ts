import { parseDuration } from '../core/duration.js';
import { UserError } from './errors.js';

/** "30d", "12h", "2w", an ISO date/time, or "never" (null). Past dates are refused. */
export function parseExpiry(s: string, now: Date): string | null {
  if (s === 'never') return null;
  const ms = parseDuration(s, ['m', 'h', 'd', 'w']);
  if (ms !== undefined) return new Date(now.getTime() + ms).toISOString();
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UserError(`--expires: "${s}" is neither a duration (30d, 12h) nor a date`);
  if (t <= now.getTime()) throw new UserError(`--expires: ${s} is in the past`);
  return new Date(t).toISOString();
}

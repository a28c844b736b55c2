import { UserError } from './errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30d", "12h", "2w", an ISO date/time, or "never" (null). Past dates are refused. */
export function parseExpiry(s: string, now: Date): string | null {
  if (s === 'never') return null;
  const m = /^(\d+)([mhdw])$/.exec(s);
  if (m) return new Date(now.getTime() + Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0)).toISOString();
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UserError(`--expires: "${s}" is neither a duration (30d, 12h) nor a date`);
  if (t <= now.getTime()) throw new UserError(`--expires: ${s} is in the past`);
  return new Date(t).toISOString();
}

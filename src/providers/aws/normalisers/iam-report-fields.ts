/**
 * Readers of the IAM credential report's columns, shared by the report's own records and the
 * users joined with their row.
 */
import { dateOf } from './aws-facts.js';

/** 'true' / 'false' (any case); anything else ('not_supported', garbage) is unknown. */
export function flag(v: unknown): boolean | null {
  const s = typeof v === 'string' ? v.toLowerCase() : null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  return null;
}

/**
 * A date column: an ISO time, or one of the report's words for "none" ('N/A', 'no_information',
 * 'not_supported'), which read as never. Anything else makes the fact unknown.
 */
export function when(v: unknown): { known: boolean; date: Date | null } {
  if (v === 'N/A' || v === 'no_information' || v === 'not_supported' || v === '') {
    return { known: true, date: null };
  }
  const d = dateOf(v);
  return d ? { known: true, date: d } : { known: false, date: null };
}

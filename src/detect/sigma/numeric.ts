/** Numeric comparisons (`gt`, `gte`, `lt`, `lte`) and the time-part modifiers (`hour`, `week`...). */
import type { CompareOp, TimePart } from './modifiers.js';
import { type LeafTest, numberOf } from './values.js';

export function timePartOf(v: unknown, part: TimePart): number | undefined {
  let ms: number;
  if (typeof v === 'number') ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string') ms = Date.parse(v);
  else return undefined;
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number: the week with the year's first Thursday is week 1.
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const dayNum = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - dayNum);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
    }
  }
}

export function compareTest(op: CompareOp | undefined, bound: number, part: TimePart | undefined): LeafTest {
  const extract = part ? (v: unknown) => timePartOf(v, part) : numberOf;
  const cmp: (n: number) => boolean =
    op === 'gt'
      ? (n) => n > bound
      : op === 'gte'
        ? (n) => n >= bound
        : op === 'lt'
          ? (n) => n < bound
          : op === 'lte'
            ? (n) => n <= bound
            : (n) => n === bound;
  return (v) => {
    const n = extract(v);
    return n !== undefined && cmp(n);
  };
}

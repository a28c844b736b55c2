/**
 * What rules read of an event record. Its own module, not event.ts: the detection path must not load
 * event.ts's zod schemas (about 12 MB more peak RSS in bench/detect-speed.mjs) for a type and one function.
 */
import type { EventRecord } from './event.js';
import { withDerived } from './sigma/fields.js';

/**
 * What rules match an event on: `raw`, beside the derived fields (`ext.derived`) that `raw` has no field
 * for. `raw` itself when the source derived none; otherwise a copy, `raw` is never changed.
 */
export function ruleView(event: EventRecord): Record<string, unknown> {
  const derived = event.ext.derived;
  return derived === undefined ? event.raw : withDerived(event.raw, derived);
}

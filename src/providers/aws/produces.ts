import * as plan from '../kit/plan.js';
import { normaliserFor } from '../normalisers.js';
import type { Collector } from './collector.js';

export type ProducesLookup = plan.ProducesLookup;

/** The record types (ext and com) a collector's normaliser produces, from the normaliser registry. */
export const defaultProduces: ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/** The collectors needed for `types`: the collector's own type or one its normaliser produces is asked for. */
export function collectorsFor(
  types: ReadonlySet<string>,
  collectors: readonly Collector[],
  produces: ProducesLookup = defaultProduces,
): Collector[] {
  return plan.collectorsFor(types, collectors, produces);
}

/** The per-item calls a collector makes for the selected checks (see kit/plan.ts). */
export function enrichmentPlan(
  collector: Collector,
  types: ReadonlySet<string>,
  facts: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  produces: ProducesLookup = defaultProduces,
): ReadonlySet<string> | undefined {
  return plan.enrichmentPlan(collector, types, facts, produces);
}

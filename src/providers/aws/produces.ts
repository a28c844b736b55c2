import { normaliserFor } from '../normalisers.js';
import type { Collector } from './collector.js';

export type ProducesLookup = (collectorType: string) => readonly string[];

/** The record types (ext and com) a collector's normaliser produces, from the normaliser registry. */
export const defaultProduces: ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/** The collectors needed for `types`: the collector's own type or one its normaliser produces is asked for. */
export function collectorsFor(
  types: ReadonlySet<string>,
  collectors: readonly Collector[],
  produces: ProducesLookup = defaultProduces,
): Collector[] {
  return collectors.filter((c) => types.has(c.type) || produces(c.type).some((t) => types.has(t)));
}

/** The record types (ext and com) a collector type's normaliser produces. */
export type ProducesLookup = (collectorType: string) => readonly string[];

interface Planned {
  type: string;
  enrichmentsFor(facts: ReadonlySet<string>): Set<string>;
}

/** The collectors needed for `types`: the collector's own type or one its normaliser produces is asked for. */
export function collectorsFor<C extends { type: string }>(
  types: ReadonlySet<string>,
  collectors: readonly C[],
  produces: ProducesLookup,
): C[] {
  return collectors.filter((c) => types.has(c.type) || produces(c.type).some((t) => types.has(t)));
}

/**
 * The per-item calls a collector makes for the selected checks: every one, unless all the
 * checks that need the collector name the facts they read of its own type (`facts`, from
 * factsNeeded); then only the calls feeding those facts. A cross-cloud type (`storage`) asked
 * for means every fact: its checks read the common shape, which several calls feed.
 */
export function enrichmentPlan(
  collector: Planned,
  types: ReadonlySet<string>,
  facts: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  produces: ProducesLookup,
): ReadonlySet<string> | undefined {
  const wanted = facts?.get(collector.type);
  if (!wanted) return undefined;
  const asked = [collector.type, ...produces(collector.type)].filter((t) => types.has(t));
  if (asked.some((t) => t !== collector.type)) return undefined;
  return collector.enrichmentsFor(wanted);
}

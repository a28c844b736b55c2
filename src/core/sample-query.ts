/*
 * A sample query: a named question with its SQL and parameters. The activity-log samples
 * (src/query/samples.ts) and the store's (src/store/query-samples.ts) share this shape.
 */

export interface SampleParam {
  name: string;
  description: string;
  /** the value when none is given; undefined: the parameter must be given */
  default?: (now: Date) => string;
}

export interface SampleQuery {
  name: string;
  question: string;
  params: SampleParam[];
  sql: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Monday of the UTC week of `now`. */
export function startOfWeek(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return day(d);
}

export const daysAgo = (n: number) => (now: Date) => day(new Date(now.getTime() - n * 86_400_000));

export const since = (what: string, dflt: (now: Date) => string, dfltText: string): SampleParam => ({
  name: 'since',
  description: `${what} from this date or time (default: ${dfltText})`,
  default: dflt,
});

/** The sample's parameter values: the given ones, defaults for the rest; throws naming a missing one. */
export function sampleParams(
  sample: SampleQuery,
  given: Record<string, string>,
  now: Date,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of sample.params) {
    const v = given[p.name] ?? p.default?.(now);
    if (v === undefined)
      throw new Error(`sample ${sample.name} needs --param ${p.name}=VALUE (${p.description})`);
    out[p.name] = v;
  }
  for (const k of Object.keys(given))
    if (!sample.params.some((p) => p.name === k))
      throw new Error(
        `sample ${sample.name} has no parameter ${k} (it takes: ${sample.params.map((p) => p.name).join(', ') || 'none'})`,
      );
  return out;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export type DurationUnit = keyof typeof UNIT_MS;

/**
 * "90s", "15m", "1h", "7d", "2w" in milliseconds: a whole number, optional spaces, one unit
 * among `units`. Undefined for anything else, so each caller names its own error.
 */
export function parseDuration(
  text: string,
  units: readonly DurationUnit[] = ['s', 'm', 'h', 'd', 'w'],
): number | undefined {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (!m || !units.includes(m[2] as DurationUnit)) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as DurationUnit];
}

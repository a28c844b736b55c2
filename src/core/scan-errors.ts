/**
 * Collection errors, grouped for people: a collector denied in 80 regions is one line with the
 * reason and the regions, not 80 lines. The region inside a message (an ARN names it) is
 * replaced by `<region>` so the same denial in every region groups together.
 */

export interface CollectionError {
  cloud: string;
  account: string;
  region: string;
  /** the collector type (or check id) that failed */
  source: string;
  message: string;
}

export interface ErrorGroup {
  cloud: string;
  account: string;
  source: string;
  /** the message with the region written as <region> when it named one */
  reason: string;
  /** the first message as it was written */
  message: string;
  regions: string[];
}

/** The message with the region it names written as <region>, so regions group together. */
export function regionless(message: string, region: string): string {
  if (!region || region === 'global') return message;
  return message.split(region).join('<region>');
}

export function groupErrors(errors: readonly CollectionError[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const e of errors) {
    const reason = regionless(e.message, e.region);
    const key = JSON.stringify([e.cloud, e.account, e.source, reason]);
    const g = groups.get(key);
    if (g) {
      if (!g.regions.includes(e.region)) g.regions.push(e.region);
    } else
      groups.set(key, {
        cloud: e.cloud,
        account: e.account,
        source: e.source,
        reason,
        message: e.message,
        regions: [e.region],
      });
  }
  return [...groups.values()];
}

/** "eu-west-1", "2 regions (eu-west-1, us-east-1)", "17 regions (af-south-1, ap-east-1, ...)". */
export function describeRegions(regions: readonly string[], show = 3): string {
  if (regions.length === 1) return regions[0] ?? '';
  const shown = regions.slice(0, show).join(', ');
  return `${regions.length} regions (${shown}${regions.length > show ? ', ...' : ''})`;
}

/** One log line per group: "aws.rds.db_instance could not be collected in aws 1111 eu-west-1: reason". */
export function errorGroupLine(g: ErrorGroup): string {
  const why = g.regions.length === 1 ? g.message : g.reason;
  return `${g.source} could not be collected in ${g.cloud} ${g.account} ${describeRegions(g.regions)}: ${why}`;
}

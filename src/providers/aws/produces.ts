import type { Collector } from './collector.js';

/**
 * The record types (ext and com) each collector's normaliser produces, beyond the collector type
 * itself. Used to pick the collectors a set of checks needs until the normaliser registry
 * (src/providers/normalisers.ts) answers it; keep in step with the normalisers.
 */
export const AWS_PRODUCES: Record<string, readonly string[]> = {
  'aws.ec2.security_group': ['aws.ec2.security_group_rule', 'firewall_rule'],
  'aws.ec2.instance': ['compute'],
  'aws.ec2.volume': ['disk'],
  'aws.rds.db_instance': ['rdbms'],
  'aws.logs.log_group': ['log_profile'],
  'aws.cloudfront.distribution': ['web_app'],
  'aws.s3.bucket': ['storage'],
};

export type ProducesLookup = (collectorType: string) => readonly string[];

export const defaultProduces: ProducesLookup = (type) => AWS_PRODUCES[type] ?? [];

/** The collectors needed for `types`: the collector's own type or one its normaliser produces is asked for. */
export function collectorsFor(
  types: ReadonlySet<string>,
  collectors: readonly Collector[],
  produces: ProducesLookup = defaultProduces,
): Collector[] {
  return collectors.filter((c) => types.has(c.type) || produces(c.type).some((t) => types.has(t)));
}

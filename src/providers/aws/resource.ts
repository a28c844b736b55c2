import type { Normaliser } from '../../core/provider.js';
import type { ChangeEvents, ResourceType } from '../kit/resource.js';
import type { Collector, GetOneSpec } from './collector.js';
import type { Pacing } from './limiter.js';

/** An AWS resource type: the kit's declaration, plus the budget of a service the pacing table lacks. */
export interface AwsResource extends ResourceType<Collector> {
  /** the request budget of the collector's service, when DEFAULT_PACING (limiter.ts) has none */
  pacing?: Pacing;
}

export interface AwsResourceDef {
  collector: Collector;
  normaliser: Normaliser;
  /** how one resource is re-collected, when the collector is declared without it */
  getOne?: GetOneSpec;
  changedBy?: ChangeEvents;
  singleton?: boolean;
  /** the AWS Security Finding Format type: of the collector's type, or per record type */
  asff?: string | Readonly<Record<string, string>>;
  pacing?: Pacing;
}

/**
 * One AWS resource type's declaration, checked: the normaliser is the collector's, and a type
 * that events change says how to find the changed resource (its ids) or is a singleton.
 */
export function defineAwsResource(def: AwsResourceDef): AwsResource {
  const { collector, normaliser, getOne, asff, ...rest } = def;
  const type = collector.type;
  if (normaliser.type !== type) throw new Error(`${type}: the normaliser is for ${normaliser.type}`);
  if (getOne && collector.getOne) throw new Error(`${type}: get-one is declared twice`);
  const withGetOne: Collector = getOne ? { ...collector, getOne } : collector;
  if (def.changedBy && !def.singleton && !withGetOne.getOne)
    throw new Error(`${type}: events change it but no get-one says which raw item is the resource`);
  return {
    ...rest,
    collector: withGetOne,
    normaliser,
    ...(asff ? { exports: { asff: typeof asff === 'string' ? { [type]: asff } : asff } } : {}),
  };
}

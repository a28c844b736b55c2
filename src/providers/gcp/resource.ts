import type { Normaliser } from '../../core/provider.js';
import type { ChangeEvents, ResourceType } from '../kit/resource.js';
import type { GcpCollector, GetOneSpec } from './collector.js';

/** A GCP resource type: the kit's declaration over a GCP collector. */
export type GcpResource = ResourceType<GcpCollector>;

export interface GcpResourceDef {
  collector: GcpCollector;
  normaliser: Normaliser;
  /** how one resource is re-collected, when the collector is declared without it */
  getOne?: GetOneSpec;
  /** the Cloud Audit Log methods (protoPayload.methodName) that change it, and where its id is */
  changedBy?: ChangeEvents;
  singleton?: boolean;
}

/**
 * One GCP resource type's declaration, checked: the normaliser is the collector's, and a type
 * that audit-log events change says how to find the changed resource (its ids) or is a singleton.
 */
export function defineGcpResource(def: GcpResourceDef): GcpResource {
  const { collector, normaliser, getOne, ...rest } = def;
  const type = collector.type;
  if (normaliser.type !== type) throw new Error(`${type}: the normaliser is for ${normaliser.type}`);
  if (normaliser.cloud !== 'gcp') throw new Error(`${type}: the normaliser is for ${normaliser.cloud}`);
  if (getOne && collector.getOne) throw new Error(`${type}: get-one is declared twice`);
  const withGetOne: GcpCollector = getOne ? { ...collector, getOne } : collector;
  if (def.changedBy && !def.singleton && !withGetOne.getOne)
    throw new Error(`${type}: events change it but no get-one says which raw item is the resource`);
  return { ...rest, collector: withGetOne, normaliser };
}

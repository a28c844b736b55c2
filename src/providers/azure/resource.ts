import type { Normaliser } from '../../core/provider.js';
import type { ChangeEvents, ResourceType } from '../kit/resource.js';
import type { AzureCollector, GetOneSpec } from './collector.js';

/** An Azure resource type: the kit's declaration over an Azure collector. */
export type AzureResource = ResourceType<AzureCollector> & { collector: AzureCollector };

export interface AzureResourceDef {
  collector: AzureCollector;
  normaliser: Normaliser;
  /** how one resource is re-collected, when the collector is declared without it */
  getOne?: GetOneSpec;
  /**
   * Activity Log operations that change it (operationName.value, case-insensitive, such as
   * MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE) with the paths to the resource id in the event.
   */
  changedBy?: ChangeEvents;
  /** one value per subscription or tenant (a setting): every event re-reads it */
  singleton?: boolean;
}

/** Where an Activity Log record names the resource: `resourceId` (REST API), `resource_id` (some exports). */
export const ACTIVITY_RESOURCE_ID: readonly string[] = ['resourceId', 'resource_id'];

/** An ARM id of a resource or of one of its children -> the top resource's id, lower case. */
export function armResourceId(id: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)/i.exec(id);
  return m?.[1]?.toLowerCase();
}

/**
 * The Activity Log operations (`<provider>/<type>/write`, `/delete` and those of child types)
 * that change a resource type, found by the resource id in the record.
 */
export function armChangeEvents(resourceType: string, childOperations: readonly string[] = []): ChangeEvents {
  const names = [
    `${resourceType}/write`,
    `${resourceType}/delete`,
    ...childOperations.map((o) => `${resourceType}/${o}`),
  ];
  return {
    events: Object.fromEntries(names.map((n) => [n, ACTIVITY_RESOURCE_ID])),
    normalise: armResourceId,
  };
}

/**
 * One Azure resource type's declaration, checked: the normaliser is the collector's, and a
 * type that events change says how to find the changed resource or is a singleton.
 */
export function defineAzureResource(def: AzureResourceDef): AzureResource {
  const { collector, normaliser, getOne, ...rest } = def;
  const type = collector.type;
  if (normaliser.type !== type) throw new Error(`${type}: the normaliser is for ${normaliser.type}`);
  if (normaliser.cloud !== 'azure') throw new Error(`${type}: the normaliser is for ${normaliser.cloud}`);
  if (getOne && collector.getOne) throw new Error(`${type}: get-one is declared twice`);
  const withGetOne: AzureCollector = getOne ? { ...collector, getOne } : collector;
  if (def.changedBy && !def.singleton && !withGetOne.getOne)
    throw new Error(`${type}: events change it but no get-one says which raw item is the resource`);
  return { ...rest, collector: withGetOne, normaliser };
}

/** The Resource Manager id of a raw item's list item, lower case (Azure ids are case-insensitive). */
export function armIds(raw: Record<string, unknown>): string[] {
  const item = raw.item as { id?: unknown } | null | undefined;
  return typeof item?.id === 'string' && item.id ? [item.id.toLowerCase()] : [];
}

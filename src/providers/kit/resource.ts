import type { Normaliser } from '../../core/provider.js';
import type { Collector } from './collector.js';

/**
 * Everything Cloudward knows about one resource type, in one declaration: how it is collected
 * (list, get-one, enrichments, permissions, "absent" codes: the collector), which activity-log
 * events change it (for event-driven re-checks), how its raw answers become records (the
 * normaliser) and what it is called in export formats. The registries of a cloud (collectors,
 * normalisers, the event table, export type maps) are derived from its list of these.
 */
export interface ResourceType<C extends Collector<never, unknown> = Collector<never, unknown>> {
  collector: C;
  normaliser: Normaliser;
  /** the activity-log events that change a resource of this type */
  changedBy?: ChangeEvents;
  /** a setting with one value per scope (password policy, default encryption): every event re-reads it */
  singleton?: boolean;
  /** record type (the collector's, or one its normaliser produces) -> the type in exports */
  exports?: { asff?: Readonly<Record<string, string>> };
}

/** Where a changed resource's id sits in the events that change it. */
export interface ChangeEvents {
  /**
   * event name -> dotted paths to the resource id in the raw event, tried in order; empty for
   * singletons. `a.items[].b` takes `b` of every element of the array `a.items`.
   */
  events: Readonly<Record<string, readonly string[]>>;
  /** turns a found value into the id raw items carry (an ARN into a name, a sub-resource into its parent) */
  normalise?: (value: string) => string | undefined;
}

/** The same id paths for several event names. */
export function eventsAt(
  names: readonly string[],
  paths: readonly string[],
): Record<string, readonly string[]> {
  return Object.fromEntries(names.map((n) => [n, paths]));
}

/** `arn:...:trail/name` -> `name`; a plain value is returned as is. */
export const afterMarker =
  (marker: string) =>
  (v: string): string => {
    const i = v.lastIndexOf(marker);
    return v.startsWith('arn:') && i >= 0 ? v.slice(i + marker.length) : v;
  };

function isJson(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The non-empty string fields of a raw item's list item: the ids it answers to. */
export function itemIds(raw: Record<string, unknown>, ...fields: string[]): string[] {
  const item = isJson(raw.item) ? raw.item : {};
  return fields.map((f) => item[f]).filter((v): v is string => typeof v === 'string' && v !== '');
}

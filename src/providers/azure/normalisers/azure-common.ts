import type { z } from 'zod';
import { defineNormaliser, type Normaliser } from '../../../core/provider.js';
import {
  buildRecord,
  isRecord,
  type Json,
  requireItem,
  requireString,
  str,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/**
 * The raw shape of an ARM resource: the fields every ARM resource has, `extra` top-level fields
 * and the `properties` a normaliser reads.
 */
export function armItem<P extends z.ZodRawShape, E extends z.ZodRawShape = Record<never, never>>(
  properties: P,
  extra?: E,
) {
  return S.obj({
    id: S.str,
    name: S.str,
    location: S.str,
    tags: S.strMap,
    ...(extra ?? ({} as E)),
    properties: S.obj(properties),
  });
}

export interface ArmResource {
  item: Json;
  id: string;
  name: string;
  /** ARM location in its canonical form ("East US" -> "eastus"); 'global' when it has none */
  region: string;
  resourceGroup: string | null;
  tags: Record<string, string>;
  properties: Json;
}

/** The fields every ARM resource has; id and name are required. */
export function armResource(raw: Json, type: string): ArmResource {
  const item = requireItem(raw, type);
  const id = requireString(item, 'id', type, 'item.id');
  const name = requireString(item, 'name', type, 'item.name');
  const location = str(item.location);
  const properties = item.properties;
  return {
    item,
    id,
    name,
    region: location ? location.toLowerCase().replace(/\s+/g, '') : 'global',
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? null,
    tags: tagMap(item.tags),
    properties: isRecord(properties) ? properties : {},
  };
}

/** "Enabled"/"Disabled" flags as ARM spells them; anything else is unknown. */
export function enabledFlag(v: unknown): boolean | null {
  if (typeof v !== 'string') return null;
  const s = v.toLowerCase();
  if (s === 'enabled') return true;
  if (s === 'disabled') return false;
  return null;
}

/**
 * A normaliser of a Resource Manager item that becomes one record of its own type (a Defender
 * plan, a diagnostic setting, an alert rule, a role definition): the ARM fields every resource
 * has, the `properties` it reads (checked against their declared shape first), and the ext
 * facts derived from them.
 */
export function defineArmNormaliser<
  P extends z.ZodRawShape,
  E extends z.ZodRawShape = Record<never, never>,
>(def: {
  type: string;
  service: string;
  properties: P;
  /** top-level fields read beside `properties` (a `sku`, a `managedBy`) */
  extra?: E;
  /** the record's display name: by default the item's name */
  name?: (r: ArmResource) => string;
  ext: (properties: Json, r: ArmResource) => Json;
}): Normaliser {
  return defineNormaliser({
    type: def.type,
    cloud: 'azure',
    service: def.service,
    produces: [def.type],
    raw: S.raw({ item: armItem(def.properties, def.extra) }),
    normalise(raw, scope) {
      const r = armResource(raw, def.type);
      return [
        buildRecord({
          raw,
          scope,
          origin: def.type,
          extType: def.type,
          recordType: def.type,
          reference: r.id,
          name: def.name?.(r) ?? r.name,
          region: r.region,
          service: def.service,
          tags: r.tags,
          ext: { resource_group: r.resourceGroup, ...def.ext(r.properties, r) },
          shape: {},
        }),
      ];
    },
  });
}

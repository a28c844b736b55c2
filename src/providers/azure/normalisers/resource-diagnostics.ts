import { z } from 'zod';
import { at, type Enrichment, enrichment, type Json, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/**
 * A resource's diagnostic settings, as GET {resource}/providers/Microsoft.Insights/diagnosticSettings
 * answers them (2021-05-01-preview): where each sends the resource's logs, and which.
 */
export const RESOURCE_DIAGNOSTIC_SETTING = z.looseObject({
  name: S.str,
  properties: S.obj({
    workspaceId: S.str,
    storageAccountId: S.str,
    eventHubAuthorizationRuleId: S.str,
    marketplacePartnerId: S.str,
    logs: S.list(z.looseObject({ category: S.str, categoryGroup: S.str, enabled: S.bool })),
  }),
});

const DESTINATIONS = [
  'workspaceId',
  'storageAccountId',
  'eventHubAuthorizationRuleId',
  'marketplacePartnerId',
];

export interface LogDelivery {
  /** the settings that send logs to a destination; null when the settings could not be read */
  settings: string[] | null;
  /** the log categories (or category groups) those settings send, lower case, sorted */
  categories: string[] | null;
  /** why `settings` is null */
  state: Enrichment;
}

/**
 * The diagnostic settings under `key` of a raw item that send some of the resource's logs to a
 * Log Analytics workspace, storage account, event hub or partner solution (an enabled log
 * category or category group and a destination). No settings at all (an empty list, or the
 * 404 Azure gives some resource types) is no delivery; a failed read is unknown.
 */
export function logDelivery(raw: Json, key: string): LogDelivery {
  const v = raw[key];
  if (v === null) return { settings: [], categories: [], state: { state: 'absent' } };
  if (!Array.isArray(v)) {
    const state = enrichment(raw, key);
    return {
      settings: null,
      categories: null,
      state: state.state === 'value' ? { state: 'unknown', reason: `${key} is not a list` } : state,
    };
  }
  const settings: string[] = [];
  const categories = new Set<string>();
  for (const d of records(v)) {
    const p = at(d, 'properties');
    if (!DESTINATIONS.some((k) => typeof at(p, k) === 'string' && at(p, k) !== '')) continue;
    const sent = records(at(p, 'logs'))
      .filter((l) => l.enabled === true)
      .map((l) => (str(l.category) ?? str(l.categoryGroup))?.toLowerCase())
      .filter((c): c is string => typeof c === 'string' && c !== '');
    if (sent.length === 0) continue;
    settings.push(str(d.name) ?? '(unnamed)');
    for (const c of sent) categories.add(c);
  }
  return { settings, categories: [...categories].sort(), state: { state: 'value', value: {} } };
}

import { z } from 'zod';
import { at, type Enrichment, enrichment, type Json, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/** A resource's diagnostic setting as GET {resource}/providers/Microsoft.Insights/diagnosticSettings lists it. */
export const DIAGNOSTIC_SETTING = z.looseObject({
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

/**
 * The names of the diagnostic settings (the list answer under `key`) that send a log category
 * somewhere: the setting has a destination and enables the category itself or one of the
 * category groups holding it (allLogs, audit...), compared case-insensitively. Null, with the
 * reason, when the list was not read; none when the resource has no setting.
 */
export function settingsSending(
  raw: Json,
  key: string,
  match: { categories: readonly string[]; groups: readonly string[] },
): { names: string[] | null; state: Enrichment } {
  const v = raw[key];
  if (v === null) return { names: [], state: { state: 'absent' } };
  if (!Array.isArray(v)) {
    const state = enrichment(raw, key);
    return {
      names: null,
      state: state.state === 'value' ? { state: 'unknown', reason: `${key} is not a list` } : state,
    };
  }
  const categories = new Set(match.categories.map((c) => c.toLowerCase()));
  const groups = new Set(match.groups.map((g) => g.toLowerCase()));
  const names = records(v)
    .filter((d) => {
      const p = at(d, 'properties');
      if (!DESTINATIONS.some((k) => typeof at(p, k) === 'string' && at(p, k) !== '')) return false;
      return records(at(p, 'logs')).some(
        (l) =>
          l.enabled === true &&
          (categories.has(str(l.category)?.toLowerCase() ?? '') ||
            groups.has(str(l.categoryGroup)?.toLowerCase() ?? '')),
      );
    })
    .map((d) => str(d.name) ?? '(unnamed)');
  return { names, state: { state: 'value', value: {} } };
}

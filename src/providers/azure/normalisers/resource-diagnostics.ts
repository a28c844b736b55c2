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

/** A setting with a destination, and the log entries it enables (a category or a category group). */
interface DeliveringSetting {
  name: string;
  logs: { category: string | null; group: string | null }[];
}

/**
 * The diagnostic settings under `key` of a raw item that name a Log Analytics workspace,
 * storage account, event hub or partner solution. No settings at all (an empty list, or the
 * 404 Azure gives some resource types) is none; a failed read is null, with the reason.
 */
function withDestination(
  raw: Json,
  key: string,
): { settings: DeliveringSetting[] | null; state: Enrichment } {
  const v = raw[key];
  if (v === null) return { settings: [], state: { state: 'absent' } };
  if (!Array.isArray(v)) {
    const state = enrichment(raw, key);
    return {
      settings: null,
      state: state.state === 'value' ? { state: 'unknown', reason: `${key} is not a list` } : state,
    };
  }
  const settings = records(v).flatMap((d) => {
    const p = at(d, 'properties');
    if (!DESTINATIONS.some((k) => typeof at(p, k) === 'string' && at(p, k) !== '')) return [];
    const logs = records(at(p, 'logs'))
      .filter((l) => l.enabled === true)
      .map((l) => ({ category: str(l.category), group: str(l.categoryGroup) }));
    return [{ name: str(d.name) ?? '(unnamed)', logs }];
  });
  return { settings, state: { state: 'value', value: {} } };
}

export interface LogDelivery {
  /** the settings that send logs to a destination; null when the settings could not be read */
  settings: string[] | null;
  /** the log categories (or category groups) those settings send, lower case, sorted */
  categories: string[] | null;
  /** why `settings` is null */
  state: Enrichment;
}

/** The settings under `key` that send some of the resource's logs somewhere, and which logs. */
export function logDelivery(raw: Json, key: string): LogDelivery {
  const { settings: read, state } = withDestination(raw, key);
  if (read === null) return { settings: null, categories: null, state };
  const settings: string[] = [];
  const categories = new Set<string>();
  for (const s of read) {
    const sent = s.logs
      .map((l) => (l.category ?? l.group)?.toLowerCase())
      .filter((c): c is string => typeof c === 'string' && c !== '');
    if (sent.length === 0) continue;
    settings.push(s.name);
    for (const c of sent) categories.add(c);
  }
  return { settings, categories: [...categories].sort(), state };
}

/**
 * The names of the settings under `key` that send a log category somewhere: they enable the
 * category itself or one of the category groups holding it (allLogs, audit...), compared
 * case-insensitively.
 */
export function settingsSending(
  raw: Json,
  key: string,
  match: { categories: readonly string[]; groups: readonly string[] },
): { names: string[] | null; state: Enrichment } {
  const { settings, state } = withDestination(raw, key);
  if (settings === null) return { names: null, state };
  const categories = new Set(match.categories.map((c) => c.toLowerCase()));
  const groups = new Set(match.groups.map((g) => g.toLowerCase()));
  const names = settings
    .filter((s) =>
      s.logs.some(
        (l) => categories.has(l.category?.toLowerCase() ?? '') || groups.has(l.group?.toLowerCase() ?? ''),
      ),
    )
    .map((s) => s.name);
  return { names, state };
}

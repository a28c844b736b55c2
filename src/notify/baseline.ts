import { SEVERITIES, type Severity } from '../core/severity.js';
import type { Store } from '../store/store.js';
import { type AlertItem, type BaselineSummary, sortedItems } from './alert.js';

/*
 * The first scan of an audit finds everything that is wrong at once: alerting each finding as
 * "new" would flood a channel (132 messages for the demo estate). That scan sends one baseline
 * per notifier instead; later scans alert what is new or regressed since.
 */

/** Findings listed in a baseline message; the rest are counted. */
export const BASELINE_TOP = 10;

/** True when the audit has no complete full scan other than `scanId` (rechecks of one resource do not count). */
export async function isFirstFullScan(
  store: Pick<Store, 'listScans'>,
  auditKey: string,
  scanId?: string,
): Promise<boolean> {
  const scans = await store.listScans({ audit_key: auditKey, full_only: true, limit: 2 });
  return scans.every((s) => s.id === scanId);
}

/** The command that lists an audit's findings (quoted for a POSIX shell when it has to be). */
export function seeAllCommand(auditKey: string): string {
  const arg = /^[\w.:@/-]+$/.test(auditKey) ? auditKey : `'${auditKey.replace(/'/g, `'\\''`)}'`;
  return `cloudward findings list --audit ${arg}`;
}

/** The baseline of the items a notifier takes from a first scan, and the most severe of them to list. */
export function baselineOf(
  items: readonly AlertItem[],
  auditKey: string,
): { summary: BaselineSummary; top: AlertItem[] } {
  const by_severity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const i of items) by_severity[i.severity] += 1;
  return {
    summary: { total: items.length, by_severity, see_all: seeAllCommand(auditKey) },
    top: sortedItems(items).slice(0, BASELINE_TOP),
  };
}

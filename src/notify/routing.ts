import type { RouteFilter, RoutingOptions } from '../config/notifier-options.js';
import { anyGlob } from '../core/glob.js';
import { atLeast } from '../core/severity.js';
import type { AlertItem } from './alert.js';

/** True when the item matches every field the filter gives. */
export function filterMatches(f: RouteFilter, item: AlertItem, source: string): boolean {
  if (f.audits && !anyGlob(f.audits, source)) return false;
  if (f.clouds && !(f.clouds as readonly string[]).includes(item.cloud)) return false;
  if (f.accounts && !anyGlob(f.accounts, item.account)) return false;
  if (f.regions && !anyGlob(f.regions, item.region)) return false;
  if (f.severities && !f.severities.includes(item.severity)) return false;
  if (f.checks || f.rules) {
    // a check filter names checks, a rule filter names detection rules
    const list = item.origin === 'detection' ? f.rules : f.checks;
    if (!list || !anyGlob(list, item.rule_id)) return false;
  }
  return true;
}

const asList = (f: RouteFilter | RouteFilter[] | undefined) =>
  f === undefined ? [] : Array.isArray(f) ? f : [f];

/**
 * Whether a notifier takes an item: at or above min_severity, matching one `include` filter
 * (when there are any) and no `exclude` filter.
 */
export function routes(item: AlertItem, source: string, o: Partial<RoutingOptions>): boolean {
  if (o.min_severity && !atLeast(item.severity, o.min_severity)) return false;
  const include = asList(o.include);
  if (include.length > 0 && !include.some((f) => filterMatches(f, item, source))) return false;
  return !asList(o.exclude).some((f) => filterMatches(f, item, source));
}

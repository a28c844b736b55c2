import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extList, extStr } from '../facts.js';

/**
 * Does an event subscription of `sourceType` notify on each of `categories`? An empty category
 * list means every category. Subscriptions of other source types are not applicable.
 */
export function coversCategories(
  sub: ResourceRecord,
  sourceType: string,
  categories: readonly string[],
): CheckResult {
  const type = extStr(sub, 'source_type');
  if (type !== sourceType) return notApplicable(`a subscription to ${type ?? 'all'} events`);
  const enabled = extBool(sub, 'enabled');
  const subscribed = extList<string>(sub, 'event_categories');
  if (enabled === null || subscribed === null) return error('the subscription settings are unreadable');
  if (!enabled) return fail(`subscription ${sub.com.name} is disabled`);
  const missing = subscribed.length === 0 ? [] : categories.filter((c) => !subscribed.includes(c));
  if (missing.length === 0)
    return pass(subscribed.length === 0 ? 'every event category' : `covers ${categories.join(', ')}`);
  return fail(`subscription ${sub.com.name} misses ${missing.join(', ')} events`, {
    evidence: { subscribed, missing },
  });
}

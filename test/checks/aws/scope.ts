import { isOfType, ScopeInventory, type Unreadable } from '../../../src/core/check.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { makeResource } from '../../helpers/resource.js';

/**
 * A scope (account) context over the given records, as the engine builds it; `unreadable` lists
 * the types and regions whose data could not be read (a failed collection or unreadable items).
 */
export function scope(
  records: ResourceRecord[],
  account = '111122223333',
  unreadable: Unreadable[] = [],
): ScopeInventory {
  return new ScopeInventory(
    'aws',
    account,
    (t) => records.filter((r) => isOfType(r, t)),
    (t) => unreadable.filter((u) => u.type === t),
  );
}

/** What the engine records when some items of a type in a region could not be read. */
export const unreadable = (
  type: string,
  region = 'us-east-1',
  reason = `1 ${type} item(s) could not be read: item.Arn: missing`,
): Unreadable => ({
  type,
  region,
  reason,
});

/** A record of an AWS collector type with the given ext facts. */
export function rec(
  type: string,
  ext: Record<string, unknown>,
  opts: { name?: string; com?: Record<string, unknown>; region?: string } = {},
): ResourceRecord {
  return makeResource({
    type: type.split('.').slice(-1)[0] ?? type,
    extType: type,
    ext,
    ...(opts.name ? { name: opts.name } : {}),
    com: { ...(opts.region ? { region: opts.region } : {}), ...opts.com },
  });
}

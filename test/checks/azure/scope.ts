import { isOfType, ScopeInventory } from '../../../src/core/check.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { makeResource } from '../../helpers/resource.js';

export const SUBSCRIPTION = '0d3e1f2a-1111-4a5b-8c9d-0123456789ab';

/** A record of an Azure type with the given ext facts, in the test subscription. */
export function azureRec(
  type: string,
  ext: Record<string, unknown>,
  name = type.split('.').pop() ?? type,
): ResourceRecord {
  return makeResource({ cloud: 'azure', type, extType: type, name, ext, com: { account: SUBSCRIPTION } });
}

/** A subscription's inventory as the engine builds it; `unreadable` types failed to collect. */
export function subscription(records: ResourceRecord[], unreadable: string[] = []): ScopeInventory {
  return new ScopeInventory(
    'azure',
    SUBSCRIPTION,
    (t) => records.filter((r) => isOfType(r, t)),
    (t) =>
      unreadable.includes(t)
        ? [
            {
              type: t,
              region: 'global',
              reason: `${t}: AuthorizationFailed: The client does not have authorization (HTTP 403)`,
            },
          ]
        : [],
  );
}

import type { ScopeContext } from '../../../src/core/check.js';
import { isOfType } from '../../../src/core/check.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { makeResource } from '../../helpers/resource.js';

/** A scope (account) context over the given records, as the engine builds it. */
export function scope(records: ResourceRecord[], account = '111122223333'): ScopeContext {
  return { cloud: 'aws', account, resources: (t) => records.filter((r) => isOfType(r, t)) };
}

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

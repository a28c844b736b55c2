import { ScopeInventory } from '../../../src/core/check.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import type { GcpResource } from '../../../src/providers/gcp/resource.js';

/**
 * Records of GCP resources built from API answers by the resource module's own normaliser, so
 * the checks are tested on what a scan really produces.
 */
export function recordsOf(
  resource: GcpResource,
  raw: Record<string, unknown>,
  account = 'shop-prod',
): ResourceRecord[] {
  return resource.normaliser.normalise(raw, { cloud: 'gcp', account, region: 'global' });
}

/** The records of one type among them. */
export const ofType = (records: ResourceRecord[], type: string) =>
  records.filter((r) => r.ext.record_type === type);

/** A project's inventory for a scope check; `unreadable` types could not be read. */
export function inventory(
  records: ResourceRecord[],
  unreadable: string[] = [],
  account = 'shop-prod',
): ScopeInventory {
  return new ScopeInventory(
    'gcp',
    account,
    (t) => records.filter((r) => r.ext.record_type === t || r.com.record_type === t),
    (t) =>
      unreadable.includes(t)
        ? [{ type: t, region: 'global', reason: `${t}: PERMISSION_DENIED (HTTP 403)` }]
        : [],
  );
}

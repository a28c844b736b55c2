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

export const P = 'shop-prod';
export const P_NUMBER = '111111111111';

/** The first record of a raw item (`{item, ...enrichments}`), through the resource's real normaliser. */
export function recordOf(
  resource: GcpResource,
  raw: Record<string, unknown>,
  region = 'global',
): ResourceRecord {
  const [rec] = resource.normaliser.normalise(raw, { cloud: 'gcp', account: P, region });
  if (!rec) throw new Error('no record');
  return rec;
}

/** The record with these ext facts missing, as from a source that did not read them. */
export function without(rec: ResourceRecord, ...keys: string[]): ResourceRecord {
  const ext = { ...rec.ext };
  for (const k of keys) delete ext[k];
  return { ...rec, ext };
}

/** A per-item read that failed, as the kit stores it. */
export const failedRead = (message: string) => ({ __error: `PERMISSION_DENIED: ${message}` });

import type { ResourceRecord } from '../../../src/core/record.js';
import type { GcpResource } from '../../../src/providers/gcp/resource.js';

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

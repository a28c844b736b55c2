import { expect } from 'vitest';
import type { ScopeRef } from '../../src/core/provider.js';
import type { ResourceRecord } from '../../src/core/record.js';
import { checkRecord, normaliserFor } from '../../src/providers/normalisers.js';

export const AWS: ScopeRef = { cloud: 'aws', account: '111122223333', region: 'us-east-1' };
export const AZURE: ScopeRef = {
  cloud: 'azure',
  account: '00000000-1111-2222-3333-444444444444',
  region: 'global',
};
export const GCP: ScopeRef = { cloud: 'gcp', account: 'cloudward-demo', region: 'global' };

/** Normalise one raw item with the registered normaliser and assert every record is valid. */
export function normalise(type: string, raw: Record<string, unknown>, scope: ScopeRef): ResourceRecord[] {
  const n = normaliserFor(type);
  if (!n) throw new Error(`no normaliser for ${type}`);
  const out = n.normalise(raw, scope);
  for (const r of out) expect(checkRecord(r)).toBeNull();
  return out;
}

/** The single (primary) record of a normaliser that yields one record per item. */
export function one(type: string, raw: Record<string, unknown>, scope: ScopeRef): ResourceRecord {
  const out = normalise(type, raw, scope);
  expect(out).toHaveLength(1);
  return out[0] as ResourceRecord;
}

/** Firewall rule records only. */
export const rules = (recs: ResourceRecord[]) => recs.filter((r) => r.com.record_type === 'firewall_rule');

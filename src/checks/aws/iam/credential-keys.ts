import type { ResourceRecord } from '../../../core/record.js';
import { extList } from '../facts.js';

/** An access key slot of a credential report row (see the aws.iam.credential_report normaliser). */
export interface ReportKey {
  slot: 1 | 2;
  active: boolean | null;
  age_days: number | null;
  last_used_days: number | null;
  used_known: boolean;
}

/** The key slots of a row, or null when a key's state is unreadable. */
export function reportKeys(row: ResourceRecord): ReportKey[] | null {
  const keys = extList<ReportKey>(row, 'access_keys');
  if (!keys || keys.some((k) => typeof k.active !== 'boolean')) return null;
  return keys;
}

import type { ResourceRecord } from '../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../core/result.js';

import { extBool, whyUnknown } from '../facts.js';

export { about, extBool, extList, extNum, extStr, whyUnknown } from '../facts.js';

export interface AttachedPolicy {
  name: string | null;
  arn: string;
}
export interface InlinePolicy {
  name: string | null;
  full_admin: boolean | null;
  /** allows kms:Decrypt or kms:ReEncryptFrom on every key (older snapshots lack it) */
  kms_decrypt_all_keys?: boolean | null;
}

/**
 * The result of a yes/no setting that must be on: pass when the fact is true, fail when false,
 * error when unknown (with the reason recorded under any of `why`).
 */
export function settingOn(
  r: ResourceRecord,
  key: string,
  says: { on: string; off: string; unknown: string; why?: string[] },
): CheckResult {
  const v = extBool(r, key);
  if (v === null) return error(`${says.unknown}${whyUnknown(r, ...(says.why ?? []))}`);
  return v ? pass(says.on) : fail(says.off);
}

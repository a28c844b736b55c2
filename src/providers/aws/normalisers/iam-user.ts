import type { UserDetail } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  buildRecord,
  isErrorFact,
  isRecord,
  type Json,
  keyValueTags,
  records,
  requireItem,
  requireString,
  str,
  strings,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { dateOf, daysSince } from './aws-facts.js';
import { ATTACHED_POLICIES, attachedPolicies, INLINE_POLICIES, inlinePolicies } from './iam-principal.js';
import { flag, when } from './iam-report-fields.js';

const TYPE = 'aws.iam.user';

/** A per-item list answer (the collector stores the array itself); null when failed or absent. */
function listAnswer(v: unknown): Json[] | null {
  if (Array.isArray(v)) return records(v);
  return null;
}

/** The credential report columns read of the user's row (every value is text, as IAM writes it). */
const REPORT_ROW = {
  arn: S.str,
  mfa_active: S.str,
  access_key_1_active: S.str,
  access_key_1_last_rotated: S.str,
  access_key_2_active: S.str,
  access_key_2_last_rotated: S.str,
};

const RAW = S.raw({
  item: S.obj({
    UserName: S.str,
    Arn: S.str,
    UserId: S.str,
    Path: S.str,
    CreateDate: S.date,
    GroupList: S.strs,
    Tags: S.keyValueTags,
    AttachedManagedPolicies: ATTACHED_POLICIES,
    UserPolicyList: INLINE_POLICIES,
    PermissionsBoundary: S.obj({ PermissionsBoundaryArn: S.str }),
  }),
  credentials: S.answer(REPORT_ROW),
  // raw of earlier versions: the per-user answers
  mfaDevices: S.answerList(z.looseObject({ SerialNumber: S.str })),
  accessKeys: S.answerList(z.looseObject({ AccessKeyId: S.str, Status: S.str, CreateDate: S.date })),
});

interface AccessKey {
  /** the key id: only ListAccessKeys (raw of earlier versions) names it */
  id: string | null;
  active: boolean | null;
  created: string | null;
  age_days: number | null;
}

/** The user's keys from its credential report row: a slot whose last rotation is a date holds a key. */
function keysFromReport(row: Json): AccessKey[] | null {
  const out: AccessKey[] = [];
  for (const slot of [1, 2]) {
    const rotated = when(row[`access_key_${slot}_last_rotated`]);
    const active = flag(row[`access_key_${slot}_active`]);
    if (!rotated.known) return null;
    if (rotated.date === null) {
      // no key in this slot; an active flag without a date is a row that contradicts itself
      if (active === true) return null;
      continue;
    }
    out.push({ id: null, active, created: rotated.date.toISOString(), age_days: daysSince(rotated.date) });
  }
  return out;
}

/**
 * An IAM user from GetAccountAuthorizationDetails, with its MFA and access key facts from its row
 * of the credential report (`raw.credentials`). Raw of earlier versions has per-user
 * ListMFADevices (`mfaDevices`) and ListAccessKeys (`accessKeys`) answers instead; they are read
 * the same way (and give `mfa_devices`, the serial numbers). Facts from an answer that failed, or
 * that the scan did not collect, are null with the reason in `unknown_facts`.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE, 'identity_user'],
  raw: RAW,
  normalise(raw, scope) {
    const u = requireItem<UserDetail>(raw, TYPE);
    const name = requireString(u, 'UserName', TYPE, 'item.UserName');
    const arn = requireString(u, 'Arn', TYPE, 'item.Arn');
    const row = isRecord(raw.credentials) && !isErrorFact(raw.credentials) ? raw.credentials : null;
    const mfaList = listAnswer(raw.mfaDevices);
    const keyList = listAnswer(raw.accessKeys);
    const mfaDevices =
      mfaList?.map((d) => str(d.SerialNumber)).filter((s): s is string => s !== null) ?? null;
    const accessKeys: AccessKey[] | null = keyList
      ? keyList.map((k) => ({
          id: str(k.AccessKeyId),
          active: str(k.Status) === 'Active',
          created: dateOf(k.CreateDate)?.toISOString() ?? null,
          age_days: daysSince(dateOf(k.CreateDate)),
        }))
      : row
        ? keysFromReport(row)
        : null;
    const mfaActive = row ? flag(row.mfa_active) : mfaDevices ? mfaDevices.length > 0 : null;
    const created = dateOf(u.CreateDate);
    const unknown = unknownFacts(raw, row, mfaActive, accessKeys);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_user',
        reference: arn,
        name,
        service: 'iam',
        tags: keyValueTags(u.Tags),
        ext: {
          user_id: str(u.UserId),
          path: str(u.Path),
          created: created?.toISOString() ?? null,
          groups: strings(u.GroupList),
          attached_policies: attachedPolicies(u.AttachedManagedPolicies),
          inline_policies: inlinePolicies(u.UserPolicyList),
          permissions_boundary: str((u.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn),
          mfa_active: mfaActive,
          access_keys: accessKeys,
          ...('mfaDevices' in raw ? { mfa_devices: mfaDevices } : {}),
          unknown_facts: unknown,
        },
        shape: {},
      }),
    ];
  },
});

/** Why the MFA or key facts are unknown, under the raw key that should have given them. */
function unknownFacts(
  raw: Json,
  row: Json | null,
  mfaActive: boolean | null,
  accessKeys: AccessKey[] | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  const fromReport = (what: string) =>
    row ? `the credential report row has no readable ${what}` : reason(raw.credentials, 'credentials');
  // raw of earlier versions: the per-user answers, named by their own keys
  const legacy = !('credentials' in raw) && ('mfaDevices' in raw || 'accessKeys' in raw);
  if (mfaActive === null) {
    if (legacy) out.mfaDevices = reason(raw.mfaDevices, 'mfaDevices');
    else out.credentials = fromReport('mfa_active');
  }
  if (accessKeys === null) {
    if (legacy) out.accessKeys = reason(raw.accessKeys, 'accessKeys');
    else out.credentials ??= fromReport('access key columns');
  }
  return out;
}

function reason(v: unknown, key: string): string {
  if (isErrorFact(v)) return v.__error;
  if (v === undefined) return `${key} was not collected`;
  return `${key} is not ${key === 'credentials' ? 'a credential report row' : 'a list'}`;
}

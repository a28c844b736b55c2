import type { UserDetail } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  buildRecord,
  isErrorFact,
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

const TYPE = 'aws.iam.user';

/** A per-item list answer (the collector stores the array itself); null when failed or absent. */
function listAnswer(v: unknown): Json[] | null {
  if (Array.isArray(v)) return records(v);
  if (v === undefined || v === null || isErrorFact(v)) return null;
  return null;
}

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
  mfaDevices: S.answerList(z.looseObject({ SerialNumber: S.str })),
  accessKeys: S.answerList(z.looseObject({ AccessKeyId: S.str, Status: S.str, CreateDate: S.date })),
});

/**
 * An IAM user from GetAccountAuthorizationDetails, with its MFA devices (ListMFADevices) and
 * access keys (ListAccessKeys). Facts from a per-item call that failed are null.
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
    const mfa = listAnswer(raw.mfaDevices);
    const keys = listAnswer(raw.accessKeys);
    const created = dateOf(u.CreateDate);
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
          mfa_devices:
            mfa === null ? null : mfa.map((d) => str(d.SerialNumber)).filter((s): s is string => s !== null),
          access_keys:
            keys === null
              ? null
              : keys.map((k) => ({
                  id: str(k.AccessKeyId),
                  active: str(k.Status) === 'Active',
                  created: dateOf(k.CreateDate)?.toISOString() ?? null,
                  age_days: daysSince(dateOf(k.CreateDate)),
                })),
          unknown_facts: {
            ...(mfa === null ? { mfaDevices: reason(raw.mfaDevices, 'mfaDevices') } : {}),
            ...(keys === null ? { accessKeys: reason(raw.accessKeys, 'accessKeys') } : {}),
          },
        },
        shape: {},
      }),
    ];
  },
});

function reason(v: unknown, key: string): string {
  if (isErrorFact(v)) return v.__error;
  return v === undefined ? `${key} was not collected` : `${key} is not a list`;
}

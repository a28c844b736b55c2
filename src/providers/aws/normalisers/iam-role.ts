import type { RoleDetail } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  buildRecord,
  keyValueTags,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { dateOf, principalsOf, readPolicyDocument, statementsOf } from './aws-facts.js';
import { ATTACHED_POLICIES, attachedPolicies, INLINE_POLICIES, inlinePolicies } from './iam-principal.js';

const TYPE = 'aws.iam.role';

/** Who may assume the role: the principals of the Allow statements of its trust policy. */
function trustedPrincipals(v: unknown): string[] | null {
  const doc = readPolicyDocument(v);
  if ('unreadable' in doc) return null;
  if (doc.doc === null) return [];
  return statementsOf(doc.doc)
    .filter((s) => str(s.Effect) === 'Allow')
    .flatMap(principalsOf);
}

const RAW = S.raw({
  item: S.obj({
    RoleName: S.str,
    Arn: S.str,
    RoleId: S.str,
    Path: S.str,
    Tags: S.keyValueTags,
    AttachedManagedPolicies: ATTACHED_POLICIES,
    RolePolicyList: INLINE_POLICIES,
    AssumeRolePolicyDocument: S.policyDocument,
    InstanceProfileList: S.list(z.looseObject({ Arn: S.str })),
    RoleLastUsed: S.obj({ LastUsedDate: S.date }),
  }),
});

/** An IAM role with its policies, trust policy and instance profiles (GetAccountAuthorizationDetails). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE, 'identity_role'],
  raw: RAW,
  normalise(raw, scope) {
    const r = requireItem<RoleDetail>(raw, TYPE);
    const name = requireString(r, 'RoleName', TYPE, 'item.RoleName');
    const arn = requireString(r, 'Arn', TYPE, 'item.Arn');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_role',
        reference: arn,
        name,
        service: 'iam',
        tags: keyValueTags(r.Tags),
        ext: {
          role_id: str(r.RoleId),
          path: str(r.Path),
          attached_policies: attachedPolicies(r.AttachedManagedPolicies),
          inline_policies: inlinePolicies(r.RolePolicyList),
          trusted_principals: trustedPrincipals(r.AssumeRolePolicyDocument),
          instance_profiles: records(r.InstanceProfileList)
            .map((p) => str(p.Arn))
            .filter((p): p is string => p !== null),
          last_used: dateOf(at(r, 'RoleLastUsed.LastUsedDate'))?.toISOString() ?? null,
          service_linked: (str(r.Path) ?? '').startsWith('/aws-service-role/'),
        },
        shape: {},
      }),
    ];
  },
});

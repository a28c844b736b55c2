import { z } from 'zod';
import { type Json, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { allowsDecryptOnAllKeys, grantsFullAdmin, readPolicyDocument } from './aws-facts.js';

/** Facts shared by IAM users, groups and roles from GetAccountAuthorizationDetails. */

/** AttachedManagedPolicies of a user, group or role. */
export const ATTACHED_POLICIES = S.list(z.looseObject({ PolicyName: S.str, PolicyArn: S.str }));
/** UserPolicyList / GroupPolicyList / RolePolicyList. */
export const INLINE_POLICIES = S.list(z.looseObject({ PolicyName: S.str, PolicyDocument: S.policyDocument }));

export interface AttachedPolicy {
  name: string | null;
  arn: string;
}

export function attachedPolicies(v: unknown): AttachedPolicy[] {
  return records(v)
    .map((p) => ({ name: str(p.PolicyName), arn: str(p.PolicyArn) }))
    .filter((p): p is AttachedPolicy => p.arn !== null);
}

export interface InlinePolicy {
  name: string | null;
  /** null when the document could not be read */
  full_admin: boolean | null;
  /** allows kms:Decrypt or kms:ReEncryptFrom on every key; null when the document could not be read */
  kms_decrypt_all_keys: boolean | null;
  unreadable: string | null;
}

/** Inline policies with their documents decoded (IAM returns them URL-encoded). */
export function inlinePolicies(v: unknown): InlinePolicy[] {
  return records(v).map((p: Json) => {
    const doc = readPolicyDocument(p.PolicyDocument);
    if ('unreadable' in doc)
      return {
        name: str(p.PolicyName),
        full_admin: null,
        kms_decrypt_all_keys: null,
        unreadable: doc.unreadable,
      };
    return {
      name: str(p.PolicyName),
      full_admin: doc.doc === null ? false : grantsFullAdmin(doc.doc),
      kms_decrypt_all_keys: doc.doc === null ? false : allowsDecryptOnAllKeys(doc.doc),
      unreadable: null,
    };
  });
}

import { z } from 'zod';
import type { ScopeRef } from '../../core/provider.js';
import type { ResourceRecord } from '../../core/record.js';
import { buildRecord, type Json, records, str, strings } from '../normalise-kit.js';
import * as S from '../raw-shape.js';

/**
 * Google IAM policies (`google.iam.v1.Policy`) as Cloudward reads them: one record per binding
 * member, so a finding names who (the member) has what (the role) where (the resource), never
 * the whole policy. Shared by the resource types whose answers carry a policy (projects, KMS
 * keys...).
 */

export const BINDING_TYPE = 'gcp.iam.binding';

/** The policy fields read; `version`, `etag` and the rest stay in raw. */
export const POLICY_SHAPE = S.obj({
  bindings: S.list(
    z.looseObject({
      role: S.str,
      members: S.strs,
      condition: S.obj({ title: S.str, expression: S.str }),
    }),
  ),
  auditConfigs: S.list(
    z.looseObject({
      service: S.str,
      auditLogConfigs: S.list(z.looseObject({ logType: S.str, exemptedMembers: S.strs })),
    }),
  ),
});

export interface Binding {
  role: string;
  member: string;
  /** user, serviceAccount, group, domain, allUsers, allAuthenticatedUsers, deleted:..., principal... */
  member_kind: string;
  condition: string | null;
}

/** The public principals: anyone, and anyone with a Google account. */
export const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

export function memberKind(member: string): string {
  if (PUBLIC_MEMBERS.has(member)) return member;
  const i = member.indexOf(':');
  return i < 0 ? member : member.slice(0, i);
}

/** Every (role, member) pair of a policy answer. */
export function bindingsOf(policy: unknown): Binding[] {
  const out: Binding[] = [];
  for (const b of records((policy as Json | null)?.bindings)) {
    const role = str(b.role);
    if (!role) continue;
    const cond = b.condition as Json | undefined;
    const condition = cond ? (str(cond.title) ?? str(cond.expression)) : null;
    for (const member of strings(b.members)) {
      out.push({ role, member, member_kind: memberKind(member), condition });
    }
  }
  return out;
}

/**
 * One `gcp.iam.binding` record per member of each binding of `policy` on `resource`
 * (`//cloudresourcemanager.googleapis.com/projects/shop-prod`), named "member as role".
 */
export function bindingRecords(
  policy: unknown,
  resource: { reference: string; name: string; kind: string },
  scope: ScopeRef,
  origin: string,
  service: string,
): ResourceRecord[] {
  return bindingsOf(policy).map((b) =>
    buildRecord({
      raw: { binding: b },
      scope,
      origin,
      extType: BINDING_TYPE,
      recordType: BINDING_TYPE,
      reference: `${resource.reference}#${b.role}/${b.member}${b.condition ? `?${b.condition}` : ''}`,
      name: `${b.member} as ${b.role}`,
      region: 'global',
      service,
      ext: { ...b, resource: resource.reference, resource_name: resource.name, resource_kind: resource.kind },
      shape: {},
    }),
  );
}

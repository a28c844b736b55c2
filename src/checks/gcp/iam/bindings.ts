import type { ScopeContext } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, fail, pass } from '../../../core/result.js';

/** The record type of one IAM binding member (src/providers/gcp/iam-policy.ts). */
export const BINDING = 'gcp.iam.binding';

export interface BindingFacts {
  role: string;
  member: string;
  member_kind: string;
  condition: string | null;
  resource: string;
  resource_kind: string;
}

/** The binding facts of a record, or null when they are not all there. */
export function bindingOf(r: ResourceRecord): BindingFacts | null {
  const e = r.ext as Record<string, unknown>;
  if (typeof e.role !== 'string' || typeof e.member !== 'string' || typeof e.resource !== 'string')
    return null;
  return {
    role: e.role,
    member: e.member,
    member_kind: typeof e.member_kind === 'string' ? e.member_kind : '',
    condition: typeof e.condition === 'string' ? e.condition : null,
    resource: e.resource,
    resource_kind: typeof e.resource_kind === 'string' ? e.resource_kind : '',
  };
}

/** The evidence of a binding finding: who, what, where; never the whole policy. */
export function bindingEvidence(b: BindingFacts): Record<string, unknown> {
  return { member: b.member, role: b.role, resource: b.resource, condition: b.condition };
}

/** The Cloud Audit Log method that changes a project's (or any resource's) IAM policy. */
export const IAM_TRIGGERS = ['SetIamPolicy'];

/**
 * Separation of duties on the project's policy: each member holding one of `admin` and one of
 * `use` fails, naming both roles. Reads every project binding (an unreadable policy is `error`).
 */
export function dutiesSeparated(
  ctx: ScopeContext,
  admin: readonly string[],
  use: readonly string[],
  what: string,
): CheckResult[] {
  const byMember = new Map<string, BindingFacts[]>();
  for (const r of ctx.resources(BINDING)) {
    const b = bindingOf(r);
    if (b === null) throw new Error(`binding ${r.com.reference} could not be read`);
    if (b.resource_kind === 'project') byMember.set(b.member, [...(byMember.get(b.member) ?? []), b]);
  }
  const out: CheckResult[] = [];
  for (const [member, bindings] of byMember) {
    const a = bindings.find((b) => admin.includes(b.role));
    const u = bindings.find((b) => use.includes(b.role));
    if (!a || !u) continue;
    out.push({
      ...fail(`${member} holds both ${a.role} and ${u.role} on project ${ctx.account}: ${what}`, {
        evidence: { member, roles: [a.role, u.role], resource: a.resource },
      }),
      resource: { reference: `${a.resource}#member/${member}`, name: member, record_type: BINDING },
    });
  }
  return out.length > 0 ? out : [pass(`no member of project ${ctx.account} holds both kinds of role`)];
}

import type { ScopeContext } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';

/** The record type of one IAM binding member (src/providers/gcp/iam-policy.ts). */
export const BINDING = 'gcp.iam.binding';
/** The project's IAM policy record, which carries the bindings it inherits from folders and organisation. */
export const PROJECT_POLICY = 'gcp.resourcemanager.project_iam_policy';

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
 * Separation of duties on the project's policy and what it inherits from its folders and
 * organisation (read when they are scanned): each member holding one of `admin` and one of `use`
 * fails, naming both roles and where each is granted. Reads every project binding (an unreadable
 * policy is `error`); inherited bindings that could not be read make a project that does not fail
 * on its own bindings `error`, never a pass.
 */
export function dutiesSeparated(
  ctx: ScopeContext,
  admin: readonly string[],
  use: readonly string[],
  what: string,
): CheckResult[] {
  const byMember = new Map<string, BindingFacts[]>();
  const add = (b: BindingFacts) => byMember.set(b.member, [...(byMember.get(b.member) ?? []), b]);
  for (const r of ctx.resources(BINDING)) {
    const b = bindingOf(r);
    if (b === null) throw new Error(`binding ${r.com.reference} could not be read`);
    if (b.resource_kind === 'project') add(b);
  }
  const [policy] = ctx.resources(PROJECT_POLICY);
  const inherited = (policy?.ext.inherited_bindings ?? []) as {
    member: string;
    role: string;
    condition: string | null;
    set_on: string;
  }[];
  for (const b of inherited) {
    add({
      role: b.role,
      member: b.member,
      member_kind: '',
      condition: b.condition,
      resource: `//cloudresourcemanager.googleapis.com/${b.set_on}`,
      resource_kind: b.set_on.split('/')[0] === 'folders' ? 'folder' : 'organization',
    });
  }
  const out: CheckResult[] = [];
  for (const [member, bindings] of byMember) {
    const a = bindings.find((b) => admin.includes(b.role));
    const u = bindings.find((b) => use.includes(b.role));
    if (!a || !u) continue;
    const inheritedFrom = [a, u].filter((b) => b.resource_kind !== 'project').map((b) => b.resource);
    const at = a.resource_kind === 'project' ? u : a;
    out.push({
      ...fail(
        `${member} holds both ${a.role} and ${u.role} on project ${ctx.account}${inheritedFrom.length > 0 ? ` (granted on ${[...new Set(inheritedFrom)].join(', ').replaceAll('//cloudresourcemanager.googleapis.com/', '')})` : ''}: ${what}`,
        { evidence: { member, roles: [a.role, u.role], resources: [a.resource, u.resource] } },
      ),
      resource: { reference: `${at.resource}#member/${member}`, name: member, record_type: BINDING },
    });
  }
  if (out.length > 0) return out;
  if (typeof policy?.ext.inherited_error === 'string')
    return [
      error(
        `no member of project ${ctx.account} holds both kinds of role on the project, but the policies it inherits could not be read: ${policy.ext.inherited_error}`,
      ),
    ];
  return [pass(`no member of project ${ctx.account} holds both kinds of role`)];
}

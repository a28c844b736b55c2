import { defineCheck, unreadableErrors } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { type AttachedPolicy, about, extList, extNum, type InlinePolicy } from '../facts.js';

const ADMIN_ARN = /^arn:[a-z-]+:iam::aws:policy\/AdministratorAccess$/;
const AWS_MANAGED = /^arn:[a-z-]+:iam::aws:policy\//;

/** What the readable customer managed policies say, and whether some could not be read. */
interface PolicyFacts {
  admin: Set<string>;
  /** ARN -> name of attached policies whose default version could not be read */
  unreadable: Map<string, string>;
  known: Set<string>;
  /** some policies could not be read at all: an ARN not in `known` may be one of them */
  incomplete: boolean;
}

/**
 * Why a principal holds "*:*" (AdministratorAccess, a customer policy, an inline policy), and
 * which of its policies could not be read. A grant is definite whatever the unknown ones say.
 */
function adminGrants(
  p: ResourceRecord,
  policies: PolicyFacts,
): { grants: string[]; unknown: string[] } | null {
  const attached = extList<AttachedPolicy>(p, 'attached_policies');
  const inline = extList<InlinePolicy>(p, 'inline_policies');
  if (attached === null && inline === null) return null;
  const grants: string[] = [];
  const unknown: string[] = [];
  if (attached === null) unknown.push('its attached policies');
  for (const a of attached ?? []) {
    if (ADMIN_ARN.test(a.arn) || policies.admin.has(a.arn)) grants.push(a.name ?? a.arn);
    else if (policies.unreadable.has(a.arn)) unknown.push(`the default version of ${a.arn}`);
    else if (policies.incomplete && !AWS_MANAGED.test(a.arn) && !policies.known.has(a.arn))
      unknown.push(a.arn);
  }
  if (inline === null) unknown.push('its inline policies');
  for (const i of inline ?? []) {
    if (i.full_admin === true) grants.push(`${i.name ?? '?'} (inline)`);
    else if (i.full_admin === null) unknown.push(`inline policy ${i.name ?? '?'}`);
  }
  return { grants, unknown };
}

export default defineCheck({
  id: 'aws.iam.no_full_admin_policy_attached',
  title: 'No IAM policy granting full "*:*" administrator access is attached',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.iam.policy', 'aws.iam.user', 'aws.iam.group', 'aws.iam.role'],
  facts: { 'aws.iam.user': ['attached_policies', 'inline_policies'] },
  triggers: [
    'AttachGroupPolicy',
    'AttachRolePolicy',
    'PutGroupPolicy',
    'PutRolePolicy',
    'CreatePolicyVersion',
    'SetDefaultPolicyVersion',
  ],
  description:
    'A user, group or role holds a policy that allows every action on every resource: AdministratorAccess, a customer managed policy with "Action": "*", "Resource": "*", or such an inline policy.',
  risk: 'Full administrator rights turn any mistake or compromise of that identity into control of the whole account; least privilege keeps the damage bounded.',
  remediation: {
    text: 'Replace the "*:*" policy with policies that grant only the actions and resources the identity needs. Keep break-glass administrator access in a role that is rarely assumed and closely watched.',
    cli: 'aws iam list-entities-for-policy --policy-arn <policy-arn>\naws iam detach-role-policy --role-name <role> --policy-arn <policy-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
  ],
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const read = ctx.readable('aws.iam.policy');
    const policies: PolicyFacts = {
      admin: new Set(),
      unreadable: new Map(),
      known: new Set(),
      incomplete: read.unreadable.length > 0,
    };
    for (const p of read.records) {
      policies.known.add(p.com.reference);
      if (p.ext.full_admin === true) policies.admin.add(p.com.reference);
      if (p.ext.full_admin === null && (extNum(p, 'attachment_count') ?? 0) > 0)
        policies.unreadable.set(p.com.reference, p.com.name);
    }
    const seenOnPrincipal = new Set<string>();
    for (const type of ['aws.iam.user', 'aws.iam.group', 'aws.iam.role']) {
      const principals = ctx.readable(type);
      for (const principal of principals.records) {
        if (principal.ext.service_linked === true) continue;
        for (const a of extList<AttachedPolicy>(principal, 'attached_policies') ?? [])
          seenOnPrincipal.add(a.arn);
        const found = adminGrants(principal, policies);
        const subject = { resource: about(principal) };
        if (found === null)
          results.push({ ...error('the policies of this identity are unreadable'), ...subject });
        else if (found.grants.length > 0)
          results.push({
            ...fail(`${principal.com.name} has full administrator access through ${found.grants.join(', ')}`),
            ...subject,
          });
        else if (found.unknown.length > 0)
          results.push({
            ...error(`${found.unknown.join(', ')} could not be read`),
            ...subject,
          });
        else results.push({ ...pass('no "*:*" policy'), ...subject });
      }
      // identities that could not be read may hold anything
      results.push(...unreadableErrors(ctx, principals.unreadable));
    }
    // an unreadable attached policy whose holder was not seen (an identity that could not be read)
    for (const [arn, name] of policies.unreadable) {
      if (seenOnPrincipal.has(arn)) continue;
      results.push({
        ...error(`the default version of policy ${name} is unreadable`),
        resource: about(read.records.find((p) => p.com.reference === arn) as ResourceRecord),
      });
    }
    return results.length > 0 ? results : pass('the account has no IAM users, groups or roles');
  },
});

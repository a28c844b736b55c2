import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { type AttachedPolicy, about, extList, extNum, type InlinePolicy } from '../facts.js';

const ADMIN_ARN = /^arn:[a-z-]+:iam::aws:policy\/AdministratorAccess$/;

/** Why a principal holds "*:*": the AWS managed AdministratorAccess, a customer policy, or an inline policy. */
function adminGrants(p: ResourceRecord, adminPolicies: Set<string>): string[] | null {
  const attached = extList<AttachedPolicy>(p, 'attached_policies');
  const inline = extList<InlinePolicy>(p, 'inline_policies');
  if (attached === null || inline === null) return null;
  const out = attached
    .filter((a) => ADMIN_ARN.test(a.arn) || adminPolicies.has(a.arn))
    .map((a) => a.name ?? a.arn);
  for (const i of inline) {
    if (i.full_admin === null) return null;
    if (i.full_admin) out.push(`${i.name ?? '?'} (inline)`);
  }
  return out;
}

export default defineCheck({
  id: 'aws.iam.no_full_admin_policy_attached',
  title: 'No IAM policy granting full "*:*" administrator access is attached',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.iam.policy', 'aws.iam.user', 'aws.iam.group', 'aws.iam.role'],
  triggers: [
    'AttachUserPolicy',
    'AttachGroupPolicy',
    'AttachRolePolicy',
    'PutUserPolicy',
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
    const admin = new Set<string>();
    for (const p of ctx.resources('aws.iam.policy')) {
      if (p.ext.full_admin === true) admin.add(p.com.reference);
      const attached = (extNum(p, 'attachment_count') ?? 0) > 0;
      if (p.ext.full_admin === null && attached) {
        results.push({
          ...error(`the default version of policy ${p.com.name} is unreadable`),
          resource: about(p),
        });
      }
    }
    for (const type of ['aws.iam.user', 'aws.iam.group', 'aws.iam.role']) {
      for (const principal of ctx.resources(type)) {
        if (principal.ext.service_linked === true) continue;
        const grants = adminGrants(principal, admin);
        const subject = { resource: about(principal) };
        if (grants === null)
          results.push({ ...error('the policies of this identity are unreadable'), ...subject });
        else if (grants.length > 0)
          results.push({
            ...fail(`${principal.com.name} has full administrator access through ${grants.join(', ')}`),
            ...subject,
          });
        else results.push({ ...pass('no "*:*" policy'), ...subject });
      }
    }
    return results.length > 0 ? results : pass('the account has no IAM users, groups or roles');
  },
});

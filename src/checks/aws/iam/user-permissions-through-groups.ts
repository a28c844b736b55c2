import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { type AttachedPolicy, extList, type InlinePolicy } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.user_permissions_through_groups',
  title: 'IAM users receive permissions only through groups',
  severity: 'low',
  resource: 'aws.iam.user',
  facts: { 'aws.iam.user': ['attached_policies', 'inline_policies'] },
  triggers: [],
  description:
    'The IAM user has managed policies attached or inline policies of its own, instead of getting permissions from its groups.',
  risk: 'Permissions granted user by user drift apart and are missed in reviews; access is no longer explained by the roles people hold.',
  remediation: {
    text: "Put the user in a group that carries the permissions it needs, then detach the user's managed policies and delete its inline policies.",
    cli: 'aws iam add-user-to-group --user-name <user> --group-name <group>\naws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>\naws iam delete-user-policy --user-name <user> --policy-name <inline-policy>',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html'],
  evaluate(user) {
    const attached = extList<AttachedPolicy>(user, 'attached_policies');
    const inline = extList<InlinePolicy>(user, 'inline_policies');
    if (attached === null || inline === null) return error('the policies of the user are unreadable');
    if (attached.length === 0 && inline.length === 0) return pass('no policy attached to the user');
    const names = [
      ...attached.map((p) => p.name ?? p.arn),
      ...inline.map((p) => `${p.name ?? '?'} (inline)`),
    ];
    return fail(`${user.com.name} has its own policies: ${names.join(', ')}`, {
      evidence: { attached, inline },
    });
  },
});

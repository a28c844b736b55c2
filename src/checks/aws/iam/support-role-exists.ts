import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.support_role_exists',
  title: 'A role is allowed to manage incidents with AWS Support',
  severity: 'low',
  resource: 'aws.iam.support_access',
  triggers: ['AttachRolePolicy', 'DetachRolePolicy'],
  description:
    'No IAM role has the AWS managed policy AWSSupportAccess, so opening support cases needs broader rights than it should.',
  risk: 'During an incident, people reach for the root user or administrator credentials just to contact AWS Support.',
  remediation: {
    text: 'Create a role for your support staff (trusted by your identity provider or account) and attach AWSSupportAccess to it.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
  },
  references: ['https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html'],
  evaluate(rec) {
    const roles = extList<string>(rec, 'roles');
    if (roles === null) return error('the AWSSupportAccess attachments are unreadable');
    return roles.length > 0
      ? pass(`AWSSupportAccess is attached to ${roles.join(', ')}`)
      : fail('no role has the AWSSupportAccess policy');
  },
});

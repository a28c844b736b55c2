import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { type AttachedPolicy, about, extList } from '../facts.js';

const CLOUDSHELL = /^arn:[a-z-]+:iam::aws:policy\/AWSCloudShellFullAccess$/;

export default defineCheck({
  id: 'aws.iam.cloudshell_full_access_restricted',
  title: 'AWSCloudShellFullAccess is attached to no user, group or role',
  severity: 'medium',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.iam.user', 'aws.iam.group', 'aws.iam.role'],
  facts: { 'aws.iam.user': ['attached_policies'] },
  triggers: ['AttachGroupPolicy', 'AttachRolePolicy'],
  description:
    'An identity holds the AWS managed policy AWSCloudShellFullAccess, which allows uploading and downloading files and full internet access from CloudShell.',
  risk: 'CloudShell with file transfer and outbound internet is a ready channel to move data out of the account, bypassing the network controls of the VPCs.',
  remediation: {
    text: 'Detach AWSCloudShellFullAccess; grant a custom policy that allows CloudShell without file transfer (deny cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls) to those who need it.',
    cli: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess\naws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
  },
  references: ['https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html'],
  evaluate(ctx) {
    const out: CheckResult[] = [];
    for (const type of ['aws.iam.user', 'aws.iam.group', 'aws.iam.role']) {
      const principals = ctx.readable(type);
      for (const p of principals.records) {
        const attached = extList<AttachedPolicy>(p, 'attached_policies');
        if (attached === null)
          out.push({ ...error('the attached policies are unreadable'), resource: about(p) });
        else if (attached.some((a) => CLOUDSHELL.test(a.arn)))
          out.push({ ...fail(`${p.com.name} has AWSCloudShellFullAccess`), resource: about(p) });
      }
      out.push(...unreadableErrors(ctx, principals.unreadable));
    }
    return out.length > 0 ? out : pass('no identity has AWSCloudShellFullAccess');
  },
});

import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, extNum } from '../facts.js';

interface Key {
  active: boolean | null;
  last_used_days: number | null;
  used_known: boolean;
}

export default defineCheck({
  id: 'aws.iam.root_account_not_used',
  title: 'The root user is not used for everyday tasks',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.iam.credential_report'],
  triggers: ['ConsoleLogin'],
  description: 'The root user signed in or used an access key within the last days (30 by default).',
  risk: 'Every use of the root user exposes credentials that cannot be scoped or limited; routine use also makes a malicious use hard to tell apart.',
  remediation: {
    text: 'Do daily administration with IAM Identity Center or IAM roles; keep the root user for the few tasks only it can do, and review each root sign-in.',
    cli: 'aws iam generate-credential-report && aws iam get-credential-report --query Content --output text | base64 -d | head -2',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  params: z.object({ days: z.number().int().positive().default(30) }),
  evaluate(ctx, { days }) {
    // the root row is read even when another user's row is not
    const report = ctx.readable('aws.iam.credential_report');
    const root = report.records.find((r) => r.ext.is_root === true);
    if (!root) {
      const why = report.unreadable.map((u) => u.reason).join('; ');
      return error(
        why ? `the root row could not be read: ${why}` : 'the credential report has no <root_account> row',
      );
    }
    if (extBool(root, 'password_use_known') === false)
      return error('the root password last use is unreadable');
    const keys = extList<Key>(root, 'access_keys');
    if (!keys || keys.some((k) => k.used_known === false))
      return error('the root access key use is unreadable');
    const uses: string[] = [];
    const pw = extNum(root, 'password_last_used_days');
    if (pw !== null && pw < days) uses.push(`password used ${pw} day(s) ago`);
    for (const k of keys) {
      if (k.last_used_days !== null && k.last_used_days < days)
        uses.push(`access key used ${k.last_used_days} day(s) ago`);
    }
    if (uses.length > 0)
      return fail(`the root user was used recently: ${uses.join(', ')}`, { evidence: { days } });
    return pass(`the root user was not used in the last ${days} days`);
  },
});

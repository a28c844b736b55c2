import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.password_policy_prevents_reuse',
  title: 'The IAM password policy prevents reuse of the last 24 passwords',
  severity: 'medium',
  resource: 'aws.iam.password_policy',
  triggers: [],
  description:
    'The account password policy is missing or remembers fewer previous passwords than required, so users can go back to an old one.',
  risk: 'A password that leaked once keeps working if its owner can cycle back to it after a forced change.',
  remediation: {
    text: 'Set password reuse prevention to 24 in the account password policy.',
    cli: 'aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  ],
  params: z.object({ remembered: z.number().int().min(1).max(24).default(24) }),
  evaluate(policy, { remembered }) {
    if (extBool(policy, 'exists') === false) return fail('the account has no password policy');
    const reuse = extNum(policy, 'reuse_prevention') ?? 0;
    if (reuse >= remembered) return pass(`the last ${reuse} passwords cannot be reused`);
    return fail(
      reuse === 0
        ? 'the password policy does not prevent password reuse'
        : `the password policy remembers only ${reuse} passwords, under ${remembered}`,
      { evidence: { reuse_prevention: reuse } },
    );
  },
});

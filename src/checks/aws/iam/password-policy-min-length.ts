import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.password_policy_min_length',
  title: 'The IAM password policy requires passwords of at least 14 characters',
  severity: 'medium',
  resource: 'aws.iam.password_policy',
  triggers: [],
  description:
    'The account password policy is missing or lets IAM users choose passwords shorter than the required length.',
  risk: 'Short passwords fall to guessing and to cracking of leaked hashes far sooner; length is what makes a password hard to guess.',
  remediation: {
    text: 'Set the account password policy minimum length to 14 or more (keeping the other settings you have).',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  ],
  params: z.object({ min_length: z.number().int().min(6).max(128).default(14) }),
  evaluate(policy, { min_length }) {
    if (extBool(policy, 'exists') === false) return fail('the account has no password policy');
    const length = extNum(policy, 'minimum_length');
    if (length !== null && length >= min_length) return pass(`minimum length ${length}`);
    return fail(
      `the password policy allows passwords of ${length ?? 'any'} characters, under ${min_length}`,
      {
        evidence: { minimum_length: length },
      },
    );
  },
});

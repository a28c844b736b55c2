import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';

const REQUIRED = [
  ['require_uppercase', 'an upper-case letter'],
  ['require_lowercase', 'a lower-case letter'],
  ['require_symbols', 'a symbol'],
  ['require_numbers', 'a number'],
] as const;

export default defineCheck({
  id: 'aws.iam.password_policy_strong',
  title: 'The IAM password policy requires long passwords mixing every kind of character',
  severity: 'medium',
  resource: 'aws.iam.password_policy',
  triggers: [],
  description:
    'The account password policy is missing, shorter than the minimum length (8 by default), or does not require upper-case, lower-case, symbol and number characters.',
  risk: 'IAM users can choose passwords that fall quickly to guessing and credential stuffing.',
  remediation: {
    text: 'Set a password policy that requires the minimum length and upper-case, lower-case, symbol and number characters.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-symbols --require-numbers',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  ],
  params: z.object({ min_length: z.number().int().min(6).max(128).default(8) }),
  evaluate(policy, { min_length }) {
    const exists = extBool(policy, 'exists');
    if (exists === null) return error('whether a password policy exists could not be read');
    if (!exists) return fail('the account has no password policy');
    const gaps: string[] = [];
    const length = extNum(policy, 'minimum_length');
    if (length === null) return error('the minimum password length is missing from the answer');
    if (length < min_length) gaps.push(`minimum length ${length} < ${min_length}`);
    for (const [fact, what] of REQUIRED) {
      const on = extBool(policy, fact);
      if (on === null) return error(`whether passwords need ${what} is missing from the answer`);
      if (!on) gaps.push(`${what} is not required`);
    }
    if (gaps.length > 0)
      return fail(`the password policy is weak: ${gaps.join('; ')}`, { evidence: { gaps } });
    return pass(`passwords need ${length}+ characters of every kind`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extList, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.kms.key_not_public',
  title: 'KMS key policies do not let anyone use the key',
  severity: 'high',
  resource: 'aws.kms.key',
  facts: { 'aws.kms.key': ['policy_public', 'public_statements'] },
  triggers: [],
  description:
    'The customer managed key\'s policy allows every principal ("*") without a condition that pins the caller\'s account or organisation.',
  risk: 'Anyone with an AWS account can use the key as the policy allows: decrypt data encrypted under it, encrypt with it, or change it.',
  remediation: {
    text: 'Replace the "*" principal with the accounts or roles that need the key, or add a kms:CallerAccount or aws:PrincipalOrgID condition.',
    cli: 'aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://key-policy.json',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html'],
  evaluate(key) {
    const manager = extStr(key, 'key_manager');
    if (manager === null) return error(`the key metadata could not be read${whyUnknown(key, 'metadata')}`);
    if (manager !== 'CUSTOMER') return notApplicable('an AWS managed key');
    const open = extBool(key, 'policy_public');
    if (open === null) return error(`the key policy could not be read${whyUnknown(key, 'keyPolicy')}`);
    if (!open) return pass('the key policy grants no public access');
    const sids = extList<string>(key, 'public_statements') ?? [];
    return fail(`key ${key.com.name} can be used by anyone (${sids.join(', ')})`, {
      evidence: { public_statements: sids },
    });
  },
});

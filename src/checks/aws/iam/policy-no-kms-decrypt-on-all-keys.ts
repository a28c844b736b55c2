import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.policy_no_kms_decrypt_on_all_keys',
  title: 'Customer managed IAM policies do not allow decryption with every KMS key',
  severity: 'medium',
  resource: 'aws.iam.policy',
  triggers: ['CreatePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion'],
  description:
    'The default version of the customer managed policy allows kms:Decrypt or kms:ReEncryptFrom on every KMS key ("Resource": "*").',
  risk: 'Whoever holds the policy can decrypt data protected by any key whose key policy trusts the account, not just the data their task needs.',
  remediation: {
    text: 'Name the keys the identities need in the Resource element of the decryption statement, then make that version the default.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://scoped-keys.json --set-as-default',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html'],
  evaluate(policy) {
    const open = extBool(policy, 'kms_decrypt_all_keys');
    if (open === null)
      return error(
        `the policy document could not be read${extStr(policy, 'document_unreadable') ? `: ${extStr(policy, 'document_unreadable')}` : ''}`,
      );
    return open
      ? fail(`${policy.com.name} allows decryption with every KMS key`)
      : pass('decryption is limited to named keys, or not allowed');
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, type InlinePolicy } from '../facts.js';

/**
 * One check per kind of IAM principal (user, role, group): none of its inline policies allows
 * kms:Decrypt or kms:ReEncryptFrom on every KMS key.
 */
export function inlineKmsDecryptCheck(kind: 'user' | 'role' | 'group', triggers: string[]) {
  return defineCheck({
    id: `aws.iam.${kind}_inline_policies_no_kms_decrypt_on_all_keys`,
    title: `IAM ${kind} inline policies do not allow decryption with every KMS key`,
    severity: 'medium',
    resource: `aws.iam.${kind}`,
    facts: { [`aws.iam.${kind}`]: ['inline_policies'] },
    triggers,
    description: `An inline policy of the IAM ${kind} allows kms:Decrypt or kms:ReEncryptFrom on every KMS key ("Resource": "*").`,
    risk: `The ${kind} can decrypt data protected by any key whose key policy trusts the account, not just the data its task needs.`,
    remediation: {
      text: `Name the keys the ${kind} needs in the Resource element of the inline policy's decryption statement.`,
      cli: `aws iam put-${kind}-policy --${kind}-name <name> --policy-name <policy> --policy-document file://scoped-keys.json`,
    },
    references: ['https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html'],
    evaluate(principal) {
      const inline = extList<InlinePolicy>(principal, 'inline_policies');
      if (inline === null) return error('the inline policies could not be read');
      const open = inline.filter((p) => p.kms_decrypt_all_keys === true).map((p) => p.name ?? '?');
      if (open.length > 0)
        return fail(`${principal.com.name}: ${open.join(', ')} allow decryption with every KMS key`, {
          evidence: { policies: open },
        });
      const unknown = inline.filter((p) => p.kms_decrypt_all_keys !== false).map((p) => p.name ?? '?');
      if (unknown.length > 0) return error(`inline policies ${unknown.join(', ')} could not be read`);
      return pass(
        inline.length === 0 ? 'no inline policies' : 'no inline policy allows decryption with every key',
      );
    },
  });
}

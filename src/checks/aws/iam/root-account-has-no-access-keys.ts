import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.root_account_has_no_access_keys',
  title: 'The root user has no access keys',
  severity: 'critical',
  resource: 'aws.iam.account_summary',
  triggers: ['CreateAccessKey', 'DeleteAccessKey'],
  description:
    'The account root user has at least one access key, so it can be used from programs and scripts.',
  risk: 'A root access key gives unrestricted, unscopable control of the account to whoever holds it; keys leak through code, logs and laptops, and no IAM policy can limit them.',
  remediation: {
    text: "Sign in as the root user, open 'Security credentials', and delete every access key. Use IAM roles or users with scoped permissions for automation.",
    cli: '# root access keys can only be deleted while signed in as root:\naws iam delete-access-key --access-key-id <root-access-key-id>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
  ],
  evaluate(summary) {
    const present = extBool(summary, 'root_access_keys_present');
    if (present === null) return error('AccountAccessKeysPresent is missing from the account summary');
    return present ? fail('the root user has an access key') : pass('the root user has no access key');
  },
});

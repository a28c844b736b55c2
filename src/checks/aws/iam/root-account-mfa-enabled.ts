import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.root_account_mfa_enabled',
  title: 'The root user signs in with multi-factor authentication',
  severity: 'critical',
  resource: 'aws.iam.account_summary',
  triggers: ['EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice'],
  description: 'The account root user has no MFA device, so its password alone opens the console.',
  risk: 'Whoever learns the root password (phishing, reuse, a leaked password manager) controls the account completely and can lock its owners out.',
  remediation: {
    text: "Sign in as the root user, open 'Security credentials' and assign an MFA device (a hardware key or passkey is best). Keep the device somewhere safe and known to more than one person.",
    cli: '# MFA for the root user is set in the console while signed in as root;\n# list who has MFA: aws iam get-account-summary --query SummaryMap.AccountMFAEnabled',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html'],
  evaluate(summary) {
    const on = extBool(summary, 'root_mfa_enabled');
    if (on === null) return error('AccountMFAEnabled is missing from the account summary');
    return on ? pass('the root user has MFA') : fail('the root user has no MFA device');
  },
});

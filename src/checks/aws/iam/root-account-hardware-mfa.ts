import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.root_account_hardware_mfa',
  title: 'The root user MFA is a hardware device, not a virtual one',
  severity: 'medium',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.iam.account_summary', 'aws.iam.virtual_mfa_device'],
  triggers: ['EnableMFADevice', 'CreateVirtualMFADevice', 'DeactivateMFADevice'],
  description:
    'The root user protects its sign-in with a virtual (phone app) MFA device rather than a hardware key.',
  risk: 'A virtual MFA secret lives on a phone that can be lost, cloned from a backup or compromised with it; a hardware key or passkey keeps the secret off general-purpose devices.',
  remediation: {
    text: 'Sign in as the root user, register a hardware TOTP token or FIDO security key, then remove the virtual device.',
    cli: 'aws iam list-virtual-mfa-devices --assignment-status Assigned --query "VirtualMFADevices[?User.Arn==\'arn:aws:iam::<account>:root\']"',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
  ],
  evaluate(ctx) {
    const summary = ctx.resources('aws.iam.account_summary')[0];
    if (!summary) return error('the account summary was not collected');
    const mfa = extBool(summary, 'root_mfa_enabled');
    if (mfa === null) return error('AccountMFAEnabled is missing from the account summary');
    // No MFA at all is no hardware MFA either: the control fails (CIS asks for a hardware device).
    if (!mfa) return fail('the root user has no MFA device at all, so none is a hardware device');
    const devices = ctx.readable('aws.iam.virtual_mfa_device');
    const virtual = devices.records.find((d) => d.ext.assigned_to_root === true);
    if (virtual) return fail(`the root user uses the virtual MFA device ${virtual.com.reference}`);
    if (devices.unreadable.length > 0) return unreadableErrors(ctx, devices.unreadable);
    return pass('the root user MFA is not a virtual device');
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.console_users_have_mfa',
  title: 'IAM users with a console password have MFA',
  severity: 'high',
  resource: 'aws.iam.credential_report',
  triggers: ['CreateLoginProfile', 'EnableMFADevice', 'DeactivateMFADevice'],
  description: 'An IAM user can sign in to the console with a password alone: no MFA device is active.',
  risk: 'A guessed, phished or reused password is enough to act as the user in the console.',
  remediation: {
    text: 'Assign an MFA device to the user (or remove the console password if the user does not need the console), and require MFA with an IAM policy condition.',
    cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile <user>.png --bootstrap-method QRCodePNG\naws iam enable-mfa-device --user-name <user> --serial-number <mfa-arn> --authentication-code1 <code1> --authentication-code2 <code2>',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html'],
  evaluate(row) {
    if (row.ext.is_root === true)
      return notApplicable('the root user is checked by aws.iam.root_account_mfa_enabled');
    const password = extBool(row, 'password_enabled');
    if (password === null) return error('whether the user has a console password is unreadable');
    if (!password) return notApplicable('the user has no console password');
    const mfa = extBool(row, 'mfa_active');
    if (mfa === null) return error('whether the user has MFA is unreadable');
    return mfa ? pass('console user with MFA') : fail(`${row.com.name} signs in to the console without MFA`);
  },
});

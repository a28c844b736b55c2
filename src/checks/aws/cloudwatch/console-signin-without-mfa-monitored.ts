import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.console_signin_without_mfa_monitored',
  title: 'Console sign-ins without MFA raise an alarm',
  severity: 'low',
  eventClass: 'console_signin_without_mfa',
  metric: 'ConsoleSigninWithoutMFA',
  pattern:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  description:
    'No metric filter and alarm notify anyone when an IAM user signs in to the console without multi-factor authentication.',
  risk: 'A password-only console sign-in is what a phished or reused password looks like; without an alert nobody checks whether it was the real user.',
});

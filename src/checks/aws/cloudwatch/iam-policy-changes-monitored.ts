import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.iam_policy_changes_monitored',
  title: 'IAM policy changes raise an alarm',
  severity: 'low',
  eventClass: 'iam_policy_changes',
  metric: 'IAMPolicyChanges',
  pattern:
    '{ ($.eventSource = iam.amazonaws.com) && (($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy)) }',
  description:
    'No metric filter and alarm notify anyone when IAM policies are created, changed, attached or detached.',
  risk: 'Granting itself more permissions is how an intruder turns a foothold into control of the account; a silent policy change also widens access by mistake.',
});

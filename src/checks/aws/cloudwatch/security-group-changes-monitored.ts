import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.security_group_changes_monitored',
  title: 'Security group changes raise an alarm',
  severity: 'low',
  eventClass: 'security_group_changes',
  metric: 'SecurityGroupChanges',
  pattern:
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  description: 'No metric filter and alarm notify anyone when security groups or their rules change.',
  risk: 'A single added rule can expose a database or an administration port to the internet.',
});

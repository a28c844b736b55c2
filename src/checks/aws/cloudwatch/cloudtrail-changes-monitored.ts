import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.cloudtrail_changes_monitored',
  title: 'CloudTrail configuration changes raise an alarm',
  severity: 'medium',
  eventClass: 'cloudtrail_changes',
  metric: 'CloudTrailChanges',
  pattern:
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  description:
    'No metric filter and alarm notify anyone when a trail is created, changed, deleted, stopped or started.',
  risk: 'Stopping or redirecting the audit log is a standard step to hide what follows; the change itself must be noticed at once.',
});

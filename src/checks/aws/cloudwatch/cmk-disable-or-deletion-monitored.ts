import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.cmk_disable_or_deletion_monitored',
  title: 'Disabling or deleting KMS keys raises an alarm',
  severity: 'medium',
  eventClass: 'cmk_disable_or_deletion',
  metric: 'DisableOrDeleteCMK',
  pattern:
    '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  description:
    'No metric filter and alarm notify anyone when a customer managed KMS key is disabled or scheduled for deletion.',
  risk: 'Data encrypted under a deleted key is lost for good; the waiting period before deletion only helps if someone is told in time to cancel it.',
});

import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.config_changes_monitored',
  title: 'AWS Config configuration changes raise an alarm',
  severity: 'low',
  eventClass: 'config_changes',
  metric: 'AWSConfigChanges',
  pattern:
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }',
  description:
    'No metric filter and alarm notify anyone when AWS Config recording or delivery is stopped or changed.',
  risk: 'Turning off Config removes the configuration history investigators and compliance reports rely on.',
});

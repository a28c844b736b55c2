import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.root_usage_monitored',
  title: 'Use of the root user raises an alarm',
  severity: 'medium',
  eventClass: 'root_usage',
  metric: 'RootAccountUsage',
  pattern:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  description:
    "No metric filter and alarm notify anyone when the account's root user signs in or calls an API.",
  risk: 'The root user can do anything, including closing the account and removing every other control; its use should be rare enough that every use is reviewed.',
});

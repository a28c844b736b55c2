import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.console_auth_failures_monitored',
  title: 'Console authentication failures raise an alarm',
  severity: 'low',
  eventClass: 'console_auth_failures',
  metric: 'ConsoleSigninFailures',
  pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  description: 'No metric filter and alarm notify anyone when console sign-ins fail.',
  risk: 'Repeated failed sign-ins are password guessing; alerts let someone lock the targeted user or block the source before a guess succeeds.',
});

import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.unauthorized_api_calls_monitored',
  title: 'Unauthorized API calls raise an alarm',
  severity: 'low',
  eventClass: 'unauthorized_api_calls',
  metric: 'UnauthorizedAPICalls',
  pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  description: 'No metric filter and alarm notify anyone when API calls are refused for lack of permission.',
  risk: 'A burst of refused calls is often the first trace of stolen credentials being tried, or of an application whose permissions were changed; unwatched, it goes unnoticed.',
});

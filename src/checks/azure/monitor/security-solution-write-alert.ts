import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.security_solution_write_alert',
  title: 'An activity log alert fires when a security solution is created or changed',
  operation: 'Microsoft.Security/securitySolutions/write',
  what: 'a security solution is created or changed',
});

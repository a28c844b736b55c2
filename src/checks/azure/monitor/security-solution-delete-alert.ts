import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.security_solution_delete_alert',
  title: 'An activity log alert fires when a security solution is deleted',
  operation: 'Microsoft.Security/securitySolutions/delete',
  what: 'a security solution is deleted',
});

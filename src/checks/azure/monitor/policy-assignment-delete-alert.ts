import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.policy_assignment_delete_alert',
  title: 'An activity log alert fires when a policy assignment is deleted',
  operation: 'Microsoft.Authorization/policyAssignments/delete',
  what: 'a policy assignment is deleted',
});

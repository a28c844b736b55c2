import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.policy_assignment_write_alert',
  title: 'An activity log alert fires when a policy assignment is created',
  operation: 'Microsoft.Authorization/policyAssignments/write',
  what: 'a policy assignment is created',
});

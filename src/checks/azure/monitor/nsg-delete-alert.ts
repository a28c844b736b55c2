import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.nsg_delete_alert',
  title: 'An activity log alert fires when a network security group is deleted',
  operation: 'Microsoft.Network/networkSecurityGroups/delete',
  what: 'a network security group is deleted',
});

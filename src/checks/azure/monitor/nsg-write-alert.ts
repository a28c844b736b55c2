import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.nsg_write_alert',
  title: 'An activity log alert fires when a network security group is created or changed',
  operation: 'Microsoft.Network/networkSecurityGroups/write',
  what: 'a network security group is created or changed',
});

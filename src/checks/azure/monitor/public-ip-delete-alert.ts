import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.public_ip_delete_alert',
  title: 'An activity log alert fires when a public IP address is deleted',
  operation: 'Microsoft.Network/publicIPAddresses/delete',
  what: 'a public IP address is deleted',
});

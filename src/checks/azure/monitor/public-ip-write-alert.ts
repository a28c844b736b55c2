import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.public_ip_write_alert',
  title: 'An activity log alert fires when a public IP address is created or changed',
  operation: 'Microsoft.Network/publicIPAddresses/write',
  what: 'a public IP address is created or changed',
});

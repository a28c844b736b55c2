import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.sql_firewall_rule_delete_alert',
  title: 'An activity log alert fires when an SQL server firewall rule is deleted',
  operation: 'Microsoft.Sql/servers/firewallRules/delete',
  what: 'an SQL server firewall rule is deleted',
});

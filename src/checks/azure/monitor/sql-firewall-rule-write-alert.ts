import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.sql_firewall_rule_write_alert',
  title: 'An activity log alert fires when an SQL server firewall rule is created or changed',
  operation: 'Microsoft.Sql/servers/firewallRules/write',
  what: 'an SQL server firewall rule is created or changed',
});

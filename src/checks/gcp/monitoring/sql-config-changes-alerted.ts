import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.sql_config_changes_alerted',
  title: 'Cloud SQL configuration changes raise an alert',
  what: 'Cloud SQL instance configuration changes',
  terms: ['protoPayload.methodName="cloudsql.instances.update"'],
  description: 'No log-based metric and alert policy report Cloud SQL instance configuration changes.',
  risk: 'A configuration change can open a database to the internet or turn off its backups or TLS.',
});

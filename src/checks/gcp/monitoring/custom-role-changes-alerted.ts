import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.custom_role_changes_alerted',
  title: 'Custom role changes raise an alert',
  what: 'custom role changes',
  terms: [
    'resource.type="iam_role"',
    'google.iam.admin.v1.CreateRole',
    'google.iam.admin.v1.DeleteRole',
    'google.iam.admin.v1.UpdateRole',
  ],
  description: 'No log-based metric and alert policy report custom IAM roles created, changed or deleted.',
  risk: 'A custom role quietly given more permissions grants them to every member that holds it.',
});

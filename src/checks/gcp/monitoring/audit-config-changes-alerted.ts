import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.audit_config_changes_alerted',
  title: 'Audit configuration changes raise an alert',
  what: 'audit configuration changes',
  terms: [
    'protoPayload.methodName="SetIamPolicy"',
    'protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  ],
  description:
    "No log-based metric and alert policy report changes to the project's audit logging configuration.",
  risk: 'Turning audit logs off is how an intruder hides what follows; the change itself must be seen.',
});

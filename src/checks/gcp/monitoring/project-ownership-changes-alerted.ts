import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.project_ownership_changes_alerted',
  title: 'Project ownership changes raise an alert',
  what: 'project ownership changes',
  terms: [
    'protoPayload.serviceName="cloudresourcemanager.googleapis.com"',
    'ProjectOwnership',
    'projectOwnerInvitee',
    'protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner"',
  ],
  description: 'No log-based metric and alert policy report owners added to or removed from the project.',
  risk: 'Owner is the most powerful project role; an unnoticed new owner can take over the project.',
});

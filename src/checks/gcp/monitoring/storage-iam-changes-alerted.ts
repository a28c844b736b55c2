import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.storage_iam_changes_alerted',
  title: 'Cloud Storage IAM changes raise an alert',
  what: 'Cloud Storage IAM permission changes',
  terms: ['resource.type="gcs_bucket"', 'protoPayload.methodName="storage.setIamPermissions"'],
  description:
    'No log-based metric and alert policy report changes to the IAM permissions of Cloud Storage buckets.',
  risk: 'One IAM change can make a bucket readable by anyone; it should be seen when it happens.',
});

import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.s3_bucket_policy_changes_monitored',
  title: 'S3 bucket policy changes raise an alarm',
  severity: 'low',
  eventClass: 's3_bucket_policy_changes',
  metric: 'S3BucketPolicyChanges',
  pattern:
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  description:
    'No metric filter and alarm notify anyone when bucket policies, ACLs, CORS, lifecycle or replication settings change.',
  risk: 'One policy or ACL change can make a bucket readable by the world or replicate its data elsewhere; it should be reviewed when it happens, not at the next audit.',
});

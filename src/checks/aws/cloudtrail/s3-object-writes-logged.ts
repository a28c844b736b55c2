import { defineCheck } from '../../../core/check.js';
import { evaluateS3DataEvents } from './s3-data-events.js';

export default defineCheck({
  id: 'aws.cloudtrail.s3_object_writes_logged',
  title: 'CloudTrail records object-level write events of every S3 bucket',
  severity: 'medium',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.cloudtrail.trail', 'aws.s3.bucket'],
  // of a bucket, only its name and region: no per-bucket call
  facts: { 'aws.s3.bucket': ['name', 'region'] },
  triggers: [],
  description:
    'No logging trail records S3 data events for writes (PutObject, DeleteObject...) of the bucket.',
  risk: 'Without object-level write events nobody can tell who changed, overwrote or deleted data, nor prove that it did not happen.',
  remediation: {
    text: 'Add a data event selector for S3 objects (all buckets, or at least this one) with write events to a multi-region trail.',
    cli: `aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["false"]}]}]'`,
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
  ],
  evaluate: (ctx) => evaluateS3DataEvents(ctx, 'write'),
});

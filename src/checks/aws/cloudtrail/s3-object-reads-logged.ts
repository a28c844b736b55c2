import { defineCheck } from '../../../core/check.js';
import { evaluateS3DataEvents } from './s3-data-events.js';

export default defineCheck({
  id: 'aws.cloudtrail.s3_object_reads_logged',
  title: 'CloudTrail records object-level read events of every S3 bucket',
  severity: 'low',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.cloudtrail.trail', 'aws.s3.bucket'],
  // of a bucket, only its name and region: no per-bucket call
  facts: { 'aws.s3.bucket': ['name', 'region'] },
  triggers: [],
  description: 'No logging trail records S3 data events for reads (GetObject...) of the bucket.',
  risk: 'After a leak, nobody can say which objects were read or by whom, which decides what must be disclosed.',
  remediation: {
    text: 'Add a data event selector for S3 objects (all buckets, or at least this one) with read events to a multi-region trail.',
    cli: `aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 reads","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["true"]}]}]'`,
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
  ],
  evaluate: (ctx) => evaluateS3DataEvents(ctx, 'read'),
});

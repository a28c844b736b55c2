import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_lifecycle_configured',
  title: 'S3 buckets have an enabled lifecycle rule',
  severity: 'low',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['lifecycle_enabled'] },
  triggers: [],
  description: 'The bucket has no lifecycle configuration, or none of its rules is enabled.',
  risk: 'Objects nobody needs any more are kept indefinitely: data is retained past its purpose and storage cost grows without bound.',
  remediation: {
    text: 'Add a lifecycle configuration with at least one enabled rule that transitions or expires objects (and noncurrent versions) after your retention period.',
    cli: `aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration '{"Rules":[{"ID":"expire-old","Status":"Enabled","Filter":{},"Expiration":{"Days":365},"NoncurrentVersionExpiration":{"NoncurrentDays":90}}]}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html'],
  evaluate(bucket) {
    return settingOn(bucket, 'lifecycle_enabled', {
      on: 'an enabled lifecycle rule applies',
      off: `${bucket.com.name} has no enabled lifecycle rule`,
      unknown: 'the lifecycle configuration is unreadable',
      why: ['lifecycle'],
    });
  },
});

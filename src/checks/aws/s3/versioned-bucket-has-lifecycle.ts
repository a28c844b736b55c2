import { defineCheck } from '../../../core/check.js';
import { error, notApplicable } from '../../../core/result.js';
import { extStr, settingOn, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.versioned_bucket_has_lifecycle',
  title: 'Versioned S3 buckets have an enabled lifecycle rule',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['versioning_status', 'lifecycle_enabled'] },
  triggers: [],
  description:
    'The bucket keeps every object version but has no enabled lifecycle rule to expire or move old versions.',
  risk: 'Noncurrent versions pile up forever: deleted data stays retrievable long after it should be gone, and the bill grows with every overwrite.',
  remediation: {
    text: 'Add a lifecycle rule that expires noncurrent versions (NoncurrentVersionExpiration) after your retention period.',
    cli: `aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration '{"Rules":[{"ID":"expire-noncurrent","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":90}}]}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html'],
  evaluate(bucket) {
    const status = extStr(bucket, 'versioning_status');
    if (status === null)
      return error(`the versioning setting is unreadable${whyUnknown(bucket, 'versioning')}`);
    if (status !== 'Enabled') return notApplicable(`versioning is ${status.toLowerCase()}`);
    return settingOn(bucket, 'lifecycle_enabled', {
      on: 'versioned, with an enabled lifecycle rule',
      off: `${bucket.com.name} keeps versions with no enabled lifecycle rule`,
      unknown: 'the lifecycle configuration is unreadable',
      why: ['lifecycle'],
    });
  },
});

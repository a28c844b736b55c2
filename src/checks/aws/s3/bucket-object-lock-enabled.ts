import { defineCheck } from '../../../core/check.js';
import { extStr, settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_object_lock_enabled',
  title: 'S3 buckets have Object Lock enabled',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['object_lock_enabled', 'object_lock_mode'] },
  triggers: [],
  description:
    'Object Lock is not enabled on the bucket, so objects can be deleted or overwritten at any time.',
  risk: 'Nothing stops a compromised identity or a mistake from destroying data that must be kept (write-once-read-many retention).',
  remediation: {
    text: 'Enable Object Lock on the bucket (versioning is required) and set a default retention mode and period.',
    cli: `aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":30}}}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html'],
  evaluate(bucket) {
    const mode = extStr(bucket, 'object_lock_mode');
    return settingOn(bucket, 'object_lock_enabled', {
      on: mode ? `Object Lock is enabled (default retention ${mode})` : 'Object Lock is enabled',
      off: `${bucket.com.name} does not have Object Lock enabled`,
      unknown: 'the Object Lock configuration is unreadable',
      why: ['objectLock'],
    });
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_versioning_enabled',
  title: 'S3 buckets keep object versions',
  severity: 'low',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['versioning_status'] },
  triggers: [],
  description:
    'Versioning is off or suspended on the bucket, so an overwrite or delete loses the previous object.',
  risk: 'An accidental or malicious overwrite or deletion cannot be undone, and ransomware that rewrites objects leaves nothing to restore.',
  remediation: {
    text: 'Turn on versioning for the bucket (and add a lifecycle rule that expires old versions to bound the cost).',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  evaluate(bucket) {
    const status = extStr(bucket, 'versioning_status');
    if (status === null)
      return error(`the versioning setting is unreadable${whyUnknown(bucket, 'versioning')}`);
    return status === 'Enabled'
      ? pass('versioning is enabled')
      : fail(`versioning of ${bucket.com.name} is ${status.toLowerCase()}`);
  },
});

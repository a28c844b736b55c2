import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_default_encryption_enabled',
  title: 'S3 buckets encrypt new objects by default',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['encryption_algorithms'] },
  triggers: [],
  description:
    'The bucket has no default encryption configuration, so objects uploaded without an encryption header are stored as sent.',
  risk: 'Data written by a client that forgets to ask for encryption sits unencrypted on disk, outside any key policy that would otherwise limit who can read it.',
  remediation: {
    text: 'Set a default encryption rule on the bucket: SSE-KMS with a customer managed key where key policies should govern reads, SSE-S3 at the least.',
    cli: `aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}'`,
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
  ],
  evaluate(bucket) {
    const algorithms = extList<string>(bucket, 'encryption_algorithms');
    if (algorithms === null)
      return error(`the encryption configuration could not be read${whyUnknown(bucket, 'encryption')}`);
    return algorithms.length > 0
      ? pass(`new objects are encrypted with ${algorithms.join(', ')}`)
      : fail(`${bucket.com.name} has no default encryption`);
  },
});

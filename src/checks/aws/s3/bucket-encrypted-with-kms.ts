import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

export default defineCheck({
  id: 'aws.s3.bucket_encrypted_with_kms',
  title: 'S3 buckets encrypt objects with AWS KMS keys by default',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['encryption_algorithms'] },
  triggers: [],
  description:
    'The default encryption of the bucket is not SSE-KMS or DSSE-KMS: new objects are encrypted with S3-managed keys (or not at all), which no key policy controls.',
  risk: 'Anyone with S3 read access can read the objects; there is no separate key permission to revoke and no key-usage trail in CloudTrail.',
  remediation: {
    text: 'Set the bucket default encryption to SSE-KMS with a KMS key you manage, and enable S3 Bucket Keys to limit KMS request costs.',
    cli: `aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  evaluate(bucket) {
    const algorithms = extList<string>(bucket, 'encryption_algorithms');
    if (algorithms === null)
      return error(`the default encryption is unreadable${whyUnknown(bucket, 'encryption')}`);
    if (algorithms.some((a) => KMS_ALGORITHMS.has(a))) return pass(`encrypted with ${algorithms.join(', ')}`);
    return fail(
      algorithms.length > 0
        ? `${bucket.com.name} encrypts with ${algorithms.join(', ')}, not a KMS key`
        : `${bucket.com.name} has no default encryption`,
    );
  },
});

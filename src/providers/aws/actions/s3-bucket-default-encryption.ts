import { BUCKET, defineS3SettingAction } from './s3-setting.js';

export default defineS3SettingAction(
  BUCKET,
  {
    get: 's3:GetBucketEncryption',
    put: 's3:PutBucketEncryption',
    delete: 's3:DeleteBucketEncryption',
    absent: ['ServerSideEncryptionConfigurationNotFoundError'],
    field: 'ServerSideEncryptionConfiguration',
    wanted: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    why: 'new objects encrypted with S3-managed keys (AES256)',
    isOn: (c) =>
      Array.isArray(c?.Rules) &&
      (c.Rules as { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }[]).some(
        (r) => !!r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
      ),
    already: 'already has default encryption',
  },
  {
    id: 'aws.s3.enable_default_encryption',
    title: 'Turn on S3 default encryption (SSE-S3) for a bucket',
    fixes: ['aws.s3.bucket_default_encryption_enabled'],
  },
);

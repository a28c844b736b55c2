import { type AwsRead, arnOf, defineAwsAction, readOrAbsent, target } from '../action.js';

const SSE_S3 = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

async function current(
  read: AwsRead,
  region: string,
  bucket: string,
): Promise<Record<string, unknown> | null> {
  const a = await readOrAbsent(read, 's3:GetBucketEncryption', region, { Bucket: bucket }, [
    'ServerSideEncryptionConfigurationNotFoundError',
  ]);
  return (a?.ServerSideEncryptionConfiguration as Record<string, unknown> | undefined) ?? null;
}

const encrypted = (c: Record<string, unknown> | null): boolean =>
  Array.isArray(c?.Rules) &&
  (c.Rules as { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }[]).some(
    (r) => !!r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
  );

export default defineAwsAction({
  id: 'aws.s3.enable_default_encryption',
  title: 'Turn on S3 default encryption (SSE-S3) for a bucket',
  fixes: ['aws.s3.bucket_default_encryption_enabled'],
  writes: ['s3:PutBucketEncryption', 's3:DeleteBucketEncryption'],
  reads: ['s3:GetBucketEncryption'],
  target(finding) {
    const arn = arnOf(finding.com.reference);
    if (
      finding.com.cloud_type !== 'aws' ||
      arn?.service !== 's3' ||
      !arn.resource ||
      arn.resource.includes('/')
    )
      return { refused: `${finding.com.reference} is not an S3 bucket` };
    return target(finding, { bucket: arn.resource });
  },
  async plan(t, read) {
    const bucket = t.details.bucket ?? '';
    const before = await current(read, t.region, bucket);
    if (encrypted(before))
      return { calls: [], undo: [], before, noop: `${bucket} already has default encryption` };
    return {
      before,
      calls: [
        {
          action: 's3:PutBucketEncryption',
          params: { Bucket: bucket, ServerSideEncryptionConfiguration: SSE_S3 },
          why: 'new objects encrypted with S3-managed keys (AES256)',
        },
      ],
      undo: [
        before
          ? {
              action: 's3:PutBucketEncryption',
              params: { Bucket: bucket, ServerSideEncryptionConfiguration: before },
            }
          : { action: 's3:DeleteBucketEncryption', params: { Bucket: bucket } },
      ],
    };
  },
  async verify(t, read) {
    return encrypted(await current(read, t.region, t.details.bucket ?? ''));
  },
});

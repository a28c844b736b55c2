import { type AwsRead, arnOf, defineAwsAction, readOrAbsent, target } from '../action.js';

const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

async function current(
  read: AwsRead,
  region: string,
  bucket: string,
): Promise<Record<string, unknown> | null> {
  const a = await readOrAbsent(read, 's3:GetPublicAccessBlock', region, { Bucket: bucket }, [
    'NoSuchPublicAccessBlockConfiguration',
  ]);
  return (a?.PublicAccessBlockConfiguration as Record<string, unknown> | undefined) ?? null;
}

export const allOn = (c: Record<string, unknown> | null): boolean =>
  c !== null && Object.keys(ALL_ON).every((k) => c[k] === true);

export { ALL_ON };

export default defineAwsAction({
  id: 'aws.s3.block_bucket_public_access',
  title: 'Turn on S3 Block Public Access for a bucket',
  fixes: [
    'aws.s3.public_access_blocked',
    'aws.s3.bucket_no_public_read_access',
    'aws.s3.bucket_no_public_write_access',
  ],
  writes: ['s3:PutPublicAccessBlock', 's3:DeletePublicAccessBlock'],
  reads: ['s3:GetPublicAccessBlock'],
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
    if (allOn(before)) return { calls: [], undo: [], before, noop: `${bucket} already blocks public access` };
    return {
      before,
      calls: [
        {
          action: 's3:PutPublicAccessBlock',
          params: { Bucket: bucket, PublicAccessBlockConfiguration: ALL_ON },
          why: 'all four Block Public Access settings on',
        },
      ],
      undo: [
        before
          ? {
              action: 's3:PutPublicAccessBlock',
              params: { Bucket: bucket, PublicAccessBlockConfiguration: before },
            }
          : { action: 's3:DeletePublicAccessBlock', params: { Bucket: bucket } },
      ],
    };
  },
  async verify(t, read) {
    return allOn(await current(read, t.region, t.details.bucket ?? ''));
  },
});

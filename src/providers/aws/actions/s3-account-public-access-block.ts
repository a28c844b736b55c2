import { type AwsRead, defineAwsAction, readOrAbsent, target } from '../action.js';
import { ALL_ON, allOn } from './s3-bucket-public-access-block.js';

async function current(
  read: AwsRead,
  region: string,
  account: string,
): Promise<Record<string, unknown> | null> {
  const a = await readOrAbsent(read, 's3control:GetPublicAccessBlock', region, { AccountId: account }, [
    'NoSuchPublicAccessBlockConfiguration',
  ]);
  return (a?.PublicAccessBlockConfiguration as Record<string, unknown> | undefined) ?? null;
}

export default defineAwsAction({
  id: 'aws.s3.block_account_public_access',
  title: 'Turn on S3 Block Public Access for the whole account',
  fixes: ['aws.s3.account_public_access_blocked'],
  writes: ['s3control:PutPublicAccessBlock', 's3control:DeletePublicAccessBlock'],
  reads: ['s3control:GetPublicAccessBlock'],
  target(finding) {
    if (finding.com.cloud_type !== 'aws' || !/^\d{12}$/.test(finding.com.account))
      return { refused: 'not an AWS account' };
    return target(finding, {}, 'us-east-1');
  },
  async plan(t, read) {
    const before = await current(read, t.region, t.account);
    if (allOn(before))
      return { calls: [], undo: [], before, noop: `account ${t.account} already blocks public access` };
    return {
      before,
      calls: [
        {
          action: 's3control:PutPublicAccessBlock',
          params: { AccountId: t.account, PublicAccessBlockConfiguration: ALL_ON },
          why: 'all four Block Public Access settings on, for every bucket of the account',
        },
      ],
      undo: [
        before
          ? {
              action: 's3control:PutPublicAccessBlock',
              params: { AccountId: t.account, PublicAccessBlockConfiguration: before },
            }
          : { action: 's3control:DeletePublicAccessBlock', params: { AccountId: t.account } },
      ],
    };
  },
  async verify(t, read) {
    return allOn(await current(read, t.region, t.account));
  },
});

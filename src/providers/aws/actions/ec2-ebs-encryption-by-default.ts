import { type AwsRead, defineAwsAction, target } from '../action.js';

async function enabled(read: AwsRead, region: string): Promise<boolean> {
  return (await read('ec2:GetEbsEncryptionByDefault', region, {})).EbsEncryptionByDefault === true;
}

export default defineAwsAction({
  id: 'aws.ec2.enable_ebs_encryption_by_default',
  title: 'Turn on EBS encryption by default in a region',
  fixes: ['aws.ec2.ebs_encryption_by_default'],
  writes: ['ec2:EnableEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault'],
  reads: ['ec2:GetEbsEncryptionByDefault'],
  target(finding) {
    if (finding.com.cloud_type !== 'aws' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(finding.com.region))
      return { refused: 'not a finding of an AWS region' };
    return target(finding, {});
  },
  async plan(t, read) {
    const before = { EbsEncryptionByDefault: await enabled(read, t.region) };
    if (before.EbsEncryptionByDefault)
      return { calls: [], undo: [], before, noop: `EBS encryption by default is already on in ${t.region}` };
    return {
      before,
      calls: [
        {
          action: 'ec2:EnableEbsEncryptionByDefault',
          params: {},
          why: `new volumes in ${t.region} encrypted`,
        },
      ],
      undo: [{ action: 'ec2:DisableEbsEncryptionByDefault', params: {} }],
    };
  },
  verify: (t, read) => enabled(read, t.region),
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.snapshot_block_public_access',
  title: 'Block public access for EBS snapshots blocks all sharing',
  severity: 'high',
  resource: 'aws.ec2.snapshot_block_public_access',
  triggers: [],
  description: 'Block public access for EBS snapshots is not set to block all public sharing in the region.',
  risk: 'Without it one ModifySnapshotAttribute call (or an old public snapshot) exposes a disk to every AWS account.',
  remediation: {
    text: 'Turn on block public access for snapshots with block-all-sharing in every region you use.',
    cli: 'aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region <region>',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html'],
  evaluate(setting) {
    const state = extStr(setting, 'state');
    if (state === null) return error('the block public access state could not be read');
    return state === 'block-all-sharing'
      ? pass('all public sharing of snapshots is blocked')
      : fail(`block public access for snapshots is ${state} in ${setting.com.region}`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.account_public_access_blocked',
  title: 'S3 Block Public Access is on for the whole account',
  severity: 'medium',
  resource: 'aws.s3.account_public_access_block',
  triggers: [],
  description:
    'Not all four S3 Block Public Access settings are on at the account level, so each bucket must protect itself.',
  risk: 'Any new bucket, or a bucket whose own block is removed, can be made public by one policy or ACL change.',
  remediation: {
    text: 'Turn on all four account-level Block Public Access settings; give buckets that must be public their own account or serve them through CloudFront.',
    cli: 'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(rec) {
    const all = extBool(rec, 'all_blocked');
    if (all === null) return error('the account public access block is unreadable');
    return all
      ? pass('all four settings are on')
      : fail('the account-level public access block is not fully on', { evidence: rec.ext.flags });
  },
});

import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { about, extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.public_access_blocked',
  title: 'S3 Block Public Access protects every bucket',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.s3.bucket', 'aws.s3.account_public_access_block'],
  facts: { 'aws.s3.bucket': ['public_access_blocked'] },
  triggers: [],
  description:
    'Neither the account nor the bucket has all four Block Public Access settings on, so a policy or ACL can make the bucket public.',
  risk: 'Public buckets are found by automated scanners within hours; one mistaken grant exposes every object.',
  remediation: {
    text: 'Turn on Block Public Access for the account, or at least for each bucket that has no reason to be public.',
    cli: 'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(ctx) {
    // a bucket with its own block is protected whatever the account setting; one without needs it
    const accountData = ctx.readable('aws.s3.account_public_access_block');
    const account = accountData.records[0];
    const accountBlocked = account ? extBool(account, 'all_blocked') : null;
    const { records: buckets, unreadable } = ctx.readable('aws.s3.bucket');
    if (buckets.length === 0 && unreadable.length === 0) {
      if (accountBlocked === null) return error('the account public access block was not read');
      return accountBlocked ? pass('blocked for the whole account') : pass('the account has no buckets');
    }
    const verdicts = buckets.map((b): CheckResult => {
      const subject = { resource: about(b) };
      if (accountBlocked === true) return { ...pass('blocked at the account level'), ...subject };
      const own = extBool(b, 'public_access_blocked');
      if (own === true) return { ...pass('blocked at the bucket level'), ...subject };
      if (own === null || accountBlocked === null)
        return { ...error('the public access block settings could not be read'), ...subject };
      return { ...fail(`${b.com.name} is not covered by Block Public Access`), ...subject };
    });
    // the account block covers the buckets that could not be read too
    if (accountBlocked === true)
      return verdicts.length > 0 ? verdicts : pass('blocked for the whole account');
    return [...verdicts, ...unreadableErrors(ctx, unreadable)];
  },
});

import { defineCheck } from '../../../core/check.js';
import { publicAccessVerdicts } from './public-exposure.js';

export default defineCheck({
  id: 'aws.s3.bucket_no_public_read_access',
  title: 'S3 buckets do not allow public read access',
  severity: 'critical',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.s3.bucket', 'aws.s3.account_public_access_block'],
  facts: {
    'aws.s3.bucket': ['public_access_block', 'policy_public_read', 'acl_public_read'],
  },
  triggers: [],
  description:
    'The bucket policy or the bucket ACL grants everyone (or every AWS user) read access, and no Block Public Access setting of the bucket or the account overrides it: objects of the bucket can be read or listed by anyone.',
  risk: 'Anyone on the internet can download the data, which is how most S3 data leaks happen.',
  remediation: {
    text: 'Remove the public statements from the bucket policy and the AllUsers/AuthenticatedUsers grants from the ACL, then turn on Block Public Access for the bucket (or the account).',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(ctx) {
    return publicAccessVerdicts(ctx, 'read');
  },
});

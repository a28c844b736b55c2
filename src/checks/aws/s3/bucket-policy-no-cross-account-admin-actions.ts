import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_policy_no_cross_account_admin_actions',
  title: 'S3 bucket policies do not let other accounts change access or encryption',
  severity: 'high',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['policy_cross_account_actions'] },
  triggers: [],
  description:
    'The bucket policy allows principals of another AWS account (or everyone) to delete or replace the bucket policy, change bucket or object ACLs, or change the default encryption.',
  risk: 'Another account can rewrite who may read the bucket or switch off its encryption, taking control of the data away from the owner.',
  remediation: {
    text: 'Remove s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy, s3:PutEncryptionConfiguration and s3:PutObjectAcl (and wildcards covering them) from the statements that allow other accounts.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy file://policy-without-cross-account-admin-actions.json',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html',
  ],
  evaluate(bucket) {
    const actions = extList<string>(bucket, 'policy_cross_account_actions');
    if (actions === null) return error(`the bucket policy could not be read${whyUnknown(bucket, 'policy')}`);
    return actions.length === 0
      ? pass('no other account may change access or encryption')
      : fail(`the policy of ${bucket.com.name} allows other accounts ${actions.join(', ')}`, {
          evidence: { actions },
        });
  },
});

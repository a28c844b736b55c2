import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_acls_not_used',
  title: 'S3 bucket access is not granted through ACLs',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['acl_user_grants', 'object_ownership'] },
  triggers: [],
  description:
    "The bucket's access control list grants permissions to someone other than the bucket owner, and ACLs are not disabled by the BucketOwnerEnforced object ownership setting.",
  risk: 'ACL grants sit outside IAM and bucket policies, so access reviews miss them; they are a common path to unintended cross-account or public access.',
  remediation: {
    text: 'Move the access the ACL grants into the bucket policy, then set object ownership to BucketOwnerEnforced, which disables ACLs.',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'],
  evaluate(bucket) {
    const grants = extList<string>(bucket, 'acl_user_grants');
    if (grants === null)
      return error(
        `the bucket ACL or ownership setting is unreadable${whyUnknown(bucket, 'acl', 'ownershipControls')}`,
      );
    if (grants.length === 0)
      return pass(
        extStr(bucket, 'object_ownership') === 'BucketOwnerEnforced'
          ? 'ACLs are disabled (BucketOwnerEnforced)'
          : 'the ACL grants only the owner',
      );
    return fail(`the ACL of ${bucket.com.name} grants ${grants.join('; ')}`, { evidence: { grants } });
  },
});

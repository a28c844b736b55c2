import { defineCheck, unreadableErrors } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, manual, notApplicable, pass } from '../../../core/result.js';
import { about, extBool, extStr } from '../facts.js';

type Flag = 'IgnorePublicAcls' | 'RestrictPublicBuckets';

/** A block flag of a record (`public_access_block` of a bucket, `flags` of the account): null = unknown. */
function flagOf(rec: ResourceRecord | undefined, key: string, flag: Flag): boolean | null {
  const flags = rec?.ext[key];
  if (typeof flags !== 'object' || flags === null) return null;
  const v = (flags as Record<string, unknown>)[flag];
  return typeof v === 'boolean' ? v : null;
}

/** On when either level has it on, off when both are known to be off, otherwise unknown. */
function either(bucket: boolean | null, account: boolean | null): boolean | null {
  if (bucket === true || account === true) return true;
  return bucket === false && account === false ? false : null;
}

export default defineCheck({
  id: 'aws.cloudtrail.bucket_not_public',
  title: 'The S3 bucket of each CloudTrail trail is not publicly accessible',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.cloudtrail.trail', 'aws.s3.bucket', 'aws.s3.account_public_access_block'],
  facts: { 'aws.s3.bucket': ['public_access_block', 'policy_is_public'] },
  triggers: [],
  description:
    "The bucket that receives a trail's log files has a bucket policy that S3 rates as public and no Block Public Access setting that overrides it.",
  risk: 'Anyone on the internet can read the audit log: every API call of the account, with the identities, addresses and resource names an attacker needs.',
  remediation: {
    text: 'Remove the public statements from the trail bucket policy, and turn on Block Public Access (IgnorePublicAcls and RestrictPublicBuckets at least) for the bucket or the account.',
    cli: 'aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(ctx) {
    const { records: trails, unreadable } = ctx.readable('aws.cloudtrail.trail');
    if (trails.length === 0)
      return unreadable.length > 0
        ? unreadableErrors(ctx, unreadable)
        : notApplicable('the account has no CloudTrail trail, so there is no trail bucket');
    const buckets = ctx.readable('aws.s3.bucket');
    const account = ctx.readable('aws.s3.account_public_access_block').records[0];
    const verdicts = trails.map((t): CheckResult => {
      const subject = { resource: about(t) };
      const name = extStr(t, 's3_bucket');
      if (!name) return { ...error('the trail bucket is unreadable'), ...subject };
      const bucket = buckets.records.find((b) => b.com.name === name);
      if (!bucket && buckets.unreadable.length > 0)
        return {
          ...error(
            `bucket ${name} may be among the buckets that could not be read: ${buckets.unreadable[0]?.reason}`,
          ),
          ...subject,
        };
      if (!bucket)
        return {
          ...manual(`bucket ${name} is not in this account: check its access where it lives`),
          ...subject,
        };
      const restrict = either(
        flagOf(bucket, 'public_access_block', 'RestrictPublicBuckets'),
        flagOf(account, 'flags', 'RestrictPublicBuckets'),
      );
      const ignoreAcls = either(
        flagOf(bucket, 'public_access_block', 'IgnorePublicAcls'),
        flagOf(account, 'flags', 'IgnorePublicAcls'),
      );
      const policyPublic = extBool(bucket, 'policy_is_public');
      if (policyPublic === true && restrict === false)
        return {
          ...fail(`the policy of bucket ${name} (trail ${t.com.name}) grants public access`),
          ...subject,
        };
      if (restrict !== true && policyPublic === null)
        return { ...error(`the policy status of bucket ${name} could not be read`), ...subject };
      if (restrict === null && policyPublic === true)
        return { ...error(`the public access block of bucket ${name} could not be read`), ...subject };
      if (ignoreAcls === true) return { ...pass(`bucket ${name} is not public`), ...subject };
      if (ignoreAcls === null)
        return { ...error(`the public access block of bucket ${name} could not be read`), ...subject };
      // ACL grants are not among the facts Cloudward collects: only a person can confirm them
      return {
        ...manual(
          `the policy of bucket ${name} is not public, but public ACLs are not ignored: confirm its ACL grants nothing to AllUsers or AuthenticatedUsers`,
        ),
        ...subject,
      };
    });
    return [...verdicts, ...unreadableErrors(ctx, unreadable)];
  },
});

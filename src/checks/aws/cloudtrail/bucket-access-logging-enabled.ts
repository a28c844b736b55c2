import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { type CheckResult, error, fail, manual, pass } from '../../../core/result.js';
import { about, extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudtrail.bucket_access_logging_enabled',
  title: 'The S3 bucket of each CloudTrail trail has access logging enabled',
  severity: 'low',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.cloudtrail.trail', 'aws.s3.bucket'],
  facts: { 'aws.s3.bucket': ['access_logging'] },
  triggers: [],
  description:
    "The bucket that receives a trail's log files has no server access logging, so reads and deletions of the audit logs themselves are not recorded.",
  risk: 'Someone covering their tracks can download or delete trail logs without leaving a record of it.',
  remediation: {
    text: 'Enable server access logging on the trail bucket, to a different bucket.',
    cli: `aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<access-log-bucket>","TargetPrefix":"<trail-bucket>/"}}'`,
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
  ],
  evaluate(ctx) {
    const { records: trails, unreadable } = ctx.readable('aws.cloudtrail.trail');
    if (trails.length === 0) {
      if (unreadable.length > 0) return unreadableErrors(ctx, unreadable);
      // With no trail there are no audit logs whose reads and deletions are recorded: the
      // control's aim is not met (CIS 3.1 fails too), so it fails rather than passing vacuously.
      return fail('the account has no CloudTrail trail, so no trail bucket records access to its logs');
    }
    const buckets = ctx.readable('aws.s3.bucket');
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
          ...manual(`bucket ${name} is not in this account: check its access logging where it lives`),
          ...subject,
        };
      const on = extBool(bucket, 'access_logging');
      if (on === null)
        return { ...error(`the logging configuration of bucket ${name} could not be read`), ...subject };
      return on
        ? { ...pass(`bucket ${name} logs access`), ...subject }
        : { ...fail(`bucket ${name} of trail ${t.com.name} has no access logging`), ...subject };
    });
    return [...verdicts, ...unreadableErrors(ctx, unreadable)];
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_access_logging_enabled',
  title: 'S3 buckets have server access logging enabled',
  severity: 'low',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['access_logging', 'access_log_target'] },
  triggers: [],
  description:
    'Server access logging is off for the bucket, so there is no record of who requested which object.',
  risk: 'After a leak, nobody can tell which objects were read, by whom and from where.',
  remediation: {
    text: 'Enable server access logging to a dedicated log bucket (or record S3 data events with CloudTrail).',
    cli: `aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
  evaluate(bucket) {
    const on = extBool(bucket, 'access_logging');
    if (on === null)
      return error(`the logging configuration could not be read${whyUnknown(bucket, 'logging')}`);
    return on
      ? pass(`access logs go to ${extStr(bucket, 'access_log_target')}`)
      : fail(`${bucket.com.name} has no server access logging`);
  },
});

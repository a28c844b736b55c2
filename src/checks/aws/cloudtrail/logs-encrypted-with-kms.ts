import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudtrail.logs_encrypted_with_kms',
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'medium',
  resource: 'aws.cloudtrail.trail',
  triggers: [],
  // No trail, no logs encrypted with a key: the control's aim is unmet, so the account fails
  // (beside the multi-region trail check) instead of the requirement reading "not applicable".
  whenNone: fail('the account has no CloudTrail trail, so no audit log is encrypted with a KMS key'),
  description:
    'The trail writes its log files with S3-managed encryption only, not with a KMS key (SSE-KMS).',
  risk: 'Anyone who can read the log bucket can read the logs; with a KMS key, reading them also needs decrypt permission on the key, which is separately granted and logged.',
  remediation: {
    text: 'Create a KMS key whose policy lets CloudTrail encrypt and your auditors decrypt, and configure the trail to use it.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  ],
  evaluate(trail) {
    const key = extStr(trail, 'kms_key_id');
    return key ? pass(`encrypted with ${key}`) : fail(`trail ${trail.com.name} does not use a KMS key`);
  },
});

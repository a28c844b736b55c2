import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

/**
 * The benchmark's audit also asks for a delivery to CloudWatch Logs within the last day; the
 * trail record does not carry the delivery time, so "sends to a log group and is logging" is
 * what is checked.
 */
export default defineCheck({
  id: 'aws.cloudtrail.cloudwatch_logs_integrated',
  title: 'CloudTrail trails deliver their events to CloudWatch Logs',
  severity: 'low',
  resource: 'aws.cloudtrail.trail',
  triggers: [],
  // No trail, no events in CloudWatch Logs: the control's aim is unmet, so the account fails
  // (beside the multi-region trail check) instead of the requirement reading "not applicable".
  whenNone: fail('the account has no CloudTrail trail, so no API activity reaches CloudWatch Logs'),
  description:
    'The trail does not send its events to a CloudWatch Logs log group (or is not logging), so they are only in S3 files.',
  risk: 'Without the events in CloudWatch Logs, metric filters and alarms cannot react to risky API calls as they happen; they are found, if at all, when someone reads the files.',
  remediation: {
    text: 'Give the trail a log group and a role CloudTrail can assume to write to it, and make sure the trail is logging.',
    cli: 'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
  ],
  evaluate(trail) {
    const group = extStr(trail, 'cloudwatch_log_group_arn');
    if (!group) return fail(`trail ${trail.com.name} sends no events to CloudWatch Logs`);
    const logging = extBool(trail, 'logging');
    if (logging === null) return error(`the trail status could not be read${whyUnknown(trail, 'status')}`);
    return logging
      ? pass(`events go to ${group}`)
      : fail(`trail ${trail.com.name} is not logging, so nothing reaches ${group}`);
  },
});

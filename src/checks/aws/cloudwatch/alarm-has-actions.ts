import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudwatch.alarm_has_actions',
  title: 'CloudWatch alarms have an action for the ALARM state',
  severity: 'high',
  resource: 'aws.cloudwatch.alarm',
  triggers: [],
  description: 'The alarm has no action for the ALARM state: when it fires, nobody and nothing is told.',
  risk: 'The condition the alarm watches for (an outage, a security event) happens without anyone hearing of it.',
  remediation: {
    text: 'Add an alarm action: an SNS topic that reaches the people on call, or an automated response.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <alarm> ... --alarm-actions <sns-topic-arn>',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html'],
  evaluate(alarm) {
    const actions = extList<string>(alarm, 'alarm_actions');
    if (actions === null) return error('the alarm actions are missing from the record');
    return actions.length > 0
      ? pass(`${actions.length} alarm action(s)`)
      : fail(`${alarm.com.name} has no alarm action`);
  },
});

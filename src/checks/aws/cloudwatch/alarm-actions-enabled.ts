import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudwatch.alarm_actions_enabled',
  title: 'CloudWatch alarm actions are activated',
  severity: 'high',
  resource: 'aws.cloudwatch.alarm',
  triggers: [],
  description: "The alarm's actions are deactivated (ActionsEnabled false): state changes notify no one.",
  risk: 'An alarm that looks configured stays silent, so the event it was built for goes unnoticed.',
  remediation: {
    text: 'Activate the alarm actions.',
    cli: 'aws cloudwatch enable-alarm-actions --alarm-names <alarm>',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_EnableAlarmActions.html',
  ],
  evaluate(alarm) {
    const on = extBool(alarm, 'actions_enabled');
    if (on === null) return error('whether the actions are enabled is missing from the record');
    return on ? pass('alarm actions are enabled') : fail(`${alarm.com.name} has its actions disabled`);
  },
});

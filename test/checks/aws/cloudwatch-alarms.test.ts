import actionsEnabled from '../../../src/checks/aws/cloudwatch/alarm-actions-enabled.js';
import hasActions from '../../../src/checks/aws/cloudwatch/alarm-has-actions.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const alarm = (ext: Record<string, unknown>) =>
  rec(
    'aws.cloudwatch.alarm',
    {
      metrics: [],
      actions_enabled: true,
      alarm_actions: ['arn:aws:sns:us-east-1:111122223333:oncall'],
      state: 'OK',
      ...ext,
    },
    { name: 'root-usage' },
  );

checkTester(hasActions, {
  pass: [{ name: 'notifies on-call', input: alarm({}) }],
  fail: [{ name: 'no action', input: alarm({ alarm_actions: [] }), message: 'root-usage' }],
  error: [{ name: 'actions missing', input: alarm({ alarm_actions: null }) }],
});

checkTester(actionsEnabled, {
  pass: [{ name: 'enabled', input: alarm({}) }],
  fail: [{ name: 'disabled', input: alarm({ actions_enabled: false }), message: 'root-usage' }],
  error: [{ name: 'missing', input: alarm({ actions_enabled: null }) }],
});

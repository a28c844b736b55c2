import recorder from '../../../src/checks/aws/config/recorder-enabled-in-region.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const r = (recorders: unknown) => rec('aws.config.recorders', { recorders }, { region: 'eu-west-1' });
const one = (over: Record<string, unknown>) => ({
  name: 'default',
  all_supported: true,
  recording: true,
  last_status: 'SUCCESS',
  ...over,
});

checkTester(recorder, {
  pass: [{ name: 'recording everything', input: r([one({})]) }],
  fail: [
    { name: 'no recorder', input: r([]), message: 'eu-west-1' },
    { name: 'stopped', input: r([one({ recording: false })]), message: 'not recording' },
    { name: 'some types only', input: r([one({ all_supported: false })]), message: 'some resource types' },
  ],
  error: [
    { name: 'status unreadable', input: r([one({ all_supported: true, recording: null })]) },
    { name: 'recorders unreadable', input: r(null) },
  ],
});

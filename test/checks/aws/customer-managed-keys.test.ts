import hostNetwork from '../../../src/checks/aws/ecs/task-definition-no-host-network.js';
import streamCmk from '../../../src/checks/aws/kinesis/stream-encrypted-with-cmk.js';
import secretCmk from '../../../src/checks/aws/secretsmanager/secret-encrypted-with-cmk.js';
import topicCmk from '../../../src/checks/aws/sns/topic-encrypted-with-cmk.js';
import queueCmk from '../../../src/checks/aws/sqs/queue-encrypted-with-cmk.js';
import sfnTracing from '../../../src/checks/aws/states/state-machine-xray-tracing.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const unread = (key: string) => ({ unknown_facts: { [key]: 'AccessDeniedException: x' } });

const queue = (encryption: string | null, kms_key_id: string | null) =>
  rec(
    'aws.sqs.queue',
    { encryption, kms_key_id, ...(encryption ? {} : unread('attributes')) },
    { name: 'orders' },
  );
checkTester(queueCmk, {
  pass: [{ name: 'customer key', input: queue('SSE-KMS', KEY), message: KEY }],
  fail: [{ name: 'AWS managed key', input: queue('SSE-KMS', 'alias/aws/sqs'), message: 'alias/aws/sqs' }],
  error: [{ name: 'unreadable', input: queue(null, null), message: 'AccessDeniedException' }],
  not_applicable: [{ name: 'SSE-SQS', input: queue('SSE-SQS', null) }],
});

const topic = (encrypted: boolean | null, kms_key_id: string | null) =>
  rec(
    'aws.sns.topic',
    { encrypted, kms_key_id, ...(encrypted === null ? unread('attributes') : {}) },
    { name: 'alerts' },
  );
checkTester(topicCmk, {
  pass: [{ name: 'customer key', input: topic(true, KEY) }],
  fail: [
    { name: 'AWS managed alias', input: topic(true, 'alias/aws/sns') },
    { name: 'AWS managed alias ARN', input: topic(true, 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sns') },
  ],
  error: [{ name: 'unreadable', input: topic(null, null) }],
  not_applicable: [{ name: 'not encrypted', input: topic(false, null) }],
});

const stream = (encryption_type: string | null, kms_key_id: string | null) =>
  rec(
    'aws.kinesis.stream',
    { encryption_type, kms_key_id, ...(encryption_type ? {} : unread('summary')) },
    { name: 'clicks' },
  );
checkTester(streamCmk, {
  pass: [{ name: 'customer key', input: stream('KMS', KEY) }],
  fail: [{ name: 'AWS managed key', input: stream('KMS', 'alias/aws/kinesis') }],
  error: [{ name: 'unreadable', input: stream(null, null) }],
  not_applicable: [{ name: 'not encrypted', input: stream('NONE', null) }],
});

checkTester(secretCmk, {
  pass: [
    { name: 'customer key', input: rec('aws.secretsmanager.secret', { kms_key_id: KEY }, { name: 'db' }) },
  ],
  fail: [
    {
      name: 'default key',
      input: rec('aws.secretsmanager.secret', { kms_key_id: null }, { name: 'db' }),
      message: 'default AWS managed key',
    },
  ],
});

const def = (network_mode: string | null) =>
  rec(
    'aws.ecs.task_definition',
    { network_mode, ...(network_mode ? {} : unread('definition')) },
    { name: 'agent:7' },
  );
checkTester(hostNetwork, {
  pass: [
    { name: 'awsvpc', input: def('awsvpc') },
    { name: 'bridge', input: def('bridge') },
  ],
  fail: [{ name: 'host', input: def('host'), message: 'agent:7' }],
  error: [{ name: 'unreadable', input: def(null), message: 'AccessDeniedException' }],
});

const machine = (tracing_enabled: boolean | null) =>
  rec(
    'aws.states.state_machine',
    { tracing_enabled, ...(tracing_enabled === null ? unread('settings') : {}) },
    { name: 'orders' },
  );
checkTester(sfnTracing, {
  pass: [{ name: 'on', input: machine(true) }],
  fail: [{ name: 'off', input: machine(false) }],
  error: [{ name: 'unreadable', input: machine(null) }],
});

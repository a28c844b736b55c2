import topicLogged from '../../../src/checks/aws/sns/topic-delivery-status-logged.js';
import topicEncrypted from '../../../src/checks/aws/sns/topic-encrypted-with-kms.js';
import topicNotPublic from '../../../src/checks/aws/sns/topic-not-public.js';
import queueEncrypted from '../../../src/checks/aws/sqs/queue-encrypted-at-rest.js';
import queueNotPublic from '../../../src/checks/aws/sqs/queue-not-public.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const queue = (ext: Record<string, unknown>) =>
  rec(
    'aws.sqs.queue',
    { encryption: 'SSE-SQS', policy_public: false, public_statements: [], unknown_facts: {}, ...ext },
    { name: 'orders' },
  );

checkTester(queueEncrypted, {
  pass: [
    { name: 'SSE-SQS', input: queue({}) },
    { name: 'SSE-KMS', input: queue({ encryption: 'SSE-KMS' }), message: 'SSE-KMS' },
  ],
  fail: [{ name: 'unencrypted', input: queue({ encryption: 'none' }), message: 'orders' }],
  error: [
    {
      name: 'attributes unreadable',
      input: queue({
        encryption: null,
        unknown_facts: { attributes: 'AccessDenied: sqs:GetQueueAttributes' },
      }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(queueNotPublic, {
  pass: [{ name: 'private', input: queue({}) }],
  fail: [
    {
      name: 'anyone sends',
      input: queue({ policy_public: true, public_statements: ['open'] }),
      message: 'open',
    },
  ],
  error: [
    {
      name: 'policy unreadable',
      input: queue({ policy_public: null, unknown_facts: { policy: 'policy document is not JSON' } }),
      message: 'not JSON',
    },
  ],
});

const topic = (ext: Record<string, unknown>) =>
  rec(
    'aws.sns.topic',
    {
      encrypted: true,
      kms_key_id: 'alias/aws/sns',
      delivery_status_logged: ['Lambda'],
      policy_public: false,
      public_statements: [],
      unknown_facts: {},
      ...ext,
    },
    { name: 'alerts' },
  );
const unreadable = { unknown_facts: { attributes: 'AuthorizationError: not authorized' } };

checkTester(topicEncrypted, {
  pass: [{ name: 'KMS', input: topic({}), message: 'alias/aws/sns' }],
  fail: [{ name: 'plain', input: topic({ encrypted: false, kms_key_id: null }), message: 'alerts' }],
  error: [
    { name: 'unreadable', input: topic({ encrypted: null, ...unreadable }), message: 'AuthorizationError' },
  ],
});

checkTester(topicLogged, {
  pass: [{ name: 'Lambda logged', input: topic({}), message: 'Lambda' }],
  fail: [{ name: 'nothing logged', input: topic({ delivery_status_logged: [] }) }],
  error: [{ name: 'unreadable', input: topic({ delivery_status_logged: null, ...unreadable }) }],
});

checkTester(topicNotPublic, {
  pass: [{ name: 'pinned to the owner', input: topic({}) }],
  fail: [
    {
      name: 'open',
      input: topic({ policy_public: true, public_statements: ['everyone'] }),
      message: 'everyone',
    },
  ],
  error: [
    {
      name: 'unreadable',
      input: topic({ policy_public: null, ...unreadable }),
      message: 'AuthorizationError',
    },
  ],
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sqs.queue_encrypted_at_rest',
  title: 'SQS queues encrypt messages at rest',
  severity: 'medium',
  resource: 'aws.sqs.queue',
  triggers: [],
  description:
    'Server-side encryption is off for the queue: neither SSE-SQS nor a KMS key protects its messages.',
  risk: 'Messages, which often carry customer data or tokens, are stored unencrypted by the service.',
  remediation: {
    text: 'Turn on server-side encryption: SSE-SQS, or SSE-KMS with a key whose policy you control.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  ],
  evaluate(queue) {
    const how = extStr(queue, 'encryption');
    if (how === null)
      return error(`the queue attributes could not be read${whyUnknown(queue, 'attributes')}`);
    return how === 'none'
      ? fail(`${queue.com.name} is not encrypted at rest`)
      : pass(`encrypted with ${how}`);
  },
});

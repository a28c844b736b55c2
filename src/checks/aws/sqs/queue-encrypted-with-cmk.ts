import { customerKeyCheck } from '../customer-managed-key.js';
import { extStr } from '../facts.js';

export default customerKeyCheck({
  id: 'aws.sqs.queue_encrypted_with_cmk',
  resource: 'aws.sqs.queue',
  what: 'SQS queues',
  encrypted: (q) => {
    const how = extStr(q, 'encryption');
    return how === null ? null : how === 'SSE-KMS';
  },
  keyFact: 'kms_key_id',
  unknownKey: 'attributes',
  cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes KmsMasterKeyId=<key-arn>',
  reference:
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
});

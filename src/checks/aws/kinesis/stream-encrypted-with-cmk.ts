import { customerKeyCheck } from '../customer-managed-key.js';
import { extStr } from '../facts.js';

export default customerKeyCheck({
  id: 'aws.kinesis.stream_encrypted_with_cmk',
  resource: 'aws.kinesis.stream',
  what: 'Kinesis data streams',
  encrypted: (s) => {
    const type = extStr(s, 'encryption_type');
    return type === null ? null : type === 'KMS';
  },
  keyFact: 'kms_key_id',
  unknownKey: 'summary',
  cli: 'aws kinesis start-stream-encryption --stream-name <stream> --encryption-type KMS --key-id <key-arn>',
  reference: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.kinesis.stream_encrypted',
  title: 'Kinesis data streams are encrypted at rest',
  severity: 'medium',
  resource: 'aws.kinesis.stream',
  triggers: [],
  description: 'Server-side encryption with a KMS key is off for the data stream.',
  risk: 'Records in the stream, often events with customer data, are stored unencrypted for the whole retention period.',
  remediation: {
    text: 'Start server-side encryption of the stream with the AWS managed key alias/aws/kinesis or a customer managed key.',
    cli: 'aws kinesis start-stream-encryption --stream-name <stream> --encryption-type KMS --key-id alias/aws/kinesis',
  },
  references: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
  evaluate(stream) {
    const type = extStr(stream, 'encryption_type');
    if (type === null) return error(`the stream could not be read${whyUnknown(stream, 'summary')}`);
    return type === 'KMS'
      ? pass(`encrypted with ${extStr(stream, 'kms_key_id') ?? 'KMS'}`)
      : fail(`${stream.com.name} is not encrypted at rest`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sns.topic_encrypted_with_kms',
  title: 'SNS topics encrypt messages at rest with a KMS key',
  severity: 'medium',
  resource: 'aws.sns.topic',
  triggers: [],
  description: 'Server-side encryption with a KMS key is off for the topic.',
  risk: 'Messages waiting for delivery are stored without a key you control, and access to them is not logged through KMS.',
  remediation: {
    text: 'Turn on server-side encryption for the topic with the AWS managed key alias/aws/sns or a customer managed key.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
  evaluate(topic) {
    const on = extBool(topic, 'encrypted');
    if (on === null) return error(`the topic attributes could not be read${whyUnknown(topic, 'attributes')}`);
    return on
      ? pass(`encrypted with ${extStr(topic, 'kms_key_id')}`)
      : fail(`${topic.com.name} is not encrypted with a KMS key`);
  },
});

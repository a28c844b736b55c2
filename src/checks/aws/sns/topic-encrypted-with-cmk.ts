import { customerKeyCheck } from '../customer-managed-key.js';
import { extBool } from '../facts.js';

export default customerKeyCheck({
  id: 'aws.sns.topic_encrypted_with_cmk',
  resource: 'aws.sns.topic',
  what: 'SNS topics',
  encrypted: (t) => extBool(t, 'encrypted'),
  keyFact: 'kms_key_id',
  unknownKey: 'attributes',
  cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value <key-arn>',
  reference: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
});

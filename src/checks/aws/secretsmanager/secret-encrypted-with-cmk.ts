import { customerKeyCheck } from '../customer-managed-key.js';

export default customerKeyCheck({
  id: 'aws.secretsmanager.secret_encrypted_with_cmk',
  resource: 'aws.secretsmanager.secret',
  what: 'Secrets Manager secrets',
  // every secret is encrypted; without KmsKeyId, with the AWS managed key aws/secretsmanager
  encrypted: () => true,
  keyFact: 'kms_key_id',
  unknownKey: 'item',
  cli: 'aws secretsmanager update-secret --secret-id <secret> --kms-key-id <key-arn>',
  reference: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
});

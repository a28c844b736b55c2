import { customerKeyCheck } from '../customer-managed-key.js';
import { extStr } from '../facts.js';

export default customerKeyCheck({
  id: 'aws.ecr.repository_encrypted_with_cmk',
  resource: 'aws.ecr.repository',
  what: 'ECR repositories',
  // AES256 is encryption with keys ECR manages; KMS without a key named is the AWS managed aws/ecr key
  encrypted: (repo) => {
    const type = extStr(repo, 'encryption_type');
    return type === null ? null : type.startsWith('KMS');
  },
  keyFact: 'kms_key',
  unknownKey: 'item',
  cli: 'aws ecr create-repository --repository-name <name> --encryption-configuration encryptionType=KMS,kmsKey=<key-arn>',
  reference: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
});

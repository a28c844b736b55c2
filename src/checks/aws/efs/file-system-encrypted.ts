import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.efs.file_system_encrypted',
  title: 'EFS file systems are encrypted at rest',
  severity: 'medium',
  resource: 'aws.efs.file_system',
  facts: { 'aws.efs.file_system': ['encrypted'] },
  triggers: [],
  description: 'The EFS file system stores its data unencrypted.',
  risk: 'Data and backups of an unencrypted file system are readable by anyone who obtains the underlying storage or a copy of it.',
  remediation: {
    text: 'Encryption at rest can only be chosen at creation: create an encrypted file system (with a KMS key), copy the data with AWS DataSync, switch the mounts and delete the old one.',
    cli: 'aws efs create-file-system --encrypted --kms-key-id <key-arn> --performance-mode generalPurpose',
  },
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  evaluate(fs) {
    const enc = extBool(fs, 'encrypted');
    if (enc === null) return error('the encryption setting is unreadable');
    return enc ? pass('encrypted at rest') : fail(`${fs.com.name} is not encrypted at rest`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.efs.file_system_automatic_backups',
  title: 'EFS file systems have automatic backups',
  severity: 'medium',
  resource: 'aws.efs.file_system',
  facts: { 'aws.efs.file_system': ['automatic_backups'] },
  triggers: [],
  description: 'The automatic backup policy of the file system is off: AWS Backup does not back it up daily.',
  risk: 'Files deleted, overwritten or encrypted by ransomware cannot be restored.',
  remediation: {
    text: 'Turn on automatic backups for the file system (or add it to an AWS Backup plan).',
    cli: 'aws efs put-backup-policy --file-system-id <fs-id> --backup-policy Status=ENABLED',
  },
  references: ['https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html'],
  evaluate(fs) {
    return settingOn(fs, 'automatic_backups', {
      on: 'automatic backups are on',
      off: `${fs.com.name} has no automatic backups`,
      unknown: 'the backup policy is unreadable',
      why: ['backupPolicy'],
    });
  },
});

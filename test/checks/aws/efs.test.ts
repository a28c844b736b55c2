import automaticBackups from '../../../src/checks/aws/efs/file-system-automatic-backups.js';
import encrypted from '../../../src/checks/aws/efs/file-system-encrypted.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

checkTester(encrypted, {
  pass: [{ name: 'encrypted', input: rec('aws.efs.file_system', { encrypted: true }) }],
  fail: [{ name: 'plain', input: rec('aws.efs.file_system', { encrypted: false }) }],
  error: [{ name: 'unknown', input: rec('aws.efs.file_system', { encrypted: null }) }],
});

checkTester(automaticBackups, {
  pass: [{ name: 'on', input: rec('aws.efs.file_system', { automatic_backups: true }, { name: 'shared' }) }],
  fail: [
    {
      name: 'off',
      input: rec('aws.efs.file_system', { automatic_backups: false }, { name: 'shared' }),
      message: 'shared',
    },
  ],
  error: [
    {
      name: 'unreadable',
      input: rec(
        'aws.efs.file_system',
        { automatic_backups: null, unknown_facts: { backupPolicy: 'AccessDeniedException: no' } },
        { name: 'shared' },
      ),
      message: 'AccessDeniedException',
    },
  ],
});

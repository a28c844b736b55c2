import encrypted from '../../../src/checks/aws/efs/file-system-encrypted.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

checkTester(encrypted, {
  pass: [{ name: 'encrypted', input: rec('aws.efs.file_system', { encrypted: true }) }],
  fail: [{ name: 'plain', input: rec('aws.efs.file_system', { encrypted: false }) }],
  error: [{ name: 'unknown', input: rec('aws.efs.file_system', { encrypted: null }) }],
});

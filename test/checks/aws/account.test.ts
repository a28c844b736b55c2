import contact from '../../../src/checks/aws/account/security-contact-registered.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

checkTester(contact, {
  pass: [
    {
      name: 'registered',
      input: rec('aws.account.security_contact', { registered: true, contact_name: 'SOC' }),
      message: 'SOC',
    },
  ],
  fail: [
    { name: 'none', input: rec('aws.account.security_contact', { registered: false, contact_name: null }) },
  ],
  error: [{ name: 'unknown', input: rec('aws.account.security_contact', {}) }],
});

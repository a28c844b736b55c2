import renewed from '../../../src/checks/aws/acm/certificate-renewed.js';
import rsa from '../../../src/checks/aws/acm/rsa-key-length.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const cert = (ext: Record<string, unknown>) =>
  rec(
    'aws.acm.certificate',
    {
      status: 'ISSUED',
      key_algorithm: 'RSA_2048',
      days_to_expiry: 200,
      not_after: '2027-06-01T00:00:00.000Z',
      ...ext,
    },
    { name: 'www.example.com' },
  );

checkTester(renewed, {
  pass: [{ name: '200 days left', input: cert({}) }],
  fail: [
    { name: '10 days left', input: cert({ days_to_expiry: 10 }), message: 'expires in 10 days' },
    { name: 'expired', input: cert({ days_to_expiry: -3, status: 'EXPIRED' }), message: 'expired on' },
    {
      name: '45 days under a 60-day threshold',
      input: cert({ days_to_expiry: 45 }),
      params: { days_to_expiration: 60 },
    },
  ],
  error: [{ name: 'expiry unreadable', input: cert({ days_to_expiry: null }) }],
  not_applicable: [
    { name: 'pending validation', input: cert({ status: 'PENDING_VALIDATION', days_to_expiry: null }) },
  ],
});

checkTester(rsa, {
  pass: [
    { name: 'RSA 2048', input: cert({}) },
    { name: 'RSA 4096', input: cert({ key_algorithm: 'RSA_4096' }) },
  ],
  fail: [{ name: 'RSA 1024', input: cert({ key_algorithm: 'RSA_1024' }), message: '1024' }],
  error: [{ name: 'unknown', input: cert({ key_algorithm: null }) }],
  not_applicable: [{ name: 'ECDSA', input: cert({ key_algorithm: 'EC_prime256v1' }) }],
});

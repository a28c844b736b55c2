import analyzer from '../../../src/checks/aws/accessanalyzer/enabled-in-region.js';
import guardduty from '../../../src/checks/aws/guardduty/enabled-in-region.js';
import inspector from '../../../src/checks/aws/inspector2/enabled-in-region.js';
import securityhub from '../../../src/checks/aws/securityhub/enabled-in-region.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

checkTester(securityhub, {
  pass: [{ name: 'subscribed', input: rec('aws.securityhub.hub', { enabled: true }) }],
  fail: [
    {
      name: 'not subscribed',
      input: rec('aws.securityhub.hub', { enabled: false }, { region: 'sa-east-1' }),
      message: 'sa-east-1',
    },
  ],
  error: [{ name: 'unknown', input: rec('aws.securityhub.hub', {}) }],
});

checkTester(guardduty, {
  pass: [{ name: 'enabled detector', input: rec('aws.guardduty.detectors', { enabled: true }) }],
  fail: [{ name: 'no detector', input: rec('aws.guardduty.detectors', { enabled: false }) }],
  error: [
    {
      name: 'detectors unreadable',
      input: rec('aws.guardduty.detectors', { enabled: null, detectors_error: 'AccessDenied: x' }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(inspector, {
  pass: [
    { name: 'enabled', input: rec('aws.inspector2.account_status', { enabled: true, status: 'ENABLED' }) },
  ],
  fail: [
    {
      name: 'disabled',
      input: rec('aws.inspector2.account_status', { enabled: false, status: 'DISABLED' }),
      message: 'DISABLED',
    },
  ],
  error: [
    {
      name: 'failed account',
      input: rec('aws.inspector2.account_status', { enabled: null, failure: 'denied' }),
      message: 'denied',
    },
  ],
});

checkTester(analyzer, {
  pass: [
    { name: 'active analyzer', input: rec('aws.accessanalyzer.analyzers', { external_access_active: true }) },
  ],
  fail: [
    { name: 'none active', input: rec('aws.accessanalyzer.analyzers', { external_access_active: false }) },
  ],
  error: [{ name: 'unknown', input: rec('aws.accessanalyzer.analyzers', {}) }],
});

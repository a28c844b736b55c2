import alerts from '../../../src/checks/azure/defender/alert-notifications.js';
import attackPaths from '../../../src/checks/azure/defender/attack-path-notifications.js';
import endpoint from '../../../src/checks/azure/defender/endpoint-protection.js';
import owners from '../../../src/checks/azure/defender/owners-notified.js';
import email from '../../../src/checks/azure/defender/security-contact-email.js';
import servers from '../../../src/checks/azure/defender/servers-enabled.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AnyCheck } from '../../../src/core/check.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec, subscription } from './scope.js';

const AZURE_CHECKS = ALL_CHECKS.filter((c) => c.id.startsWith('azure.'));

const plan = (name: string, tier: string | null) =>
  azureRec(
    'azure.security.pricing',
    {
      plan: name,
      pricing_tier: tier,
      enabled: tier === null ? null : tier === 'Standard',
    },
    `Defender plan ${name}`,
  );

checkTester(servers, {
  pass: [
    { name: 'Standard', input: subscription([plan('VirtualMachines', 'Standard'), plan('Arm', 'Free')]) },
  ],
  fail: [
    { name: 'Free', input: subscription([plan('VirtualMachines', 'Free')]), message: 'pricing tier Free' },
  ],
  error: [
    {
      name: 'plans unreadable',
      input: subscription([], ['azure.security.pricing']),
      message: 'AuthorizationFailed',
    },
    { name: 'plan not listed', input: subscription([plan('Arm', 'Standard')]), message: 'VirtualMachines' },
    { name: 'tier missing', input: subscription([plan('VirtualMachines', null)]) },
  ],
});

/** Every Defender plan check reads its own plan and nothing else. */
for (const check of AZURE_CHECKS.filter(
  (c) => c.id.startsWith('azure.defender.') && c.id.endsWith('_enabled'),
)) {
  const planName = /The Defender for Cloud plan (\w+)/.exec(check.description)?.[1] as string;
  checkTester(check as AnyCheck, {
    pass: [{ name: `${planName} on`, input: subscription([plan(planName, 'Standard')]) }],
    fail: [
      {
        name: `${planName} off, the others on`,
        input: subscription([plan(planName, 'Free'), plan('Other', 'Standard')]),
      },
    ],
    error: [{ name: 'unreadable', input: subscription([], ['azure.security.pricing']) }],
  });
}

const contact = (ext: Record<string, unknown>) =>
  azureRec('azure.security.contact', { enabled: true, ...ext }, 'default');

checkTester(owners, {
  pass: [{ name: 'owners on', input: subscription([contact({ owners_notified: true })]) }],
  fail: [
    { name: 'owners off', input: subscription([contact({ owners_notified: false })]) },
    { name: 'no contact at all', input: subscription([]), message: 'no Defender for Cloud security contact' },
  ],
  error: [{ name: 'contacts unreadable', input: subscription([], ['azure.security.contact']) }],
});

checkTester(email, {
  pass: [
    {
      name: 'an address',
      input: subscription([contact({ emails: ['secops@example.com'] })]),
      message: 'secops@example.com',
    },
  ],
  fail: [{ name: 'no address', input: subscription([contact({ emails: [] })]) }],
  error: [{ name: 'contacts unreadable', input: subscription([], ['azure.security.contact']) }],
});

checkTester(alerts, {
  pass: [
    {
      name: 'from High',
      input: subscription([contact({ alert_notifications: true, alert_min_severity: 'High' })]),
      message: 'High',
    },
  ],
  fail: [{ name: 'off', input: subscription([contact({ alert_notifications: false })]) }],
  error: [{ name: 'contacts unreadable', input: subscription([], ['azure.security.contact']) }],
});

checkTester(attackPaths, {
  pass: [
    {
      name: 'from Critical',
      input: subscription([contact({ attack_path_notifications: true, attack_path_min_risk: 'Critical' })]),
    },
  ],
  fail: [{ name: 'off', input: subscription([contact({ attack_path_notifications: false })]) }],
  error: [{ name: 'contacts unreadable', input: subscription([], ['azure.security.contact']) }],
});

const setting = (name: string, enabled: boolean | null) =>
  azureRec('azure.security.setting', { setting: name, enabled });
checkTester(endpoint, {
  pass: [{ name: 'WDATP on', input: subscription([setting('MCAS', false), setting('WDATP', true)]) }],
  fail: [{ name: 'WDATP off', input: subscription([setting('WDATP', false)]) }],
  error: [
    { name: 'settings unreadable', input: subscription([], ['azure.security.setting']) },
    { name: 'WDATP not listed', input: subscription([setting('MCAS', true)]) },
  ],
});

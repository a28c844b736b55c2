import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.firewall_deletion_protection',
  title: 'Network Firewall firewalls have deletion protection',
  severity: 'medium',
  resource: 'aws.network_firewall.firewall',
  facts: { 'aws.network_firewall.firewall': ['delete_protection'] },
  triggers: ['UpdateFirewallDeleteProtection'],
  description: 'Deletion protection is off for the firewall.',
  risk: 'A mistaken or malicious DeleteFirewall call removes inspection from the network at once.',
  remediation: {
    text: 'Turn on deletion protection.',
    cli: 'aws network-firewall update-firewall-delete-protection --firewall-arn <arn> --delete-protection',
  },
  references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-settings.html'],
  evaluate(fw) {
    const on = extBool(fw, 'delete_protection');
    if (on === null) return error(`the firewall could not be read${whyUnknown(fw, 'firewall')}`);
    return on ? pass('deletion protection is on') : fail(`${fw.com.name} has no deletion protection`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.firewall_subnet_change_protection',
  title: 'Network Firewall firewalls have subnet change protection',
  severity: 'medium',
  resource: 'aws.network_firewall.firewall',
  facts: { 'aws.network_firewall.firewall': ['subnet_change_protection'] },
  triggers: ['UpdateSubnetChangeProtection'],
  description: 'Subnet change protection is off for the firewall.',
  risk: 'Its subnet associations can be removed by mistake, leaving an Availability Zone without inspection.',
  remediation: {
    text: 'Turn on subnet change protection.',
    cli: 'aws network-firewall update-subnet-change-protection --firewall-arn <arn> --subnet-change-protection',
  },
  references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-settings.html'],
  evaluate(fw) {
    const on = extBool(fw, 'subnet_change_protection');
    if (on === null) return error(`the firewall could not be read${whyUnknown(fw, 'firewall')}`);
    return on
      ? pass('subnet change protection is on')
      : fail(`${fw.com.name} has no subnet change protection`);
  },
});

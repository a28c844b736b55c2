import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.firewall_multi_az',
  title: 'Network Firewall firewalls have endpoints in several Availability Zones',
  severity: 'medium',
  resource: 'aws.network_firewall.firewall',
  facts: { 'aws.network_firewall.firewall': ['subnet_zones'] },
  triggers: ['AssociateSubnets', 'DisassociateSubnets', 'CreateFirewall'],
  description: 'The firewall has endpoints in one Availability Zone only.',
  risk: 'When that zone fails, the traffic routed through the firewall stops, or is rerouted around inspection.',
  remediation: {
    text: 'Associate a firewall subnet in each Availability Zone the protected workloads use.',
    cli: 'aws network-firewall associate-subnets --firewall-arn <arn> --subnet-mappings SubnetId=<subnet-in-another-az>',
  },
  references: [
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-high-availability.html',
  ],
  evaluate(fw) {
    const zones = extList<string>(fw, 'subnet_zones');
    if (zones === null) return error(`the firewall could not be read${whyUnknown(fw, 'firewall')}`);
    return zones.length >= 2
      ? pass(`endpoints in ${zones.length} Availability Zones`)
      : fail(`${fw.com.name} has endpoints in ${zones.length} Availability Zone(s)`);
  },
});

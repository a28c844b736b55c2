import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../../facts.js';

const VNET = 'azure.network.virtual_network';

export default defineCheck({
  id: 'azure.network.subnet_nsg_attached',
  title: 'Every subnet has a network security group',
  severity: 'medium',
  resource: VNET,
  facts: { [VNET]: ['subnets_without_nsg'] },
  triggers: ['Microsoft.Network/virtualNetworks/write', 'Microsoft.Network/virtualNetworks/subnets/write'],
  description:
    'A subnet of the virtual network has no network security group (gateway, Azure Firewall and Route Server subnets, which cannot have one, are not counted).',
  risk: 'Traffic to and from the subnet is filtered only by the rules of each network interface, if any: a new VM with a public address is reachable on every port.',
  remediation: {
    text: 'Attach a network security group to every subnet.',
    cli: 'az network vnet subnet update --resource-group <group> --vnet-name <vnet> --name <subnet> --network-security-group <nsg>',
  },
  references: ['https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview'],
  evaluate(r) {
    const missing = extList<string>(r, 'subnets_without_nsg');
    if (missing === null) return error(`${r.com.name}: its subnets could not be read`);
    if (missing.length === 0) return pass(`every subnet of ${r.com.name} has a network security group`);
    return fail(
      `${missing.length} subnet(s) of ${r.com.name} have no network security group: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
      { evidence: { subnets: missing } },
    );
  },
});

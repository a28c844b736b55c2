import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

export const BASTION = 'azure.network.bastion_host';

export default defineCheck({
  id: 'azure.network.bastion_host_exists',
  title: 'The subscription has an Azure Bastion host',
  severity: 'low',
  scope: 'account',
  uses: [BASTION],
  clouds: ['azure'],
  triggers: ['Microsoft.Network/bastionHosts/write', 'Microsoft.Network/bastionHosts/delete'],
  description:
    'The subscription has no Azure Bastion host for reaching its virtual machines over RDP and SSH.',
  risk: 'Without Bastion, administrators reach virtual machines through public IP addresses with RDP or SSH open to the internet, where those ports are scanned and brute-forced.',
  remediation: {
    text: 'Deploy an Azure Bastion host in a subnet named AzureBastionSubnet of each virtual network with machines to administer, and remove public RDP/SSH access.',
    cli: 'az network bastion create --name <bastion> --resource-group <group> --vnet-name <vnet> --public-ip-address <public ip> --location <region>',
  },
  references: ['https://learn.microsoft.com/azure/bastion/bastion-overview'],
  evaluate(ctx) {
    const hosts = ctx.resources(BASTION);
    if (hosts.length === 0) return fail('Azure Bastion: no Bastion host in the subscription');
    return pass(`Azure Bastion: ${hosts.map((h) => h.com.name).join(', ')}`);
  },
});

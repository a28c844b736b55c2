import { azureSettingCheck } from '../setting-check.js';

export default azureSettingCheck({
  id: 'azure.network.public_ip_attached',
  title: 'Public IP addresses are attached to a resource',
  severity: 'low',
  resource: 'azure.network.public_ip',
  fact: 'attached',
  want: true,
  triggers: ['Microsoft.Network/publicIPAddresses/write', 'Microsoft.Network/networkInterfaces/write'],
  description:
    'The public IP address is attached to nothing: no network interface, load balancer, gateway, Bastion host or NAT gateway uses it.',
  risk: 'An unused address costs money and escapes review (CIS Azure 7.7 asks for a periodic review of public IPs); a DNS name still pointing at it, or a resource later attached to it by mistake, is exposed without anyone deciding it should be.',
  remediation: {
    text: 'Delete public IP addresses nothing uses, after checking no DNS record points at them.',
    cli: 'az network public-ip delete --name <address> --resource-group <group>',
  },
  references: ['https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses'],
  passed: (n) => `${n} is attached to a resource`,
  failed: (n) => `${n} is attached to nothing`,
});

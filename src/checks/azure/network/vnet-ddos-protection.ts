import { azureSettingCheck } from '../setting-check.js';

export default azureSettingCheck({
  id: 'azure.network.vnet_ddos_protection',
  title: 'Virtual networks have DDoS Network Protection',
  severity: 'medium',
  resource: 'azure.network.virtual_network',
  fact: 'ddos_protection',
  want: true,
  triggers: ['Microsoft.Network/virtualNetworks/write'],
  description:
    'The virtual network is not covered by a DDoS protection plan (enableDdosProtection is off or no plan is attached).',
  risk: 'Public endpoints in the network get only the platform’s infrastructure protection: no adaptive tuning to the application’s traffic, no attack telemetry or alerts, no rapid response or cost protection during an attack.',
  remediation: {
    text: 'Create a DDoS protection plan (one can cover many networks across subscriptions of a tenant) and enable it on the virtual network.',
    cli: 'az network vnet update --name <vnet> --resource-group <group> --ddos-protection true --ddos-protection-plan <plan id>',
  },
  references: ['https://learn.microsoft.com/azure/ddos-protection/ddos-protection-overview'],
  passed: (n) => `${n} has DDoS Network Protection`,
  failed: (n) => `${n} has no DDoS protection plan`,
});

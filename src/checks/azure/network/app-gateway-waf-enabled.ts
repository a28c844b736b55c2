import { azureSettingCheck } from '../setting-check.js';

export const APP_GATEWAY = 'azure.network.application_gateway';
export const APP_GATEWAY_WRITES = ['Microsoft.Network/applicationGateways/write'];

export default azureSettingCheck({
  id: 'azure.network.app_gateway_waf_enabled',
  title: 'Application gateways have a web application firewall',
  severity: 'medium',
  resource: APP_GATEWAY,
  fact: 'waf_enabled',
  want: true,
  triggers: APP_GATEWAY_WRITES,
  description:
    'The application gateway has no web application firewall: no WAF policy is attached and the legacy WAF configuration is absent or off.',
  risk: 'Requests reach the applications behind the gateway without being screened for SQL injection, cross-site scripting and the other OWASP attack classes.',
  remediation: {
    text: 'Move the gateway to the WAF_v2 tier and attach an Application Gateway WAF policy in Prevention mode.',
    cli: 'az network application-gateway update --name <gateway> --resource-group <group> --sku WAF_v2 --set firewallPolicy.id=<waf policy id>',
  },
  references: ['https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview'],
  passed: (n) => `${n} has a web application firewall`,
  failed: (n) => `${n} has no web application firewall (no WAF policy, no WAF configuration on)`,
});

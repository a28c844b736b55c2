import { azureSettingCheck } from '../setting-check.js';

export const WAF_POLICY = 'azure.network.waf_policy';
export const WAF_POLICY_WRITES = ['Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/write'];

export default azureSettingCheck({
  id: 'azure.network.waf_policy_request_body_inspection',
  title: 'Web application firewall policies inspect request bodies',
  severity: 'medium',
  resource: WAF_POLICY,
  fact: 'request_body_check',
  want: true,
  triggers: WAF_POLICY_WRITES,
  description:
    'The Application Gateway WAF policy does not inspect request bodies (policySettings.requestBodyCheck is off).',
  risk: 'Attacks carried in POST and PUT bodies (SQL injection in form fields, malicious JSON or XML) pass the firewall unexamined.',
  remediation: {
    text: 'Turn request body inspection on in the WAF policy settings.',
    cli: 'az network application-gateway waf-policy policy-setting update --policy-name <policy> --resource-group <group> --request-body-check true',
  },
  references: [
    'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits',
  ],
  passed: (n) => `${n} inspects request bodies`,
  failed: (n) => `${n} does not inspect request bodies`,
});

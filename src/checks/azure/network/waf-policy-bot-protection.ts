import { azureSettingCheck } from '../setting-check.js';
import { WAF_POLICY, WAF_POLICY_WRITES } from './waf-policy-request-body-inspection.js';

export default azureSettingCheck({
  id: 'azure.network.waf_policy_bot_protection',
  title: 'Web application firewall policies have bot protection',
  severity: 'medium',
  resource: WAF_POLICY,
  fact: 'bot_protection',
  want: true,
  triggers: WAF_POLICY_WRITES,
  description:
    'The Application Gateway WAF policy does not use the bot protection rule set (Microsoft_BotManagerRuleSet is not among its managed rule sets).',
  risk: 'Requests from IP addresses Microsoft threat intelligence knows as malicious bots (scrapers, scanners, credential stuffers) are not blocked.',
  remediation: {
    text: 'Add the Microsoft_BotManagerRuleSet managed rule set to the WAF policy.',
    cli: 'az network application-gateway waf-policy managed-rule rule-set add --policy-name <policy> --resource-group <group> --type Microsoft_BotManagerRuleSet --version 1.0',
  },
  references: ['https://learn.microsoft.com/azure/web-application-firewall/ag/bot-protection-overview'],
  passed: (n) => `${n} has bot protection (Microsoft_BotManagerRuleSet)`,
  failed: (n) => `${n} has no bot protection rule set`,
});

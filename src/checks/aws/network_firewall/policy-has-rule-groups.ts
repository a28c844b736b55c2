import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.policy_has_rule_groups',
  title: 'Network Firewall policies have at least one rule group',
  severity: 'medium',
  resource: 'aws.network_firewall.policy',
  facts: { 'aws.network_firewall.policy': ['stateless_rule_groups', 'stateful_rule_groups'] },
  triggers: ['UpdateFirewallPolicy'],
  description: 'The firewall policy references no stateless and no stateful rule group.',
  risk: 'Firewalls using it apply only the default actions: traffic passes without inspection.',
  remediation: {
    text: 'Add stateless or stateful rule groups (for example AWS managed threat signatures) to the policy.',
    cli: 'aws network-firewall update-firewall-policy --firewall-policy-arn <arn> --update-token <token> --firewall-policy file://policy-with-rule-groups.json',
  },
  references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-policies.html'],
  evaluate(policy) {
    const stateless = extList<string>(policy, 'stateless_rule_groups');
    const stateful = extList<string>(policy, 'stateful_rule_groups');
    if (stateless === null || stateful === null)
      return error(`the firewall policy could not be read${whyUnknown(policy, 'policy')}`);
    const n = stateless.length + stateful.length;
    return n > 0 ? pass(`${n} rule group(s)`) : fail(`${policy.com.name} has no rule group`);
  },
});

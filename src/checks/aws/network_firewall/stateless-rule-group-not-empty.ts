import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.stateless_rule_group_not_empty',
  title: 'Stateless Network Firewall rule groups have rules',
  severity: 'medium',
  resource: 'aws.network_firewall.rule_group',
  facts: { 'aws.network_firewall.rule_group': ['rule_group_type', 'stateless_rule_count'] },
  triggers: ['UpdateRuleGroup', 'CreateRuleGroup'],
  description: 'The stateless rule group has no rules.',
  risk: 'A policy using the empty group inspects nothing with it, while its reviewers believe its rules are applied.',
  remediation: {
    text: 'Add the stateless rules the group was meant to hold, or remove it from its policies and delete it.',
    cli: 'aws network-firewall update-rule-group --rule-group-arn <arn> --update-token <token> --rule-group file://rules.json',
  },
  references: [
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-5-tuple.html',
  ],
  evaluate(group) {
    const type = extStr(group, 'rule_group_type');
    const count = extNum(group, 'stateless_rule_count');
    if (type === null || count === null)
      return error(`the rule group could not be read${whyUnknown(group, 'ruleGroup')}`);
    if (type !== 'STATELESS') return notApplicable(`a ${type.toLowerCase()} rule group`);
    return count > 0 ? pass(`${count} stateless rule(s)`) : fail(`${group.com.name} has no rules`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

const ACCEPTED = ['aws:drop', 'aws:forward_to_sfe'];

export default defineCheck({
  id: 'aws.network_firewall.policy_stateless_fragment_default_drop',
  title: 'Network Firewall policies drop or forward fragmented packets by default',
  severity: 'medium',
  resource: 'aws.network_firewall.policy',
  facts: { 'aws.network_firewall.policy': ['stateless_fragment_default_actions'] },
  triggers: ['UpdateFirewallPolicy'],
  description:
    'The stateless default action for fragmented packets that match no stateless rule is pass: they skip inspection.',
  risk: 'Traffic no stateless rule names goes through without the stateful engine ever seeing it.',
  remediation: {
    text: 'Set the stateless default action for fragmented packets to aws:forward_to_sfe (inspect statefully) or aws:drop.',
    cli: 'aws network-firewall update-firewall-policy --firewall-policy-arn <arn> --update-token <token> --firewall-policy file://policy.json  # StatelessFragmentDefaultActions: ["aws:forward_to_sfe"]',
  },
  references: [
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html',
  ],
  evaluate(policy) {
    const actions = extList<string>(policy, 'stateless_fragment_default_actions');
    if (actions === null)
      return error(`the firewall policy could not be read${whyUnknown(policy, 'policy')}`);
    return actions.some((a) => ACCEPTED.includes(a))
      ? pass(`default action ${actions.join(', ')}`)
      : fail(
          `${policy.com.name} passes fragmented packets by default (${actions.join(', ') || 'no action'})`,
        );
  },
});

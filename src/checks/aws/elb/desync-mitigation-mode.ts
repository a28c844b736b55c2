import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elb.desync_mitigation_mode',
  title: 'Classic Load Balancers use defensive or strictest desync mitigation',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['desync_mitigation_mode'] },
  triggers: [],
  description:
    'The Classic Load Balancer desync mitigation mode is monitor: ambiguous requests are forwarded.',
  risk: "Requests the load balancer and its instances read differently (HTTP desync) let an attacker smuggle requests, poison caches or hijack other users' sessions.",
  remediation: {
    text: 'Set the desync mitigation mode to defensive (the default) or strictest.',
    cli: 'aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "{\\"AdditionalAttributes\\":[{\\"Key\\":\\"elb.http.desyncmitigationmode\\",\\"Value\\":\\"defensive\\"}]}"',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-desync-mitigation-mode.html',
  ],
  evaluate(lb) {
    const mode = extStr(lb, 'desync_mitigation_mode');
    if (mode === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return mode === 'defensive' || mode === 'strictest'
      ? pass(`desync mitigation mode is ${mode}`)
      : fail(`${lb.com.name} desync mitigation mode is ${mode}`);
  },
});

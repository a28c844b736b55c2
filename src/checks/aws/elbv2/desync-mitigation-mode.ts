import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elbv2.desync_mitigation_mode',
  title: 'Application Load Balancers use defensive or strictest desync mitigation',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['type', 'desync_mitigation_mode'] },
  triggers: [],
  description:
    'The Application Load Balancer desync mitigation mode is monitor: ambiguous requests are forwarded.',
  risk: "Requests the load balancer and its targets read differently (HTTP desync) let an attacker smuggle requests, poison caches or hijack other users' sessions.",
  remediation: {
    text: 'Set the desync mitigation mode to defensive (the default) or strictest.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode',
  ],
  evaluate(lb) {
    if (extStr(lb, 'type') !== 'application') return notApplicable('not an Application Load Balancer');
    const mode = extStr(lb, 'desync_mitigation_mode');
    if (mode === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return mode === 'defensive' || mode === 'strictest'
      ? pass(`desync mitigation mode is ${mode}`)
      : fail(`${lb.com.name} desync mitigation mode is ${mode}`);
  },
});

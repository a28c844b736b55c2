import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

interface ListenerPolicy {
  port: number | null;
  policy: string | null;
}

export default defineCheck({
  id: 'aws.elb.predefined_tls_policy',
  title: 'Classic Load Balancer TLS listeners use a strong predefined security policy',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['listener_security_policies'] },
  triggers: ['CreateLoadBalancerPolicy'],
  description:
    'An HTTPS or SSL listener negotiates with a custom policy or an older predefined policy instead of the required one (ELBSecurityPolicy-TLS-1-2-2017-01 by default).',
  risk: 'Older and custom policies accept TLS 1.0 and 1.1 and weak ciphers, so clients can be downgraded to protocols with known attacks.',
  remediation: {
    text: 'Create an SSL negotiation policy that references the required predefined policy and set it on each HTTPS/SSL listener.',
    cli: 'aws elb create-load-balancer-policy --load-balancer-name <name> --policy-name tls-1-2 --policy-type-name SSLNegotiationPolicyType --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01\naws elb set-load-balancer-policies-of-listener --load-balancer-name <name> --load-balancer-port 443 --policy-names tls-1-2',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
  ],
  params: z.object({
    predefined_policy_name: z.string().min(1).default('ELBSecurityPolicy-TLS-1-2-2017-01'),
  }),
  evaluate(lb, { predefined_policy_name }) {
    const listeners = extList<ListenerPolicy>(lb, 'listener_security_policies');
    if (listeners === null)
      return error(`the listener policies could not be read${whyUnknown(lb, 'policies')}`);
    if (listeners.length === 0) return notApplicable('no HTTPS or SSL listener');
    const other = listeners.filter((l) => l.policy !== predefined_policy_name);
    return other.length === 0
      ? pass(`every TLS listener uses ${predefined_policy_name}`)
      : fail(
          `${lb.com.name}: ${other.map((l) => `port ${l.port} uses ${l.policy ?? 'a custom policy'}`).join(', ')}`,
        );
  },
});

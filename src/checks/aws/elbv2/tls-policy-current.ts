import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

interface Listener {
  port: number | null;
  tls: boolean;
  ssl_policy: string | null;
  min_tls_version: string | null;
}

const older = (a: string, b: string) => {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
};

export default defineCheck({
  id: 'aws.elbv2.tls_policy_current',
  title: 'Load balancer TLS listeners refuse TLS versions older than 1.2',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['listeners'] },
  triggers: [],
  description: 'An HTTPS or TLS listener uses a security policy that still accepts TLS 1.0 or 1.1.',
  risk: 'Old protocol versions have known weaknesses and let an attacker force a downgrade; PCI DSS no longer allows them.',
  remediation: {
    text: 'Switch the listener to a current policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
    cli: 'aws elbv2 modify-listener --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  ],
  params: z.object({
    min_version: z
      .string()
      .regex(/^\d+\.\d+$/)
      .default('1.2'),
  }),
  evaluate(lb, { min_version }) {
    const listeners = extList<Listener>(lb, 'listeners');
    if (listeners === null) return error(`the listeners could not be read${whyUnknown(lb, 'listeners')}`);
    const tls = listeners.filter((l) => l.tls);
    // Not a failed precondition: plain HTTP listeners are judged by aws.elbv2.listeners_use_tls,
    // and a Network Load Balancer's TCP listeners may pass TLS through to its targets.
    if (tls.length === 0) return notApplicable('no TLS listener');
    const unknown = tls.filter((l) => l.min_tls_version === null);
    const weak = tls.filter((l) => l.min_tls_version !== null && older(l.min_tls_version, min_version) < 0);
    if (weak.length > 0) {
      return fail(
        `${lb.com.name}: ${weak.map((l) => `port ${l.port} uses ${l.ssl_policy} (TLS ${l.min_tls_version})`).join(', ')}`,
      );
    }
    if (unknown.length > 0) {
      return error(
        `the TLS versions of policy ${unknown.map((l) => l.ssl_policy ?? '(none)').join(', ')} are not known`,
      );
    }
    return pass(`every TLS listener requires TLS ${min_version} or later`);
  },
});

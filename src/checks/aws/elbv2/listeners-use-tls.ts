import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

interface Listener {
  port: number | null;
  protocol: string | null;
  tls: boolean;
  redirects_to_https: boolean;
}

export default defineCheck({
  id: 'aws.elbv2.listeners_use_tls',
  title: 'Load balancer HTTP listeners only redirect to HTTPS',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['listeners'] },
  triggers: [],
  description:
    'An Application Load Balancer listener serves plain HTTP instead of redirecting clients to HTTPS.',
  risk: 'Requests, cookies and credentials cross the network unencrypted and can be read or changed on the way.',
  remediation: {
    text: 'Add an HTTPS listener with a certificate and change the HTTP listener default action to a redirect to HTTPS (HTTP 301).',
    cli: `aws elbv2 modify-listener --listener-arn <http-listener-arn> --default-actions '[{"Type":"redirect","RedirectConfig":{"Protocol":"HTTPS","Port":"443","StatusCode":"HTTP_301"}}]'`,
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
  ],
  evaluate(lb) {
    const listeners = extList<Listener>(lb, 'listeners');
    if (listeners === null) return error(`the listeners could not be read${whyUnknown(lb, 'listeners')}`);
    const http = listeners.filter((l) => l.protocol === 'HTTP');
    if (http.length === 0) {
      return listeners.some((l) => l.tls)
        ? pass('every HTTP-level listener uses TLS')
        : notApplicable('no HTTP or HTTPS listener');
    }
    const plain = http.filter((l) => !l.redirects_to_https);
    if (plain.length === 0) return pass('HTTP listeners redirect to HTTPS');
    return fail(`${lb.com.name} serves plain HTTP on port(s) ${plain.map((l) => l.port).join(', ')}`);
  },
});

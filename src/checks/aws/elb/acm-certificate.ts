import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Listener {
  port: number | null;
  tls: boolean;
  certificate_id: string | null;
}

export default defineCheck({
  id: 'aws.elb.acm_certificate',
  title: 'Classic Load Balancer TLS listeners use certificates from ACM',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['listeners'] },
  triggers: ['SetLoadBalancerListenerSSLCertificate'],
  description:
    'An HTTPS or SSL listener of the Classic Load Balancer uses a certificate that AWS Certificate Manager does not manage (one uploaded to IAM).',
  risk: 'Certificates outside ACM are renewed by hand and expire unnoticed, breaking the service or pushing users to click through warnings.',
  remediation: {
    text: 'Request or import the certificate in ACM and switch the listener to it.',
    cli: 'aws elb set-load-balancer-listener-ssl-certificate --load-balancer-name <name> --load-balancer-port 443 --ssl-certificate-id <acm-certificate-arn>',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-update-ssl-cert.html'],
  evaluate(lb) {
    const listeners = extList<Listener>(lb, 'listeners');
    if (listeners === null) return error('the listeners could not be read');
    const tls = listeners.filter((l) => l.tls);
    if (tls.length === 0) return notApplicable('no HTTPS or SSL listener');
    const unknown = tls.filter((l) => !l.certificate_id);
    if (unknown.length > 0)
      return error(`the certificate of port ${unknown.map((l) => l.port).join(', ')} is not in the answer`);
    const other = tls.filter((l) => !/^arn:[^:]+:acm:/.test(l.certificate_id ?? ''));
    return other.length === 0
      ? pass('every TLS listener uses an ACM certificate')
      : fail(`${lb.com.name}: ${other.map((l) => `port ${l.port} uses ${l.certificate_id}`).join(', ')}`);
  },
});

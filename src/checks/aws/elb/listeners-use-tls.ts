import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Listener {
  port: number | null;
  protocol: string | null;
  tls: boolean;
}

export default defineCheck({
  id: 'aws.elb.listeners_use_tls',
  title: 'Classic Load Balancer listeners use HTTPS or SSL',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['listeners'] },
  triggers: [],
  description:
    'A Classic Load Balancer has an HTTP or TCP listener, so clients connect to it without encryption.',
  risk: 'Traffic to the load balancer, including credentials and session cookies, can be read or altered on the network.',
  remediation: {
    text: 'Replace the plain listeners with HTTPS or SSL listeners (or migrate to an Application Load Balancer with an HTTP to HTTPS redirect).',
    cli: 'aws elb create-load-balancer-listeners --load-balancer-name <lb> --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=<cert-arn>\naws elb delete-load-balancer-listeners --load-balancer-name <lb> --load-balancer-ports 80',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html'],
  evaluate(lb) {
    const listeners = extList<Listener>(lb, 'listeners');
    if (listeners === null) return error('the listeners are unreadable');
    const plain = listeners.filter((l) => !l.tls);
    if (plain.length === 0) return pass('every listener uses HTTPS or SSL');
    return fail(
      `${lb.com.name} has unencrypted listener(s): ${plain.map((l) => `${l.protocol} ${l.port}`).join(', ')}`,
    );
  },
});

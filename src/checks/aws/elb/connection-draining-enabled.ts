import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elb.connection_draining_enabled',
  title: 'Classic Load Balancers drain connections',
  severity: 'low',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['connection_draining'] },
  triggers: [],
  description: 'Connection draining is off for the Classic Load Balancer.',
  risk: 'Instances leaving the load balancer (deployments, scale-in, failed health checks) drop the requests in flight.',
  remediation: {
    text: 'Turn on connection draining with a timeout that fits the longest requests.',
    cli: 'aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "{\\"ConnectionDraining\\":{\\"Enabled\\":true,\\"Timeout\\":300}}"',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-conn-drain.html'],
  evaluate(lb) {
    const on = extBool(lb, 'connection_draining');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on ? pass('connection draining is on') : fail(`${lb.com.name} does not drain connections`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elb.cross_zone_load_balancing',
  title: 'Classic Load Balancers balance across Availability Zones',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['cross_zone_load_balancing'] },
  triggers: [],
  description: 'Cross-zone load balancing is off for the Classic Load Balancer.',
  risk: "Each zone's node sends traffic only to its own instances: uneven instance counts overload some instances, and losing the instances of one zone drops a share of the requests.",
  remediation: {
    text: 'Turn on cross-zone load balancing.',
    cli: 'aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "{\\"CrossZoneLoadBalancing\\":{\\"Enabled\\":true}}"',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html',
  ],
  evaluate(lb) {
    const on = extBool(lb, 'cross_zone_load_balancing');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on
      ? pass('cross-zone load balancing is on')
      : fail(`${lb.com.name} does not balance across zones`);
  },
});

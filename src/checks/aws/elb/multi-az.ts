import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.elb.multi_az',
  title: 'Classic Load Balancers span several Availability Zones',
  severity: 'medium',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['availability_zones'] },
  triggers: [
    'EnableAvailabilityZonesForLoadBalancer',
    'DisableAvailabilityZonesForLoadBalancer',
    'AttachLoadBalancerToSubnets',
    'DetachLoadBalancerFromSubnets',
  ],
  description:
    'The Classic Load Balancer is enabled in fewer Availability Zones than required (2 by default).',
  risk: 'A load balancer in one zone goes down with that zone, and the application with it.',
  remediation: {
    text: 'Attach the load balancer to a subnet (or enable an Availability Zone) in another zone.',
    cli: 'aws elb attach-load-balancer-to-subnets --load-balancer-name <name> --subnets <subnet-in-another-az>',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html'],
  params: z.object({ min_availability_zones: z.number().int().min(1).max(10).default(2) }),
  evaluate(lb, { min_availability_zones }) {
    const zones = extList<string>(lb, 'availability_zones');
    if (zones === null) return error('the Availability Zones could not be read');
    return zones.length >= min_availability_zones
      ? pass(`enabled in ${zones.length} Availability Zones`)
      : fail(
          `${lb.com.name} is enabled in ${zones.length} Availability Zone(s), fewer than ${min_availability_zones}`,
        );
  },
});

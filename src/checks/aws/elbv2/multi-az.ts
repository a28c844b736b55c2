import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.elbv2.multi_az',
  title: 'Application, Network and Gateway Load Balancers span several Availability Zones',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['availability_zones'] },
  triggers: ['SetSubnets'],
  description: 'The load balancer is enabled in fewer Availability Zones than required (2 by default).',
  risk: 'A load balancer in one zone goes down with that zone, and the application with it.',
  remediation: {
    text: 'Add a subnet in another Availability Zone to the load balancer.',
    cli: 'aws elbv2 set-subnets --load-balancer-arn <lb-arn> --subnets <subnet-a> <subnet-b>',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-subnets.html',
  ],
  params: z.object({ min_availability_zones: z.number().int().min(1).max(10).default(2) }),
  evaluate(lb, { min_availability_zones }) {
    const zones = extList<string>(lb, 'availability_zones');
    if (zones === null) return error('the Availability Zones could not be read');
    return zones.length >= min_availability_zones
      ? pass(`enabled in ${zones.length} Availability Zones`)
      : fail(
          `${lb.com.name} is enabled in ${zones.length} Availability Zone(s) (${zones.join(', ') || 'none'}), fewer than ${min_availability_zones}`,
        );
  },
});

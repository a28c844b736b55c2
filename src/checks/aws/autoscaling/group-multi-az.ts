import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.group_multi_az',
  title: 'Auto Scaling groups span several Availability Zones',
  severity: 'medium',
  resource: 'aws.autoscaling.group',
  triggers: ['UpdateAutoScalingGroup', 'CreateAutoScalingGroup'],
  description:
    'The Auto Scaling group launches instances in fewer Availability Zones than required (2 by default).',
  risk: "All the group's instances go down with their one zone.",
  remediation: {
    text: 'Add subnets in other Availability Zones to the group.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --vpc-zone-identifier "<subnet-a>,<subnet-b>"',
  },
  references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-availability-zone.html'],
  params: z.object({ min_availability_zones: z.number().int().min(1).max(10).default(2) }),
  evaluate(group, { min_availability_zones }) {
    const zones = extList<string>(group, 'availability_zones');
    if (zones === null) return error('the group Availability Zones could not be read');
    return zones.length >= min_availability_zones
      ? pass(`launches in ${zones.length} Availability Zones`)
      : fail(
          `${group.com.name} launches in ${zones.length} Availability Zone(s), fewer than ${min_availability_zones}`,
        );
  },
});

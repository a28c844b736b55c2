import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.group_multiple_instance_types',
  title: 'Auto Scaling groups use several instance types in several Availability Zones',
  severity: 'medium',
  resource: 'aws.autoscaling.group',
  triggers: ['UpdateAutoScalingGroup', 'CreateAutoScalingGroup'],
  description: 'The Auto Scaling group launches one instance type only, or in one Availability Zone only.',
  risk: 'When that instance type runs out of capacity in a zone, the group cannot launch or replace instances.',
  remediation: {
    text: 'Give the group a mixed instances policy with several instance types, and subnets in several zones.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --mixed-instances-policy file://mixed-instances.json',
  },
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html',
  ],
  evaluate(group) {
    const types = extList<string>(group, 'instance_types');
    const zones = extList<string>(group, 'availability_zones');
    if (types === null || zones === null) return error('the group instance types or zones could not be read');
    if (types.length < 2)
      return fail(
        `${group.com.name} launches ${types.length === 1 ? `only ${types[0]}` : 'a single instance type'}`,
      );
    if (zones.length < 2) return fail(`${group.com.name} launches in one Availability Zone only`);
    return pass(`${types.length} instance types in ${zones.length} Availability Zones`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.group_elb_health_check',
  title: 'Auto Scaling groups behind a load balancer use its health checks',
  severity: 'low',
  resource: 'aws.autoscaling.group',
  triggers: ['UpdateAutoScalingGroup', 'AttachLoadBalancers', 'AttachLoadBalancerTargetGroups'],
  description:
    'The Auto Scaling group serves a load balancer but replaces instances on EC2 status checks only.',
  risk: "An instance whose application fails the load balancer's health check stays in service, so the group keeps failed capacity instead of replacing it.",
  remediation: {
    text: 'Set the group health check type to ELB, with a grace period long enough for instances to start.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --health-check-type ELB --health-check-grace-period 300',
  },
  references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html'],
  evaluate(group) {
    const lbs = extList<string>(group, 'load_balancers');
    const types = extList<string>(group, 'health_check_types');
    if (lbs === null || types === null)
      return error('the group load balancers or health check type could not be read');
    if (lbs.length === 0) return notApplicable('the group serves no load balancer');
    return types.includes('ELB')
      ? pass('the group uses the load balancer health checks')
      : fail(`${group.com.name} serves a load balancer but uses ${types.join(', ')} health checks`);
  },
});

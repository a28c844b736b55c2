import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.instance_single_eni',
  title: 'EC2 instances use one network interface',
  severity: 'low',
  resource: 'aws.ec2.instance',
  facts: { 'aws.ec2.instance': ['network_interface_count'] },
  triggers: ['AttachNetworkInterface', 'DetachNetworkInterface'],
  description: 'The instance has more than one elastic network interface attached.',
  risk: 'An instance with interfaces in several subnets bridges networks that were meant to be kept apart, and its security groups are harder to reason about.',
  remediation: {
    text: 'Detach the extra network interfaces unless the design needs them (network appliances); keep one interface per instance otherwise.',
    cli: 'aws ec2 detach-network-interface --attachment-id <attachment-id>',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html'],
  evaluate(instance) {
    if (instance.com.state === 'terminated') return notApplicable('instance is terminated');
    const count = extNum(instance, 'network_interface_count');
    if (count === null) return error('the network interfaces could not be read');
    return count <= 1
      ? pass(`${count} network interface`)
      : fail(`${instance.com.name} has ${count} network interfaces`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'aws.ec2.instance_no_public_ip',
  title: 'EC2 instances have no public IPv4 address',
  severity: 'high',
  resource: 'aws.ec2.instance',
  triggers: ['AssociateAddress'],
  description: 'The instance, or one of its network interfaces, has a public IPv4 address.',
  risk: 'An instance with a public address can be reached from the internet whenever a security group or network ACL lets traffic in, and is scanned for weaknesses all day.',
  remediation: {
    text: 'Launch instances in private subnets behind a load balancer, NAT gateway or Systems Manager Session Manager; release Elastic IPs and turn off public addressing on the subnet and launch template.',
    cli: 'aws ec2 disassociate-address --association-id <association-id>\naws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html'],
  evaluate(instance) {
    const state = typeof instance.com.state === 'string' ? instance.com.state : null;
    if (state === 'terminated') return notApplicable('instance is terminated');
    const ips = instance.com.public_ips;
    if (!Array.isArray(ips)) return error('the instance addresses could not be read');
    return ips.length === 0
      ? pass('no public IPv4 address')
      : fail(`${instance.com.name} has public IPv4 address(es) ${ips.join(', ')}`, {
          evidence: { public_ips: ips },
        });
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.subnet_no_auto_public_ip',
  title: 'Subnets do not give instances a public IPv4 address automatically',
  severity: 'medium',
  resource: 'aws.ec2.subnet',
  triggers: ['ModifySubnetAttribute', 'CreateSubnet'],
  description:
    'The subnet assigns a public IPv4 address to every network interface launched in it (MapPublicIpOnLaunch).',
  risk: 'Every instance launched in the subnet becomes reachable from the internet as soon as a security group allows it, whether its owner meant it or not.',
  remediation: {
    text: 'Turn off automatic public IPv4 addressing on the subnet; give public addresses only to the resources that need them (load balancers, NAT gateways).',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html'],
  evaluate(subnet) {
    const auto = extBool(subnet, 'map_public_ip_on_launch');
    if (auto === null) return error('the subnet addressing attribute could not be read');
    return auto
      ? fail(`${subnet.com.name} assigns public IPv4 addresses on launch`)
      : pass('no public IPv4 address is assigned on launch');
  },
});

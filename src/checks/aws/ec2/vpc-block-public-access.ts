import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.vpc_block_public_access',
  title: 'VPC Block Public Access blocks internet gateway traffic',
  severity: 'medium',
  resource: 'aws.ec2.vpc_block_public_access',
  triggers: [],
  description:
    'VPC Block Public Access is off in the region: internet gateways carry traffic to and from every VPC.',
  risk: 'A route or security group change in any VPC can expose resources to the internet; the region-wide block is a guardrail that individual VPC settings cannot undo.',
  remediation: {
    text: 'Turn on VPC Block Public Access in bidirectional or ingress-only mode, with exclusions for the subnets that must serve the internet.',
    cli: 'aws ec2 modify-vpc-block-public-access-options --internet-gateway-block-mode block-ingress --region <region>',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html'],
  evaluate(setting) {
    const mode = extStr(setting, 'internet_gateway_block_mode');
    if (mode === null) return error('the VPC Block Public Access options could not be read');
    return mode === 'off'
      ? fail(`VPC Block Public Access is off in ${setting.com.region}`)
      : pass(`internet gateway traffic is blocked (${mode})`);
  },
});

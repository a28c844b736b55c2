import { defineCheck } from '../../../core/check.js';
import { hasInterfaceEndpoint } from './vpc-endpoint.js';

export default defineCheck({
  id: 'aws.ec2.vpc_endpoint_ssm',
  title: 'VPCs have an interface endpoint for AWS Systems Manager',
  severity: 'medium',
  resource: 'aws.ec2.vpc',
  facts: { 'aws.ec2.vpc': ['vpc_endpoints'] },
  triggers: ['CreateVpcEndpoint', 'DeleteVpcEndpoints'],
  description:
    'The VPC has no interface VPC endpoint (AWS PrivateLink) for AWS Systems Manager (com.amazonaws.<region>.ssm).',
  risk: 'Without the endpoint managed instances reach Systems Manager over the internet, so instances without internet access cannot be managed; with it, the traffic stays on the AWS network and an endpoint policy can restrict it.',
  remediation: {
    text: 'Create an interface endpoint for the service in the VPC, in the subnets of the workloads, with private DNS on.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.ssm --subnet-ids <subnet-ids> --security-group-ids <sg-id> --private-dns-enabled',
  },
  references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html'],
  evaluate: (vpc) => hasInterfaceEndpoint(vpc, 'ssm'),
});

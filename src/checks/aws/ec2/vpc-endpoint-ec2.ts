import { defineCheck } from '../../../core/check.js';
import { hasInterfaceEndpoint } from './vpc-endpoint.js';

export default defineCheck({
  id: 'aws.ec2.vpc_endpoint_ec2',
  title: 'VPCs have an interface endpoint for EC2 API',
  severity: 'medium',
  resource: 'aws.ec2.vpc',
  facts: { 'aws.ec2.vpc': ['vpc_endpoints'] },
  triggers: ['CreateVpcEndpoint', 'DeleteVpcEndpoints'],
  description:
    'The VPC has no interface VPC endpoint (AWS PrivateLink) for EC2 API (com.amazonaws.<region>.ec2).',
  risk: 'Without the endpoint instances and tools in the VPC call the EC2 API over the internet or a NAT gateway instead of the AWS network; with it, the traffic stays on the AWS network and an endpoint policy can restrict it.',
  remediation: {
    text: 'Create an interface endpoint for the service in the VPC, in the subnets of the workloads, with private DNS on.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.ec2 --subnet-ids <subnet-ids> --security-group-ids <sg-id> --private-dns-enabled',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html'],
  evaluate: (vpc) => hasInterfaceEndpoint(vpc, 'ec2'),
});

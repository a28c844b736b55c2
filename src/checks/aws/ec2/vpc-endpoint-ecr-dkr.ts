import { defineCheck } from '../../../core/check.js';
import { hasInterfaceEndpoint } from './vpc-endpoint.js';

export default defineCheck({
  id: 'aws.ec2.vpc_endpoint_ecr_dkr',
  title: 'VPCs have an interface endpoint for Amazon ECR Docker registry',
  severity: 'medium',
  resource: 'aws.ec2.vpc',
  facts: { 'aws.ec2.vpc': ['vpc_endpoints'] },
  triggers: ['CreateVpcEndpoint', 'DeleteVpcEndpoints'],
  description:
    'The VPC has no interface VPC endpoint (AWS PrivateLink) for Amazon ECR Docker registry (com.amazonaws.<region>.ecr.dkr).',
  risk: 'Without the endpoint docker pulls and pushes leave the VPC for the public registry endpoint; with it, the traffic stays on the AWS network and an endpoint policy can restrict it.',
  remediation: {
    text: 'Create an interface endpoint for the service in the VPC, in the subnets of the workloads, with private DNS on.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.ecr.dkr --subnet-ids <subnet-ids> --security-group-ids <sg-id> --private-dns-enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html'],
  evaluate: (vpc) => hasInterfaceEndpoint(vpc, 'ecr.dkr'),
});

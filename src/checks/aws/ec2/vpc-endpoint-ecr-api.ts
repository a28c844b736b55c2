import { defineCheck } from '../../../core/check.js';
import { hasInterfaceEndpoint } from './vpc-endpoint.js';

export default defineCheck({
  id: 'aws.ec2.vpc_endpoint_ecr_api',
  title: 'VPCs have an interface endpoint for Amazon ECR API',
  severity: 'medium',
  resource: 'aws.ec2.vpc',
  facts: { 'aws.ec2.vpc': ['vpc_endpoints'] },
  triggers: ['CreateVpcEndpoint', 'DeleteVpcEndpoints'],
  description:
    'The VPC has no interface VPC endpoint (AWS PrivateLink) for Amazon ECR API (com.amazonaws.<region>.ecr.api).',
  risk: 'Without the endpoint image pulls and registry calls leave the VPC for the public ECR endpoint; with it, the traffic stays on the AWS network and an endpoint policy can restrict it.',
  remediation: {
    text: 'Create an interface endpoint for the service in the VPC, in the subnets of the workloads, with private DNS on.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.ecr.api --subnet-ids <subnet-ids> --security-group-ids <sg-id> --private-dns-enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html'],
  evaluate: (vpc) => hasInterfaceEndpoint(vpc, 'ecr.api'),
});

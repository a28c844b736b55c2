import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.lambda.function_in_vpc',
  title: 'Lambda functions are connected to a VPC',
  severity: 'low',
  resource: 'aws.lambda.function',
  triggers: [],
  description: 'The function is not attached to subnets of a VPC.',
  risk: "The function's network traffic cannot be filtered by security groups, network ACLs or VPC endpoints, nor seen in VPC flow logs.",
  remediation: {
    text: 'Attach the function to private subnets of a VPC with security groups that allow only the traffic it needs.',
    cli: 'aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
  evaluate(fn) {
    const vpc = extStr(fn, 'vpc_id');
    return vpc ? pass(`attached to ${vpc}`) : fail(`${fn.com.name} is not attached to a VPC`);
  },
});

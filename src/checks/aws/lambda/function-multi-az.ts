import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.lambda.function_multi_az',
  title: 'Lambda functions in a VPC run in more than one Availability Zone',
  severity: 'medium',
  resource: 'aws.lambda.function',
  facts: { 'aws.lambda.function': ['availability_zones'] },
  triggers: [],
  description: "The function's subnets are all in fewer Availability Zones than required (two by default).",
  risk: 'An outage of that one zone stops the function.',
  remediation: {
    text: 'Add subnets of other Availability Zones to the function’s VPC configuration.',
    cli: 'aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-in-az-a>,<subnet-in-az-b>,SecurityGroupIds=<sg>',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html'],
  params: z.object({ min_availability_zones: z.number().int().min(2).default(2) }),
  evaluate(fn, { min_availability_zones }) {
    const subnets = extList<string>(fn, 'subnet_ids') ?? [];
    if (subnets.length === 0) return notApplicable('the function is not in a VPC');
    const zones = extList<string>(fn, 'availability_zones');
    if (zones === null)
      return error(`the Availability Zones of its subnets could not be read${whyUnknown(fn, 'subnets')}`);
    if (zones.length >= min_availability_zones) return pass(`runs in ${zones.join(', ')}`);
    return fail(`${fn.com.name} runs only in ${zones.join(', ') || 'no known zone'}`, {
      evidence: { availability_zones: zones, subnet_ids: subnets, min_availability_zones },
    });
  },
});

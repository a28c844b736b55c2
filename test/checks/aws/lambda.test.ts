import inVpc from '../../../src/checks/aws/lambda/function-in-vpc.js';
import multiAz from '../../../src/checks/aws/lambda/function-multi-az.js';
import notPublic from '../../../src/checks/aws/lambda/function-not-public.js';
import runtimeSupported from '../../../src/checks/aws/lambda/function-runtime-supported.js';
import xray from '../../../src/checks/aws/lambda/function-xray-tracing.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const fn = (ext: Record<string, unknown>) =>
  rec(
    'aws.lambda.function',
    {
      function_name: 'orders',
      runtime: 'python3.12',
      package_type: 'Zip',
      vpc_id: null,
      subnet_ids: [],
      availability_zones: [],
      tracing_mode: 'PassThrough',
      policy_public: false,
      public_statements: [],
      unknown_facts: {},
      ...ext,
    },
    { name: 'orders' },
  );

checkTester(notPublic, {
  pass: [{ name: 'no public statement', input: fn({}) }],
  fail: [
    {
      name: 'a statement lets everyone invoke',
      input: fn({ policy_public: true, public_statements: ['everyone'] }),
      message: 'everyone',
    },
  ],
  error: [
    {
      name: 'policy unreadable',
      input: fn({
        policy_public: null,
        unknown_facts: { policy: 'AccessDeniedException: no lambda:GetPolicy' },
      }),
      message: 'AccessDenied',
    },
  ],
});

checkTester(runtimeSupported, {
  pass: [
    { name: 'current runtime', input: fn({ runtime: 'nodejs22.x' }) },
    {
      name: 'a runtime the user allows',
      input: fn({ runtime: 'provided.al2023' }),
      params: { runtimes: ['provided.al2023'] },
    },
  ],
  fail: [{ name: 'deprecated runtime', input: fn({ runtime: 'python2.7' }), message: 'python2.7' }],
  error: [{ name: 'runtime missing for a zip function', input: fn({ runtime: null }) }],
  not_applicable: [{ name: 'container image', input: fn({ runtime: null, package_type: 'Image' }) }],
});

checkTester(inVpc, {
  pass: [{ name: 'in a VPC', input: fn({ vpc_id: 'vpc-1' }), message: 'vpc-1' }],
  fail: [{ name: 'no VPC', input: fn({}) }],
});

checkTester(multiAz, {
  pass: [
    {
      name: 'two zones',
      input: fn({ subnet_ids: ['subnet-a', 'subnet-b'], availability_zones: ['eu-west-1a', 'eu-west-1b'] }),
    },
  ],
  fail: [
    {
      name: 'one zone',
      input: fn({ subnet_ids: ['subnet-a', 'subnet-c'], availability_zones: ['eu-west-1a'] }),
      message: 'eu-west-1a',
    },
    {
      name: 'fewer zones than the user asks for',
      input: fn({ subnet_ids: ['subnet-a', 'subnet-b'], availability_zones: ['eu-west-1a', 'eu-west-1b'] }),
      params: { min_availability_zones: 3 },
    },
  ],
  error: [
    {
      name: 'subnets unreadable',
      input: fn({
        subnet_ids: ['subnet-a'],
        availability_zones: null,
        unknown_facts: { subnets: 'UnauthorizedOperation: ec2:DescribeSubnets' },
      }),
      message: 'UnauthorizedOperation',
    },
  ],
  not_applicable: [{ name: 'not in a VPC', input: fn({}) }],
});

checkTester(xray, {
  pass: [{ name: 'active', input: fn({ tracing_mode: 'Active' }) }],
  fail: [{ name: 'pass-through', input: fn({}), message: 'PassThrough' }],
  error: [{ name: 'missing', input: fn({ tracing_mode: null }) }],
});

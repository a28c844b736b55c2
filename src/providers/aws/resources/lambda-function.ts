import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  type FunctionConfiguration,
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctions,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  isRecord,
  records,
  requireItem,
  requireString,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { resourcePolicyFacts } from '../normalisers/resource-policy.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.lambda.function';

const subnetIdsOf = (f: FunctionConfiguration): string[] => [...(f.VpcConfig?.SubnetIds ?? [])].sort();

/**
 * Lambda functions (ListFunctions: runtime, VPC, tracing come with the listing), with each
 * function's resource-based policy (GetPolicy; none set is ResourceNotFoundException) and, for
 * functions in a VPC, the Availability Zones of their subnets (EC2 DescribeSubnets, shared by
 * functions on the same subnets).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'lambda',
  client: LambdaClient,
  scope: 'region',
  list: {
    permission: 'lambda:ListFunctions',
    paginate: (client) => paginateListFunctions({ client, pageSize: 50 }, {}),
    items: (page) => page.Functions,
  },
  enrich: {
    policy: {
      permission: 'lambda:GetPolicy',
      facts: ['policy_public', 'public_statements'],
      absentOn: [ResourceNotFoundException],
      call: (client, f) =>
        client.send(new GetPolicyCommand({ FunctionName: f.FunctionArn ?? f.FunctionName })),
    },
    subnets: {
      permission: 'ec2:DescribeSubnets',
      facts: ['availability_zones'],
      when: (f) => subnetIdsOf(f).length > 0,
      cacheKey: (f) => `subnets:${subnetIdsOf(f).join(',')}`,
      call: (_client, f, ctx) =>
        ctx.client(EC2Client, 'ec2').send(new DescribeSubnetsCommand({ SubnetIds: subnetIdsOf(f) })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'FunctionName', 'FunctionArn') },
});

const RAW = S.raw({
  item: S.obj({
    FunctionName: S.str,
    FunctionArn: S.str,
    Runtime: S.str,
    PackageType: S.str,
    VpcConfig: S.obj({ SubnetIds: S.strs, SecurityGroupIds: S.strs, VpcId: S.str }),
    TracingConfig: S.obj({ Mode: S.str }),
  }),
  policy: S.answer({ Policy: S.policyDocument }),
  subnets: S.answer({ Subnets: S.list(S.obj({ SubnetId: S.str, AvailabilityZone: S.str })) }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'lambda',
  produces: [TYPE, 'serverless_function'],
  raw: RAW,
  normalise(raw, scope) {
    const f = requireItem<FunctionConfiguration>(raw, TYPE);
    const name = requireString(f, 'FunctionName', TYPE, 'item.FunctionName');
    const arn = requireString(f, 'FunctionArn', TYPE, 'item.FunctionArn');
    const vpc = isRecord(f.VpcConfig) ? f.VpcConfig : {};
    const subnetIds = strings(vpc.SubnetIds);
    const policy = enrichment(raw, 'policy');
    // S3 invokes a function for any bucket owner: its grant must name the source account
    const facts =
      policy.state === 'absent'
        ? resourcePolicyFacts(null)
        : policy.state === 'value'
          ? resourcePolicyFacts(policy.value.Policy ?? { __error: 'GetPolicy answered without Policy' }, {
              sourceBoundServices: ['s3.amazonaws.com'],
            })
          : null;
    const subnets = enrichment(raw, 'subnets');
    let zones: string[] | null = [];
    if (subnetIds.length > 0) {
      zones =
        subnets.state === 'value'
          ? [...new Set(records(subnets.value.Subnets).flatMap((s) => str(s.AvailabilityZone) ?? []))].sort()
          : null;
    }
    const unknown = unknownReasons({
      policy,
      ...(subnetIds.length > 0 ? { subnets } : {}),
    });
    if (facts?.unreadable) unknown.policy = facts.unreadable;
    const tracing = isRecord(f.TracingConfig) ? str(f.TracingConfig.Mode) : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'serverless_function',
        reference: arn,
        name,
        service: 'lambda',
        ext: {
          function_name: name,
          runtime: str(f.Runtime),
          package_type: str(f.PackageType) ?? 'Zip',
          vpc_id: str(vpc.VpcId) || null,
          subnet_ids: subnetIds,
          availability_zones: zones,
          tracing_mode: tracing,
          policy_public: facts?.public ?? null,
          public_statements: facts?.public_statements ?? null,
          unknown_facts: unknown,
        },
        shape: {},
      }),
    ];
  },
});

const FUNCTION_NAME = ['requestParameters.functionName'];

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: {
      CreateFunction20150331: ['responseElements.functionName', ...FUNCTION_NAME],
      ...eventsAt(
        [
          'DeleteFunction20150331',
          'UpdateFunctionConfiguration20150331v2',
          'AddPermission20150331v2',
          'RemovePermission20150331v2',
        ],
        FUNCTION_NAME,
      ),
    },
    normalise: (v) => (v.startsWith('arn:') ? (v.split(':')[6] ?? v) : v),
  },
  asff: 'AwsLambdaFunction',
  // Lambda's control-plane API requests share a quota of 15 per second per Region
  pacing: { rate: 10, burst: 15 },
});

import { ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { isAwsError } from '../../../src/providers/aws/errors.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import lambda from '../../../src/providers/aws/resources/lambda-function.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import { ACCOUNT, endpointCollection, REGION, restJson } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import { xmlText } from './local-aws.js';

/**
 * Lambda functions through the SDK stack against the fixture endpoint, in Lambda's REST-JSON
 * shapes (ListFunctions and GetPolicy as recorded in ../shared/data/config, cloud-custodian
 * placebo) and EC2's query-protocol DescribeSubnets.
 */

const env = endpointCollection('AKIDLAMBDATEST');
const TYPE = 'aws.lambda.function';

const fn = (name: string, over: Record<string, unknown> = {}) => ({
  FunctionName: name,
  FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  Runtime: 'python3.12',
  Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
  Handler: 'app.handler',
  CodeSize: 1526,
  Timeout: 30,
  MemorySize: 256,
  LastModified: '2026-09-15T20:31:23.412+0000',
  Version: '$LATEST',
  TracingConfig: { Mode: 'PassThrough' },
  PackageType: 'Zip',
  ...over,
});

const policy = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [statement] });

const subnetsXml = (subnets: [string, string][]) => ({
  body:
    '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><subnetSet>' +
    subnets
      .map(
        ([id, az]) =>
          `<item><subnetId>${xmlText(id)}</subnetId><availabilityZone>${xmlText(az)}</availabilityZone><state>available</state></item>`,
      )
      .join('') +
    '</subnetSet></DescribeSubnetsResponse>',
  headers: { 'content-type': 'text/xml' },
});

function lambdaAnswers(
  functions: Record<string, unknown>[],
  policies: Record<string, string | 'denied'>,
  zones: Record<string, string> = {},
) {
  return (r: EndpointRequest) => {
    if (r.service === 'ec2') {
      const params = new URLSearchParams(r.body);
      const ids = [...params.entries()].filter(([k]) => k.startsWith('SubnetId.')).map(([, v]) => v);
      return subnetsXml(ids.map((id) => [id, zones[id] ?? 'unknown']));
    }
    if (r.service !== 'lambda') return undefined;
    if (r.method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(r.path))
      return restJson({ Functions: functions });
    const m = /^\/2015-03-31\/functions\/([^/]+)\/policy$/.exec(r.path);
    if (m) {
      const name =
        decodeURIComponent(m[1] ?? '')
          .split(':')
          .pop() ?? '';
      const p = policies[name];
      if (p === 'denied')
        return wireError(
          'AwsRestJsonProtocol',
          'AccessDeniedException',
          'not authorized: lambda:GetPolicy',
          403,
        );
      if (p === undefined)
        return wireError(
          'AwsRestJsonProtocol',
          'ResourceNotFoundException',
          'The resource you requested does not exist.',
          404,
        );
      return restJson({ Policy: p, RevisionId: 'rev-1' });
    }
    return undefined;
  };
}

describe('aws.lambda.function collector', () => {
  it('lists functions, reads their policies and the zones of their subnets', async () => {
    env.serve(
      lambdaAnswers(
        [
          fn('public-s3', {
            VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
          }),
          fn('pinned', { TracingConfig: { Mode: 'Active' }, Runtime: 'python2.7' }),
          fn('no-policy', { VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: [], VpcId: 'vpc-1' } }),
          fn('image', { Runtime: undefined, PackageType: 'Image' }),
        ],
        {
          'public-s3': policy({
            Sid: 's3-invoke',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:public-s3`,
            Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' } },
          }),
          pinned: policy({
            Sid: 'iot',
            Effect: 'Allow',
            Principal: { Service: 'iot.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT } },
          }),
          image: policy({
            Sid: 'everyone',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunction',
          }),
        },
        { 'subnet-a': 'eu-west-1a', 'subnet-b': 'eu-west-1b' },
      ),
    );
    const records = await env.records(TYPE);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.policy_public,
        r.ext.availability_zones,
        r.ext.runtime,
        r.ext.tracing_mode,
      ]),
    ).toEqual([
      ['public-s3', false, ['eu-west-1a', 'eu-west-1b'], 'python3.12', 'PassThrough'],
      ['pinned', false, [], 'python2.7', 'Active'],
      ['no-policy', false, ['eu-west-1a'], 'python3.12', 'PassThrough'],
      ['image', true, [], null, 'PassThrough'],
    ]);
    expect(records[3]?.ext.public_statements).toEqual(['everyone']);
    expect(records[0]?.com).toMatchObject({
      reference: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:public-s3`,
      record_type: 'serverless_function',
      region: REGION,
    });
    const calls = env.calls();
    expect(calls.filter((c) => c.endsWith('/policy'))).toHaveLength(4);
    // one DescribeSubnets per distinct set of subnets
    expect(calls.filter((c) => c === 'ec2:DescribeSubnets')).toHaveLength(2);
    expect(env.refused()).toEqual([]);
  });

  it('an S3 grant without the source account is public; an unreadable policy is unknown, never private', async () => {
    env.serve(
      lambdaAnswers([fn('s3-open'), fn('secret')], {
        's3-open': policy({
          Sid: 'bucket',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
        }),
        secret: 'denied',
      }),
    );
    const records = await env.records(TYPE);
    expect(records.map((r) => [r.com.name, r.ext.policy_public])).toEqual([
      ['s3-open', true],
      ['secret', null],
    ]);
    expect(records[1]?.ext.unknown_facts).toMatchObject({ policy: expect.stringContaining('AccessDenied') });
  });

  it('skips the policy and subnet calls when no selected check reads them', async () => {
    env.serve(lambdaAnswers([fn('a', { VpcConfig: { SubnetIds: ['subnet-a'], VpcId: 'vpc-1' } })], {}));
    const c = await env.collect(TYPE, new Set(['runtime']));
    expect(c.error).toBeUndefined();
    expect(env.calls()).toEqual(['lambda:GET /2015-03-31/functions']);
  });

  it('a failed list is the collection error, naming the API', async () => {
    env.serve(() =>
      wireError('AwsRestJsonProtocol', 'AccessDeniedException', 'no lambda:ListFunctions', 403),
    );
    const c = await env.collect(TYPE);
    expect(c.items).toBeUndefined();
    expect(c.error).toMatch(/^lambda:ListFunctions: AccessDeniedException/);
  });

  it('declares its permissions; "no policy" is the SDK\'s own ResourceNotFoundException', () => {
    expect([...lambda.collector.permissions].sort()).toEqual([
      'ec2:DescribeSubnets',
      'lambda:GetPolicy',
      'lambda:ListFunctions',
    ]);
    expect(awsPolicy([TYPE]).Statement[0]?.Action).toContain('lambda:GetPolicy');
    expect(
      isAwsError(new ResourceNotFoundException({ message: 'x', $metadata: {} }), [ResourceNotFoundException]),
    ).toBe(true);
  });

  it('a permission change names the function for a re-check', () => {
    const event = trailEvent(
      'AddPermission20150331v2',
      { functionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:public-s3`, statementId: 'x' },
      { source: 'lambda.amazonaws.com' },
    );
    expect(targetsOf(event)).toEqual([
      { cloud: 'aws', type: TYPE, id: 'public-s3', account: expect.any(String), region: expect.any(String) },
    ]);
  });
});

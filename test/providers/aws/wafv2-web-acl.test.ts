import { WAFNonexistentItemException } from '@aws-sdk/client-wafv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { isAwsError } from '../../../src/providers/aws/errors.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import wafv2 from '../../../src/providers/aws/resources/wafv2-web-acl.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * WAFv2 web ACLs through the whole SDK stack (awsJson1_1, target AWSWAF_20190729.*) against the
 * fixture endpoint, with GetWebACL answers in the shape Cloud Custodian recorded from AWS.
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDWAFTEST';
const PREFIX = 'AWSWAF_20190729.';

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };

const json = (body: unknown): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1' },
});
const arnOf = (scope: string, name: string) =>
  `arn:aws:wafv2:us-east-1:${ACCOUNT}:${scope === 'CLOUDFRONT' ? 'global' : 'regional'}/webacl/${name}/id-${name}`;

function waf(r: EndpointRequest): Answer | undefined {
  const target = String(r.headers['x-amz-target'] ?? '');
  if (!target.startsWith(PREFIX)) return undefined;
  const input = JSON.parse(r.body) as {
    Scope?: string;
    Name?: string;
    ResourceArn?: string;
    NextMarker?: string;
  };
  switch (r.action) {
    case 'ListWebACLs': {
      if (input.NextMarker) return json({ WebACLs: [], NextMarker: 'end' });
      const name = input.Scope === 'CLOUDFRONT' ? 'edge' : 'api';
      return json({
        WebACLs: [{ Name: name, Id: `id-${name}`, ARN: arnOf(input.Scope ?? '', name), LockToken: 't' }],
        NextMarker: 'm1',
      });
    }
    case 'GetWebACL':
      return json({
        WebACL: {
          Name: input.Name,
          Id: `id-${input.Name}`,
          ARN: arnOf(input.Scope ?? '', input.Name ?? ''),
          DefaultAction: { Allow: {} },
          Rules:
            input.Name === 'api'
              ? [
                  {
                    Name: 'rule-1',
                    Priority: 1,
                    Statement: { RateBasedStatement: { Limit: 10000, AggregateKeyType: 'IP' } },
                    Action: { Block: {} },
                    VisibilityConfig: {
                      SampledRequestsEnabled: false,
                      CloudWatchMetricsEnabled: false,
                      MetricName: 'rule-1',
                    },
                  },
                ]
              : [],
          VisibilityConfig: {
            SampledRequestsEnabled: true,
            CloudWatchMetricsEnabled: true,
            MetricName: input.Name,
          },
          Capacity: 3,
        },
        LockToken: 't',
      });
    case 'GetLoggingConfiguration':
      return input.ResourceArn?.includes('/api/')
        ? json({
            LoggingConfiguration: {
              ResourceArn: input.ResourceArn,
              LogDestinationConfigs: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-api`],
            },
          })
        : wireError(
            'AwsJson1_1Protocol',
            'WAFNonexistentItemException',
            'AWS WAF couldn’t perform the operation because your resource doesn’t exist.',
          );
    default:
      return undefined;
  }
}

beforeEach(async () => {
  endpoint = await startAwsEndpoint({
    accessKeyId: KEY,
    answer: (r) =>
      r.service === 'sts' ? callerIdentityAnswer(ACCOUNT) : r.service === 'wafv2' ? waf(r) : undefined,
  });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

async function collect(region: string): Promise<Collection> {
  const provider = new AwsProvider(
    { type: 'aws', regions: [region], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: region,
    },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(['aws.wafv2.web_acl']) })) batches.push(b);
  return batches[0]?.collections.find((c) => c.type === 'aws.wafv2.web_acl') as Collection;
}

describe('aws.wafv2.web_acl', () => {
  it('lists regional web ACLs, and in us-east-1 those of CloudFront, with rules and logging', async () => {
    const c = await collect('us-east-1');
    expect(c.error).toBeUndefined();
    const n = normaliseCollection(c);
    expect(n.errors).toEqual([]);
    expect(
      n.records.map((r) => [
        r.com.name,
        r.com.region,
        r.ext.scope,
        r.ext.rules,
        r.ext.metrics_enabled,
        r.ext.logging_enabled,
      ]),
    ).toEqual([
      ['api', 'us-east-1', 'REGIONAL', [{ name: 'rule-1', metrics_enabled: false }], true, true],
      // no logging configuration: WAFNonexistentItemException, read as "not configured"
      ['edge', 'global', 'CLOUDFRONT', [], true, false],
    ]);
    expect(endpoint.refused).toEqual([]);
    expect(
      isAwsError(new WAFNonexistentItemException({ message: 'x', $metadata: {} }), [
        'WAFNonexistentItemException',
      ]),
    ).toBe(true);
  });

  it('elsewhere lists the regional scope only', async () => {
    const c = await collect('eu-west-1');
    expect(c.items?.map((i) => (i.item as { Scope: string }).Scope)).toEqual(['REGIONAL']);
  });

  it('declares the permissions of its calls', () => {
    expect([...wafv2.collector.permissions].sort()).toEqual([
      'wafv2:GetLoggingConfiguration',
      'wafv2:GetWebACL',
      'wafv2:ListWebACLs',
    ]);
  });
});

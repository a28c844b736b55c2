import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { AWS_COLLECTORS } from '../../../src/providers/aws/collectors/index.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * AWS_ENDPOINT_URL given as an IP address (an AWS-compatible endpoint on 127.0.0.1) must work
 * for every service the collectors call, S3 Control included: its endpoint rules put the account
 * id in front of the host, which turns 127.0.0.1 into the invalid 111122223333.127.0.0.1.
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDENDPOINTTEST';
const REGION = 'eu-west-1';

/** The wire protocol of each service, by the signing name in the request's credential scope. */
/** The wire protocol of a request, as its service speaks it: read from what the SDK sent. */
function protocolOf(r: EndpointRequest): string {
  if (r.service === 's3')
    return r.path.startsWith('/v20180820/') ? 'AwsRestXmlProtocol' : 'S3RestXmlProtocol';
  if (r.service === 'cloudfront') return 'AwsRestXmlProtocol';
  const type = String(r.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded'))
    return r.service === 'ec2' ? 'AwsEc2QueryProtocol' : 'AwsQueryProtocol';
  if (type.startsWith('application/x-amz-json-1.0')) return 'AwsJson1_0Protocol';
  if (type.startsWith('application/x-amz-json-1.1')) return 'AwsJson1_1Protocol';
  return 'AwsRestJsonProtocol';
}

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
let answer: (r: EndpointRequest) => Answer | undefined;

beforeEach(async () => {
  endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer: (r) => answer(r) });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

const provider = () =>
  new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: 'us-east-1',
    },
  );

async function collect(types: Iterable<string>): Promise<AccountBatch> {
  const batches: AccountBatch[] = [];
  for await (const b of provider().collect({ types: new Set(types) })) batches.push(b);
  expect(batches).toHaveLength(1);
  return batches[0] as AccountBatch;
}

describe('AWS_ENDPOINT_URL=http://127.0.0.1:<port>', () => {
  it('S3 Control GetPublicAccessBlock reaches the endpoint with its path and the account id header', async () => {
    answer = (r) => {
      if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
      if (r.service === 's3' && r.path === '/v20180820/configuration/publicAccessBlock')
        return {
          headers: { 'content-type': 'application/xml' },
          body:
            '<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">' +
            '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>' +
            '<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>' +
            '</PublicAccessBlockConfiguration>',
        };
      return undefined;
    };
    const batch = await collect(['aws.s3.account_public_access_block']);
    expect(batch.collections).toEqual([
      {
        cloud: 'aws',
        account: ACCOUNT,
        region: 'global',
        partition: 'aws',
        type: 'aws.s3.account_public_access_block',
        items: [
          {
            item: {
              PublicAccessBlockConfiguration: {
                BlockPublicAcls: true,
                IgnorePublicAcls: true,
                BlockPublicPolicy: true,
                RestrictPublicBuckets: false,
              },
            },
          },
        ],
      },
    ]);
    const req = endpoint.requests.find((r) => r.path === '/v20180820/configuration/publicAccessBlock');
    expect(req).toMatchObject({ method: 'GET', service: 's3', region: 'us-east-1' });
    expect(req?.headers['x-amz-account-id']).toBe(ACCOUNT);
    expect(req?.headers.host).toBe(`127.0.0.1:${endpoint.port}`);
    expect(endpoint.refused).toEqual([]);
  });

  it('every collector reaches the endpoint: each collection fails with the answer, never with the URL', async () => {
    answer = (r) =>
      r.service === 'sts'
        ? callerIdentityAnswer(ACCOUNT)
        : wireError(protocolOf(r), 'AccessDenied', `fixture denies ${r.service}`, 403);
    const batch = await collect(AWS_COLLECTORS.map((c) => c.type));
    expect(batch.collections.map((c) => c.type).sort()).toEqual(AWS_COLLECTORS.map((c) => c.type).sort());
    for (const c of batch.collections) {
      expect(c.items, c.type).toBeUndefined();
      expect(c.error, c.type).toMatch(/AccessDenied(Exception)?: fixture denies /);
    }
    expect(endpoint.refused).toEqual([]);
    // buckets by path, never <bucket>.127.0.0.1; S3 Control without <account>.127.0.0.1
    for (const r of endpoint.requests) expect(r.headers.host).toBe(`127.0.0.1:${endpoint.port}`);
  });
});

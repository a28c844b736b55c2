import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import passwordMinLength from '../../../src/checks/aws/iam/password-policy-min-length.js';
import passwordReuse from '../../../src/checks/aws/iam/password-policy-prevents-reuse.js';
import accountPublicAccessBlocked from '../../../src/checks/aws/s3/account-public-access-blocked.js';
import securityHubEnabled from '../../../src/checks/aws/securityhub/enabled-in-region.js';
import { type AnyCheck, resolveParams } from '../../../src/core/check.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import type { AccountBatch } from '../../../src/core/provider.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';

/**
 * "Not configured" answers as AWS sends them, through the SDK's whole HTTP stack against a
 * local endpoint: each must become a failed check (the setting is absent), never an error.
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDNOTCONFIGURED';
const REGION = 'eu-west-1';

function answer(r: EndpointRequest): Answer | undefined {
  if (r.service === 'sts' && r.action === 'GetCallerIdentity') return callerIdentityAnswer(ACCOUNT);
  if (r.service === 'iam' && r.action === 'GetAccountPasswordPolicy') {
    // IAM's answer for an account without a password policy
    return {
      status: 404,
      body:
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <Error>\n    <Type>Sender</Type>\n' +
        `    <Code>NoSuchEntity</Code>\n    <Message>The Password Policy with domain name ${ACCOUNT} cannot be found.</Message>\n` +
        '  </Error>\n  <RequestId>4c5e9b8e-0f4a-4a8e-9d6e-2b1d0b3a7e11</RequestId>\n</ErrorResponse>\n',
    };
  }
  if (r.service === 's3' && r.method === 'GET' && r.path === '/v20180820/configuration/publicAccessBlock') {
    return {
      status: 404,
      headers: { 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code>' +
        '<Message>The public access block configuration was not found</Message></Error>' +
        '<RequestId>8Q0S3CTRL</RequestId><HostId>host</HostId></ErrorResponse>',
    };
  }
  if (r.service === 'securityhub' && r.method === 'GET' && r.path === '/accounts') {
    return {
      status: 401,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidAccessException' },
      body: JSON.stringify({
        Code: 'InvalidAccessException',
        Message: `Account ${ACCOUNT} is not subscribed to AWS Security Hub`,
      }),
    };
  }
  return undefined;
}

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
beforeAll(async () => {
  endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterAll(async () => {
  env.restore();
  await endpoint.close();
});

async function scan(checks: AnyCheck[]) {
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: 'us-east-1',
    },
  );
  const types = new Set(checks.flatMap((c) => c.uses));
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types })) batches.push(b);
  expect(batches).toHaveLength(1);
  const batch = batches[0] as AccountBatch;
  const { outcomes } = evaluateAccount(
    batch,
    {
      normalisers: NORMALISERS_REGISTRY,
      checks,
      params: new Map(checks.map((c) => [c.id, resolveParams(c, undefined)])),
    },
    {
      auditKey: 'test',
      auditVersion: '20260101T000000000Z',
      now: '2026-01-01T00:00:00Z',
      compliance: new Map(),
    },
    new Set(),
  );
  return { batch, rows: outcomes.map((o) => o.row) };
}

describe('not-configured answers over HTTP', () => {
  it('no IAM password policy (404 NoSuchEntity) fails both password checks, it is not an error', async () => {
    const { batch, rows } = await scan([passwordMinLength, passwordReuse]);
    expect(batch.collections).toEqual([
      {
        cloud: 'aws',
        account: ACCOUNT,
        region: 'global',
        partition: 'aws',
        type: 'aws.iam.password_policy',
        items: [{ item: null }],
      },
    ]);
    expect(rows.map((r) => [r.check_id, r.status, r.message])).toEqual([
      ['aws.iam.password_policy_min_length', 'fail', 'the account has no password policy'],
      ['aws.iam.password_policy_prevents_reuse', 'fail', expect.stringContaining('no password policy')],
    ]);
    const asked = endpoint.requests.filter((r) => r.action === 'GetAccountPasswordPolicy');
    expect(asked.length).toBeGreaterThan(0);
    expect(endpoint.refused).toEqual([]);
  });

  it('no account public access block (S3 Control 404) fails the check', async () => {
    const { rows } = await scan([accountPublicAccessBlocked]);
    expect(rows.map((r) => r.status)).toEqual(['fail']);
    const asked = endpoint.requests.filter((r) => r.path === '/v20180820/configuration/publicAccessBlock');
    expect(asked[0]?.headers['x-amz-account-id']).toBe(ACCOUNT);
    expect(endpoint.refused).toEqual([]);
  });

  it('Security Hub not subscribed (InvalidAccessException) fails the region, it is not an error', async () => {
    const { rows } = await scan([securityHubEnabled]);
    expect(rows.map((r) => [r.region, r.status])).toEqual([[REGION, 'fail']]);
    expect(endpoint.refused).toEqual([]);
  });
});

import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClients, CallStats } from '../../../src/providers/aws/clients.js';
import { awsPacing, RateLimiter } from '../../../src/providers/aws/limiter.js';
import { fakeCredentials } from './helpers.js';
import { type LocalAws, type LocalRequest, s3Operation, startLocalAws, useEndpoint } from './local-aws.js';

/**
 * Throttled answers in the shapes AWS sends them, through the whole SDK stack at a local
 * endpoint: the pacing middleware sees each attempt's answer and slows down only the bucket
 * AWS throttled.
 */
const ACCOUNT = '111122223333';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const ec2Throttled = {
  status: 503,
  body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>',
};
const iamThrottled = {
  status: 400,
  body: '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-2</RequestId></ErrorResponse>',
};
const s3SlowDown = {
  status: 503,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>r-3</RequestId><HostId>h</HostId></Error>',
  headers: { 'content-type': 'application/xml' },
};

/** How many more throttled answers each operation gives before it answers normally. */
const throttleBudget = new Map<string, number>();

function answer(req: LocalRequest) {
  const op = req.service === 's3' ? s3Operation(req) : req.action;
  const left = throttleBudget.get(op) ?? 0;
  if (left > 0) {
    throttleBudget.set(op, left - 1);
    if (req.service === 'ec2') return ec2Throttled;
    if (req.service === 'iam') return iamThrottled;
    return s3SlowDown;
  }
  if (req.action === 'DescribeSecurityGroups' || req.action === 'DescribeVpcs') {
    const list = req.action === 'DescribeSecurityGroups' ? 'securityGroupInfo' : 'vpcSet';
    return {
      body: `<${req.action}Response xmlns="${EC2_NS}"><requestId>r</requestId><${list}/></${req.action}Response>`,
    };
  }
  if (req.action === 'GetAccountSummary') {
    return {
      body: '<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>3</value></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountSummaryResponse>',
    };
  }
  if (req.service === 's3' && s3Operation(req) === 'GetBucketPolicy') {
    return {
      body: '{"Version":"2012-10-17","Statement":[]}',
      headers: { 'content-type': 'application/json' },
    };
  }
  return undefined;
}

let aws: LocalAws;
let restore: () => void;
beforeAll(async () => {
  aws = await startLocalAws(answer);
  restore = useEndpoint(aws.url);
});
afterAll(async () => {
  restore();
  await aws.close();
});

function clients(maxAttempts: number) {
  const limiter = new RateLimiter({ maxConcurrency: 4, pacing: awsPacing() });
  const stats = new CallStats();
  const c = new AccountClients(ACCOUNT, fakeCredentials, {
    limiter,
    stats,
    maxAttempts,
    requestTimeoutMs: 5000,
  });
  return { limiter, stats, c };
}

describe('adaptive pacing over the SDK stack', () => {
  it('slows down the bucket of each throttled API, in each service shape', async () => {
    const { limiter, c } = clients(1);
    throttleBudget.set('DescribeSecurityGroups', 2);
    throttleBudget.set('GetAccountSummary', 1);
    throttleBudget.set('GetBucketPolicy', 1);
    const ec2 = c.get(EC2Client, 'ec2', 'eu-west-1');
    for (let i = 0; i < 2; i++) {
      await expect(ec2.send(new DescribeSecurityGroupsCommand({}))).rejects.toMatchObject({
        name: 'RequestLimitExceeded',
      });
    }
    await ec2.send(new DescribeVpcsCommand({}));
    await expect(
      c.get(IAMClient, 'iam', 'us-east-1').send(new GetAccountSummaryCommand({})),
    ).rejects.toMatchObject({
      name: 'Throttling',
    });
    await expect(
      c.get(S3Client, 's3', 'eu-west-1').send(new GetBucketPolicyCommand({ Bucket: 'logs' })),
    ).rejects.toMatchObject({ name: 'SlowDown' });

    const rate = (service: string, region: string, operation: string) =>
      limiter.bucket({ account: ACCOUNT, region, service, operation }).rate;
    // EC2 throttles per API: only DescribeSecurityGroups slows down (20 -> 10 -> 5 per second)
    expect(rate('ec2', 'eu-west-1', 'DescribeSecurityGroups')).toBe(5);
    expect(rate('ec2', 'eu-west-1', 'DescribeVpcs')).toBe(20);
    expect(rate('iam', 'us-east-1', 'GetAccountSummary')).toBe(7.5);
    expect(rate('s3', 'eu-west-1', 'GetBucketPolicy')).toBe(2750);
    expect(limiter.stats()).toMatchObject({ throttled: 4, slowdowns: 4 });
    expect(aws.refused).toEqual([]);
  });

  it('retries a throttled call and paces the retry through the slowed bucket', async () => {
    const { limiter, stats, c } = clients(3);
    throttleBudget.set('DescribeVpcs', 1);
    const out = await c.get(EC2Client, 'ec2', 'us-west-2').send(new DescribeVpcsCommand({}));
    expect(out.Vpcs).toEqual([]);
    // both attempts went through the pacing: counted, and the throttled one slowed the bucket
    expect(stats.byAction()).toEqual({ 'ec2:DescribeVpcs': 2 });
    expect(limiter.stats()).toMatchObject({ throttled: 1, slowdowns: 1 });
    expect(
      limiter.bucket({ account: ACCOUNT, region: 'us-west-2', service: 'ec2', operation: 'DescribeVpcs' })
        .rate,
    ).toBe(10);
  });
});

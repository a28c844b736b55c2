import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClients, CallStats, endpointOverridden } from '../../../src/providers/aws/clients.js';
import { actionOf } from '../../../src/providers/aws/errors.js';
import { RateLimiter } from '../../../src/providers/aws/limiter.js';
import { FakeHttp, fakeCredentials, settings } from './helpers.js';

const REGIONS_XML =
  '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><regionInfo>' +
  '<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint>' +
  '<optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>';
const INTERNAL_XML =
  '<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred</Message></Error>' +
  '</Errors><RequestID>r2</RequestID></Response>';
const POLICY_DENIED_XML =
  '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r3</RequestId></Error>';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('endpoints', () => {
  it('detects AWS_ENDPOINT_URL and the service-specific variants', () => {
    expect(endpointOverridden({})).toBe(false);
    expect(endpointOverridden({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe(true);
    expect(endpointOverridden({ AWS_ENDPOINT_URL_S3: 'http://minio:9000' })).toBe(true);
    expect(endpointOverridden({ AWS_ENDPOINT_URL: '  ' })).toBe(false);
    expect(
      endpointOverridden({ AWS_ENDPOINT_URL: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
    ).toBe(false);
  });

  it('sends to AWS_ENDPOINT_URL, with S3 path-style addressing', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    const h = new FakeHttp(() => ({
      body: '{"Policy":"{}"}',
      headers: { 'content-type': 'application/json' },
    }));
    const clients = settings({ http: h }).clients();
    await clients.get(S3Client, 's3', 'eu-west-1').send(new GetBucketPolicyCommand({ Bucket: 'audit-logs' }));
    const req = h.requests[0]!;
    expect(`${req.protocol}//${req.hostname}:${req.port}`).toBe('http://127.0.0.1:4566');
    // path-style: the bucket is in the path, not in the host name
    expect(req.path).toMatch(/^\/audit-logs\/?$/);
  });

  it('addresses S3 by path for an endpoint_url of the shared config file too (a host name, not an IP)', async () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL')) delete process.env[k];
    const dir = mkdtempSync(join(tmpdir(), 'cw-aws-config-'));
    writeFileSync(join(dir, 'config'), '[default]\nendpoint_url = http://localhost:4566\n');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    delete process.env.AWS_PROFILE;
    const h = new FakeHttp(() => ({
      body: '{"Policy":"{}"}',
      headers: { 'content-type': 'application/json' },
    }));
    await settings({ http: h, env: {} })
      .clients()
      .get(S3Client, 's3', 'eu-west-1')
      .send(new GetBucketPolicyCommand({ Bucket: 'audit-logs' }));
    const req = h.requests[0]!;
    expect(`${req.hostname}:${req.port}`).toBe('localhost:4566');
    expect(req.path).toMatch(/^\/audit-logs\/?$/);
  });

  it('prefers the service-specific AWS_ENDPOINT_URL_<SERVICE>', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    process.env.AWS_ENDPOINT_URL_EC2 = 'http://127.0.0.1:5000';
    const h = new FakeHttp(() => ({ body: REGIONS_XML }));
    const ec2 = settings({ http: h }).clients().get(EC2Client, 'ec2', 'eu-west-1');
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions?.[0]?.RegionName).toBe('eu-west-1');
    expect(h.requests[0]?.hostname).toBe('127.0.0.1');
    expect(h.requests[0]?.port).toBe(5000);
  });

  it('uses the AWS endpoint and virtual-host S3 addressing when nothing is set', async () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL')) delete process.env[k];
    const h = new FakeHttp(() => ({
      body: '{"Policy":"{}"}',
      headers: { 'content-type': 'application/json' },
    }));
    await settings({ http: h, env: {} })
      .clients()
      .get(S3Client, 's3', 'eu-west-1')
      .send(new GetBucketPolicyCommand({ Bucket: 'audit-logs' }));
    expect(h.requests[0]?.hostname).toBe('audit-logs.s3.eu-west-1.amazonaws.com');
  });
});

describe('retries, counting and error tagging', () => {
  it('retries a failed call (standard mode) and counts every attempt', async () => {
    const h = new FakeHttp((_req, n) =>
      n < 3 ? { status: 500, body: INTERNAL_XML } : { body: REGIONS_XML },
    );
    const s = settings({ http: h, maxAttempts: 4 });
    const ec2 = s.clients().get(EC2Client, 'ec2', 'eu-west-1');
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions).toHaveLength(1);
    expect(h.requests).toHaveLength(3);
    expect(s.stats.byAction()).toEqual({ 'ec2:DescribeRegions': 3 });
    expect(s.stats.total).toBe(3);
  }, 30_000);

  it('gives up after maxAttempts with the error tagged by its action', async () => {
    const h = new FakeHttp(() => ({ status: 403, body: POLICY_DENIED_XML }));
    const s3 = settings({ http: h, maxAttempts: 2 }).clients().get(S3Client, 's3', 'eu-west-1');
    const err = await s3.send(new GetBucketPolicyCommand({ Bucket: 'b' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AccessDenied' });
    expect(actionOf(err)).toBe('s3:GetBucketPolicy');
    // AccessDenied is not retryable
    expect(h.requests).toHaveLength(1);
  });

  it('configures the standard retry strategy on every client (the pacing adapts the rate)', async () => {
    const ec2 = settings({ maxAttempts: 3 }).clients().get(EC2Client, 'ec2', 'eu-west-1');
    const strategy = await ec2.config.retryStrategy();
    expect(strategy).toMatchObject({ mode: 'standard' });
  });

  it('fails a request that outlasts the timeout with a TimeoutError', async () => {
    const sockets = new Set<Socket>();
    const server = createServer(() => undefined); // accepts, never answers
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    process.env.AWS_ENDPOINT_URL_EC2 = `http://127.0.0.1:${port}`;
    const stats = new CallStats();
    const clients = new AccountClients('111122223333', fakeCredentials, {
      limiter: new RateLimiter({ maxConcurrency: 2, pacing: () => ({ rate: 100, burst: 200 }) }),
      stats,
      maxAttempts: 1,
      requestTimeoutMs: 150,
    });
    try {
      const err = await clients
        .get(EC2Client, 'ec2', 'eu-west-1')
        .send(new DescribeRegionsCommand({}))
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'TimeoutError' });
      expect(actionOf(err)).toBe('ec2:DescribeRegions');
    } finally {
      clients.destroy();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

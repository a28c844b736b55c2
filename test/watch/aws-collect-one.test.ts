import type { HttpRequest } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsProvider } from '../../src/providers/aws/provider.js';
import { AwsRecollector, cutAnswer } from '../../src/watch/aws-collect-one.js';
import type { ResourceTarget } from '../../src/watch/resource-ids.js';
import { FakeHttp, type Reply, wireError } from '../providers/aws/helpers.js';
import { startAwsServer } from './aws-server.js';
import { ACCOUNT, GROUP, REGION } from './fixtures.js';

const OTHER = 'sg-0ffffffffffffffff';
let aws: Awaited<ReturnType<typeof startAwsServer>>;
const saved: Record<string, string | undefined> = {};
const env = { AWS_ENDPOINT_URL: '', AWS_EC2_METADATA_DISABLED: 'true' };

beforeAll(async () => {
  aws = await startAwsServer(ACCOUNT);
  env.AWS_ENDPOINT_URL = aws.url;
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await aws.close();
});

const target: ResourceTarget = {
  cloud: 'aws',
  type: 'aws.ec2.security_group',
  id: GROUP,
  account: ACCOUNT,
  region: REGION,
};
const recollector = () =>
  new AwsRecollector(new AwsProvider({ type: 'aws', regions: [REGION], max_attempts: 1 }), {
    credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' }),
    homeRegion: REGION,
    env: { ...process.env },
  });

describe('AwsRecollector.collectOne', () => {
  it('asks EC2 for the one group (GroupIds) through the provider clients', async () => {
    aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: [[22, '0.0.0.0/0']] });
    aws.groups.set(OTHER, { id: OTHER, name: 'db', inbound: [] });
    aws.calls.length = 0;
    const r = recollector();
    const c = await r.collectOne(target);
    expect(c?.error).toBeUndefined();
    expect(c?.items?.map((i) => (i.item as { GroupId: string }).GroupId)).toEqual([GROUP]);
    expect(c?.region).toBe(REGION);
    expect(aws.calls).toEqual(['sts:GetCallerIdentity', `ec2:DescribeSecurityGroups ${GROUP}`]);
    expect(r.calls()).toMatchObject({ 'ec2:DescribeSecurityGroups': 1 });
    await r.close();
  });

  it('a group EC2 no longer knows is gone (no items, no error)', async () => {
    const r = recollector();
    const c = await r.collectOne({ ...target, id: 'sg-0000000000000dead' });
    expect(c).toMatchObject({ items: [] });
    expect(c?.error).toBeUndefined();
    await r.close();
  });

  it('a group given by name is found by listing and picking it out', async () => {
    const r = recollector();
    const c = await r.collectOne({ ...target, id: 'db' });
    expect(c?.items?.map((i) => (i.item as { GroupId: string }).GroupId)).toEqual([OTHER]);
    await r.close();
  });

  it("an account these credentials do not reach is not this provider's (null); an API failure is an error", async () => {
    const r = recollector();
    expect(await r.collectOne({ ...target, account: '999999999999' })).toBeNull();
    expect(await r.collectOne({ ...target, cloud: 'azure' })).toBeNull();
    const failed = await r.collectOne({ ...target, type: 'aws.kms.key', id: 'k' });
    expect(failed?.error).toMatch(/kms/i);
    const unknown = await r.collectOne({ ...target, type: 'aws.nothing.here' });
    expect(unknown?.error).toMatch(/no AWS collector/);
    await r.close();
  });
});

describe('a resource the service no longer knows', () => {
  const KEY = 'AKIDGONETEST';
  /** service of a signed request (credential scope), and the API version of a query one */
  const scope = (req: HttpRequest) => {
    const auth = String(req.headers.authorization ?? '');
    const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? '';
    const version = new URLSearchParams(String(req.body ?? '')).get('Version') ?? '';
    return { auth, service, version };
  };
  /** each service's own "no such resource" answer, as it sends it */
  const answer = (req: HttpRequest): Reply => {
    const { service, version } = scope(req);
    if (service === 'sts')
      return {
        body: `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/w</Arn><UserId>AIDA</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`,
      };
    if (service === 'rds')
      return wireError('AwsQueryProtocol', 'DBInstanceNotFound', 'DBInstance db-gone not found.', 404);
    if (service === 'elasticloadbalancing' && version === '2015-12-01')
      return wireError(
        'AwsQueryProtocol',
        'LoadBalancerNotFound',
        'One or more load balancers not found',
        400,
      );
    if (service === 'elasticloadbalancing')
      return wireError(
        'AwsQueryProtocol',
        'LoadBalancerNotFound',
        "There is no ACTIVE Load Balancer named 'gone'",
        400,
      );
    if (service === 'elasticfilesystem')
      return wireError(
        'AwsRestJsonProtocol',
        'FileSystemNotFound',
        'File system fs-0gone does not exist.',
        404,
      );
    if (service === 'cloudtrail')
      return wireError('AwsJson1_1Protocol', 'TrailNotFoundException', 'Unknown trail: gone', 400);
    if (service === 'ec2')
      return wireError(
        'AwsEc2QueryProtocol',
        'InvalidInstanceID.NotFound',
        "The instance ID 'i-0gone' does not exist",
        400,
      );
    return wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'not allowed', 400);
  };

  it.each([
    ['aws.rds.db_instance', 'db-gone'],
    [
      'aws.elbv2.load_balancer',
      `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/gone/0123456789abcdef`,
    ],
    ['aws.elb.load_balancer', 'gone'],
    ['aws.efs.file_system', 'fs-0gone'],
    ['aws.ec2.instance', 'i-0gone'],
    ['aws.cloudtrail.trail', 'gone'],
  ])('%s: the SDK exception for "not found" means gone (no items, no error)', async (type, id) => {
    const http = new FakeHttp(answer);
    const r = new AwsRecollector(new AwsProvider({ type: 'aws', regions: [REGION], max_attempts: 1 }), {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'not-a-secret' }),
      homeRegion: REGION,
      requestHandler: http,
      env: {},
    });
    const c = await r.collectOne({ cloud: 'aws', type, id, account: ACCOUNT, region: REGION });
    expect(c?.error).toBeUndefined();
    expect(c).toMatchObject({ items: [] });
    // the fake answered only requests signed with the test key
    for (const req of http.requests)
      expect(scope(req).auth).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY}/`));
    await r.close();
  });

  it("never reads a region outside the credentials' partition", async () => {
    const http = new FakeHttp(answer);
    const r = new AwsRecollector(new AwsProvider({ type: 'aws', regions: [REGION], max_attempts: 1 }), {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'not-a-secret' }),
      homeRegion: REGION,
      requestHandler: http,
      env: {},
    });
    const c = await r.collectOne({
      cloud: 'aws',
      type: 'aws.ec2.instance',
      id: 'i-0abc',
      account: ACCOUNT,
      region: 'cn-north-1',
    });
    expect(c?.error).toBe('region cn-north-1 is not in the aws partition of the credentials: not read');
    expect(http.requests.map((q) => scope(q).service)).toEqual(['sts']);
    await r.close();
  });

  it('any other failure of the narrowed call stays an error', async () => {
    const http = new FakeHttp((req) =>
      scope(req).service === 'rds'
        ? wireError('AwsQueryProtocol', 'AccessDenied', 'not authorized', 403)
        : answer(req),
    );
    const r = new AwsRecollector(new AwsProvider({ type: 'aws', regions: [REGION], max_attempts: 1 }), {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'not-a-secret' }),
      homeRegion: REGION,
      requestHandler: http,
      env: {},
    });
    const c = await r.collectOne({
      cloud: 'aws',
      type: 'aws.rds.db_instance',
      id: 'db-1',
      account: ACCOUNT,
      region: REGION,
    });
    expect(c?.error).toBe('rds:DescribeDBInstances: AccessDenied: not authorized');
    await r.close();
  });
});

describe('cutAnswer', () => {
  it('keeps only the resource in lists of resources, and leaves other answers alone', () => {
    const answer = { Buckets: [{ Name: 'a' }, { Name: 'b' }], Owner: { ID: 'x' }, $metadata: {} };
    expect(cutAnswer('aws.s3.bucket', 'b', answer)).toEqual({
      Buckets: [{ Name: 'b' }],
      Owner: { ID: 'x' },
      $metadata: {},
    });
    const policy = { Policy: '{}' };
    expect(cutAnswer('aws.s3.bucket', 'b', policy)).toEqual(policy);
    const volumes = { Volumes: [{ VolumeId: 'v-1' }] };
    expect(cutAnswer('aws.ec2.instance', 'i-1', volumes)).toEqual(volumes);
    expect(cutAnswer('aws.s3.bucket', 'b', 'text')).toBe('text');
  });
});

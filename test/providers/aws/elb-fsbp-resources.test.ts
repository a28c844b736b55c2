import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { type Answer, callerIdentityAnswer } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import {
  type LocalAws,
  type LocalRequest,
  startLocalAws,
  TEST_ACCESS_KEY,
  useEndpoint,
} from './local-aws.js';
import { queryAnswer } from './query-xml.js';

/**
 * The load balancer facts of the FSBP controls through the whole SDK stack against the fixture
 * endpoint: Classic (API version 2012-06-01) and v2 (2015-12-01) Elastic Load Balancing, both
 * signed for the elasticloadbalancing service, in their query protocol's XML.
 */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const CLASSIC = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const V2 = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

let aws: LocalAws;
let restore: () => void;
let classic: Record<string, (r: LocalRequest) => Answer>;
let v2: Record<string, (r: LocalRequest) => Answer>;

beforeEach(async () => {
  classic = {};
  v2 = {};
  aws = await startLocalAws((r) => {
    if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
    if (r.service !== 'elasticloadbalancing') return undefined;
    const api = r.params.get('Version') === '2012-06-01' ? classic : v2;
    return api[r.action]?.(r);
  });
  restore = useEndpoint(aws.url);
});
afterEach(async () => {
  restore();
  await aws.close();
});

const credentials = async () => ({
  accessKeyId: TEST_ACCESS_KEY,
  secretAccessKey: 'fixture-secret-not-real',
});

async function records(type: string): Promise<ResourceRecord[]> {
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials, homeRegion: REGION },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set([type]) })) batches.push(b);
  const c = batches[0]?.collections.find((x) => x.type === type) as Collection;
  expect(c.error).toBeUndefined();
  const n = normaliseCollection(c);
  expect(n.errors).toEqual([]);
  expect(aws.refused).toEqual([]);
  return n.records;
}

const calls = () => aws.requests.filter((r) => r.service === 'elasticloadbalancing').map((r) => r.action);

describe('Classic Load Balancer facts', () => {
  const description = (name: string, listeners: Record<string, unknown>[], zones: string[]) => ({
    LoadBalancerName: name,
    DNSName: `${name}-1.${REGION}.elb.amazonaws.com`,
    Scheme: 'internet-facing',
    AvailabilityZones: zones,
    ListenerDescriptions: listeners,
  });

  it('reads zones, certificates, attributes, and the predefined policy behind each TLS listener', async () => {
    classic.DescribeLoadBalancers = () =>
      queryAnswer('DescribeLoadBalancers', CLASSIC, {
        LoadBalancerDescriptions: [
          description(
            'shop',
            [
              {
                Listener: {
                  Protocol: 'HTTPS',
                  LoadBalancerPort: 443,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 80,
                  SSLCertificateId: 'arn:aws:iam::111122223333:server-certificate/shop',
                },
                PolicyNames: ['shop-ssl'],
              },
              {
                Listener: {
                  Protocol: 'HTTP',
                  LoadBalancerPort: 80,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 80,
                },
                PolicyNames: [],
              },
            ],
            ['eu-west-1a'],
          ),
          description(
            'plain',
            [
              {
                Listener: {
                  Protocol: 'HTTP',
                  LoadBalancerPort: 80,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 80,
                },
              },
            ],
            ['eu-west-1a', 'eu-west-1b'],
          ),
        ],
      });
    classic.DescribeLoadBalancerAttributes = (r) =>
      queryAnswer('DescribeLoadBalancerAttributes', CLASSIC, {
        LoadBalancerAttributes:
          r.params.get('LoadBalancerName') === 'shop'
            ? {
                AccessLog: { Enabled: false },
                ConnectionDraining: { Enabled: true, Timeout: 300 },
                CrossZoneLoadBalancing: { Enabled: false },
                AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'monitor' }],
              }
            : {
                AccessLog: { Enabled: false },
                ConnectionDraining: { Enabled: false, Timeout: 300 },
                CrossZoneLoadBalancing: { Enabled: true },
              },
      });
    classic.DescribeLoadBalancerPolicies = (r) => {
      expect(r.params.get('LoadBalancerName')).toBe('shop');
      return queryAnswer('DescribeLoadBalancerPolicies', CLASSIC, {
        PolicyDescriptions: [
          {
            PolicyName: 'shop-ssl',
            PolicyTypeName: 'SSLNegotiationPolicyType',
            PolicyAttributeDescriptions: [
              { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' },
              { AttributeName: 'Protocol-TLSv1', AttributeValue: 'true' },
            ],
          },
        ],
      });
    };
    const [shop, plain] = await records('aws.elb.load_balancer');
    expect(shop?.ext).toMatchObject({
      availability_zones: ['eu-west-1a'],
      connection_draining: true,
      cross_zone_load_balancing: false,
      desync_mitigation_mode: 'monitor',
      listener_security_policies: [{ port: 443, policy: 'ELBSecurityPolicy-2016-08' }],
    });
    const listeners = (shop?.ext.listeners ?? []) as { certificate_id: string | null }[];
    expect(listeners[0]?.certificate_id).toBe('arn:aws:iam::111122223333:server-certificate/shop');
    // no TLS listener: no policy call, nothing to judge; the default desync mode when AWS omits it
    expect(plain?.ext).toMatchObject({
      listener_security_policies: [],
      desync_mitigation_mode: 'defensive',
      connection_draining: false,
    });
    expect(calls().filter((a) => a === 'DescribeLoadBalancerPolicies')).toHaveLength(1);
  });

  it('a refused policy call leaves the listener policies unknown, with the reason', async () => {
    classic.DescribeLoadBalancers = () =>
      queryAnswer('DescribeLoadBalancers', CLASSIC, {
        LoadBalancerDescriptions: [
          description(
            'shop',
            [{ Listener: { Protocol: 'SSL', LoadBalancerPort: 443, InstancePort: 443 }, PolicyNames: ['p'] }],
            ['eu-west-1a'],
          ),
        ],
      });
    classic.DescribeLoadBalancerAttributes = () =>
      queryAnswer('DescribeLoadBalancerAttributes', CLASSIC, {
        LoadBalancerAttributes: { AccessLog: { Enabled: true } },
      });
    classic.DescribeLoadBalancerPolicies = () =>
      wireError(
        'AwsQueryProtocol',
        'AccessDenied',
        'not authorized to perform: elasticloadbalancing:DescribeLoadBalancerPolicies',
        403,
      );
    const [shop] = await records('aws.elb.load_balancer');
    expect(shop?.ext.listener_security_policies).toBeNull();
    expect(shop?.ext.unknown_facts).toMatchObject({ policies: expect.stringContaining('AccessDenied') });
  });
});

describe('Application, Network and Gateway Load Balancer facts', () => {
  it('reads zones, deletion protection and the desync mitigation mode', async () => {
    const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
    v2.DescribeLoadBalancers = () =>
      queryAnswer('DescribeLoadBalancers', V2, {
        LoadBalancers: [
          {
            LoadBalancerArn: arn,
            LoadBalancerName: 'web',
            Type: 'application',
            Scheme: 'internet-facing',
            AvailabilityZones: [
              { ZoneName: 'eu-west-1a', SubnetId: 'subnet-a' },
              { ZoneName: 'eu-west-1b', SubnetId: 'subnet-b' },
            ],
          },
        ],
      });
    v2.DescribeListeners = () => queryAnswer('DescribeListeners', V2, { Listeners: [] });
    v2.DescribeLoadBalancerAttributes = () =>
      queryAnswer('DescribeLoadBalancerAttributes', V2, {
        Attributes: [
          { Key: 'deletion_protection.enabled', Value: 'false' },
          { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        ],
      });
    const [web] = await records('aws.elbv2.load_balancer');
    expect(web?.ext).toMatchObject({
      availability_zones: ['eu-west-1a', 'eu-west-1b'],
      deletion_protection: false,
      desync_mitigation_mode: 'strictest',
      drop_invalid_header_fields: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/detect/event.js';
import {
  armResourceId,
  loadBalancerArnOf,
  RESOURCE_EVENTS,
  rawMatches,
  SINGLETON,
  targetsOf,
  valuesAt,
} from '../../src/watch/resource-ids.js';
import { ACCOUNT, GROUP, REGION, trailEvent } from './fixtures.js';

function azureEvent(operation: string, resourceId: unknown): EventRecord {
  return {
    raw: { operationName: operation, resourceId },
    ext: { record_type: 'azure.activity_log.event', source: { file: 'x' } },
    com: {
      cloud_type: 'azure',
      record_type: 'event',
      account: '00000000-aaaa-bbbb-cccc-000000000001',
      region: 'westeurope',
      time: '2026-01-01T00:00:00Z',
      actor: 'a@example.com',
      source_ip: null,
      action: operation,
      outcome: 'success',
      reference: 'e1',
      service: 'network',
      origin_key: 'activity',
      origin_type: 'cloud',
    },
  };
}

describe('valuesAt', () => {
  it('follows dotted paths and array steps, ignoring what is not a string or number', () => {
    const o = { a: { items: [{ b: 'x' }, { b: 2 }, { b: null }, { c: 'no' }] }, s: '  ' };
    expect(valuesAt(o, 'a.items[].b')).toEqual(['x', '2']);
    expect(valuesAt(o, 'a.missing.b')).toEqual([]);
    expect(valuesAt(o, 's')).toEqual([]);
    expect(valuesAt(null, 'a')).toEqual([]);
    expect(valuesAt({ a: 'not an array' }, 'a[].b')).toEqual([]);
  });
});

describe('targetsOf: where the resource id sits in an event', () => {
  it('security group events name the group in requestParameters.groupId', () => {
    for (const name of [
      'AuthorizeSecurityGroupIngress',
      'RevokeSecurityGroupIngress',
      'DeleteSecurityGroup',
    ]) {
      expect(targetsOf(trailEvent(name, { groupId: GROUP }))).toEqual([
        { cloud: 'aws', type: 'aws.ec2.security_group', id: GROUP, account: ACCOUNT, region: REGION },
      ]);
    }
  });

  it('ModifySecurityGroupRules nests the id; CreateSecurityGroup answers it', () => {
    const mod = trailEvent('ModifySecurityGroupRules', {
      ModifySecurityGroupRulesRequest: { GroupId: GROUP },
    });
    expect(targetsOf(mod).map((t) => t.id)).toEqual([GROUP]);
    const created = trailEvent(
      'CreateSecurityGroup',
      { groupName: 'x' },
      { responseElements: { groupId: 'sg-new' } },
    );
    expect(targetsOf(created).map((t) => t.id)).toEqual(['sg-new']);
  });

  it('S3 events name the bucket, collected account-wide', () => {
    const ev = trailEvent(
      'PutBucketPolicy',
      { bucketName: 'example-bucket' },
      { source: 's3.amazonaws.com' },
    );
    expect(targetsOf(ev)).toEqual([
      { cloud: 'aws', type: 'aws.s3.bucket', id: 'example-bucket', account: ACCOUNT, region: 'global' },
    ]);
  });

  it('CloudTrail events give a name or an ARN; the ARN becomes the name', () => {
    const byArn = trailEvent('StopLogging', {
      name: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
    });
    expect(targetsOf(byArn).map((t) => [t.type, t.id])).toEqual([['aws.cloudtrail.trail', 'org-trail']]);
    const byName = trailEvent('UpdateTrail', { name: 'management-events', isMultiRegionTrail: false });
    expect(targetsOf(byName).map((t) => t.id)).toEqual(['management-events']);
  });

  it('RunInstances yields every instance it started', () => {
    const ev = trailEvent(
      'RunInstances',
      { instanceType: 't3.micro' },
      {
        responseElements: { instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }] } },
      },
    );
    expect(targetsOf(ev).map((t) => t.id)).toEqual(['i-1', 'i-2']);
  });

  it('account settings are singletons of their scope', () => {
    const ev = trailEvent('DisableEbsEncryptionByDefault', {});
    expect(targetsOf(ev)).toEqual([
      {
        cloud: 'aws',
        type: 'aws.ec2.ebs_encryption_default',
        id: SINGLETON,
        account: ACCOUNT,
        region: REGION,
      },
    ]);
    expect(targetsOf(trailEvent('UpdateAccountPasswordPolicy', {}))[0]?.region).toBe('global');
  });

  it('ELB classic and v2 share event names and are told apart by the field present', () => {
    const v2 = trailEvent('ModifyLoadBalancerAttributes', {
      loadBalancerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    });
    expect(targetsOf(v2).map((t) => t.type)).toEqual(['aws.elbv2.load_balancer']);
    const classic = trailEvent('ModifyLoadBalancerAttributes', { loadBalancerName: 'legacy' });
    expect(targetsOf(classic).map((t) => [t.type, t.id])).toEqual([['aws.elb.load_balancer', 'legacy']]);
    const listener = trailEvent('ModifyListener', {
      listenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    });
    expect(targetsOf(listener)[0]?.id).toBe(
      `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    );
  });

  it('a failed call, an unknown event or a missing id yields nothing', () => {
    expect(
      targetsOf(
        trailEvent('AuthorizeSecurityGroupIngress', { groupId: GROUP }, { errorCode: 'AccessDenied' }),
      ),
    ).toEqual([]);
    expect(targetsOf(trailEvent('DescribeInstances', {}))).toEqual([]);
    expect(targetsOf(trailEvent('AuthorizeSecurityGroupIngress', null))).toEqual([]);
    expect(targetsOf(trailEvent('AuthorizeSecurityGroupIngress', { groupId: 42 }))[0]?.id).toBe('42');
    expect(targetsOf(trailEvent('PutBucketPolicy', { bucketName: ['a'] }))).toEqual([]);
  });

  it('Azure write operations on a child resource recheck its parent, by ARM id in lower case', () => {
    const id =
      '/subscriptions/00000000-aaaa-bbbb-cccc-000000000001/resourceGroups/RG/providers/Microsoft.Network/networkSecurityGroups/web-nsg/securityRules/ssh';
    const [t] = targetsOf(azureEvent('Microsoft.Network/networkSecurityGroups/securityRules/write', id));
    expect(t?.type).toBe('azure.network.nsg');
    expect(t?.id).toBe(armResourceId(id));
    expect(t?.id.endsWith('networksecuritygroups/web-nsg')).toBe(true);
    expect(targetsOf(azureEvent('Microsoft.Network/networkSecurityGroups/write', 'not an ARM id'))).toEqual(
      [],
    );
  });

  it('loadBalancerArnOf refuses what is not an ELBv2 ARN', () => {
    expect(loadBalancerArnOf('arn:aws:s3:::bucket')).toBeUndefined();
  });
});

describe('rawMatches', () => {
  it('matches a collected item on the ids it carries', () => {
    expect(rawMatches('aws.ec2.security_group', { item: { GroupId: GROUP } }, GROUP)).toBe(true);
    expect(rawMatches('aws.ec2.security_group', { item: { GroupId: 'sg-other' } }, GROUP)).toBe(false);
    expect(rawMatches('aws.ec2.security_group', { item: null }, GROUP)).toBe(false);
    expect(rawMatches('aws.cloudtrail.trail', { item: { Name: 't', TrailARN: 'arn:x' } }, 't')).toBe(true);
    expect(rawMatches('aws.iam.password_policy', { item: null }, SINGLETON)).toBe(true);
    expect(rawMatches('no.such.type', { item: {} }, 'x')).toBe(false);
    expect(
      rawMatches(
        'azure.network.nsg',
        {
          item: {
            id: '/subscriptions/S/resourceGroups/R/providers/Microsoft.Network/networkSecurityGroups/N',
          },
        },
        '/subscriptions/s/resourcegroups/r/providers/microsoft.network/networksecuritygroups/n',
      ),
    ).toBe(true);
  });

  it('every table entry names a collector type the normalisers know', async () => {
    const { normaliserFor } = await import('../../src/providers/normalisers.js');
    for (const e of RESOURCE_EVENTS) expect(normaliserFor(e.type), e.type).toBeDefined();
  });
});

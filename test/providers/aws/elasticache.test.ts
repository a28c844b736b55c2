import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { callerIdentityAnswer } from './fixture-endpoint.js';
import { fakeCredentials, wireError } from './helpers.js';
import { type LocalAws, type LocalRequest, startLocalAws, useEndpoint } from './local-aws.js';

/** ElastiCache replication groups and cache clusters through the query protocol, in ElastiCache's XML. */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';
const answer = (action: string, result: string) => ({
  body: `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`,
  headers: { 'content-type': 'text/xml' },
});
const arn = (kind: string, id: string) => `arn:aws:elasticache:${REGION}:${ACCOUNT}:${kind}:${id}`;

function elasticache(req: LocalRequest) {
  if (req.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (req.service !== 'elasticache') return undefined;
  if (req.action === 'DescribeReplicationGroups')
    return answer(
      req.action,
      `<ReplicationGroups>
        <ReplicationGroup><ReplicationGroupId>sessions</ReplicationGroupId><ARN>${arn('replicationgroup', 'sessions')}</ARN><Engine>valkey</Engine>
          <AutomaticFailover>enabled</AutomaticFailover><MultiAZ>enabled</MultiAZ><AtRestEncryptionEnabled>true</AtRestEncryptionEnabled>
          <TransitEncryptionEnabled>true</TransitEncryptionEnabled><AuthTokenEnabled>false</AuthTokenEnabled>
          <UserGroupIds><member>app-users</member></UserGroupIds><SnapshotRetentionLimit>7</SnapshotRetentionLimit></ReplicationGroup>
        <ReplicationGroup><ReplicationGroupId>legacy</ReplicationGroupId><ARN>${arn('replicationgroup', 'legacy')}</ARN>
          <AutomaticFailover>disabled</AutomaticFailover><SnapshotRetentionLimit>0</SnapshotRetentionLimit></ReplicationGroup>
      </ReplicationGroups>`,
    );
  if (req.action === 'DescribeCacheClusters')
    return answer(
      req.action,
      `<CacheClusters>
        <CacheCluster><CacheClusterId>sessions-001</CacheClusterId><ARN>${arn('cluster', 'sessions-001')}</ARN><Engine>valkey</Engine><EngineVersion>7.2</EngineVersion>
          <ReplicationGroupId>sessions</ReplicationGroupId><AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade><CacheSubnetGroupName>cache-private</CacheSubnetGroupName><SnapshotRetentionLimit>7</SnapshotRetentionLimit></CacheCluster>
        <CacheCluster><CacheClusterId>memo</CacheClusterId><ARN>${arn('cluster', 'memo')}</ARN><Engine>memcached</Engine><EngineVersion>1.6.22</EngineVersion>
          <AutoMinorVersionUpgrade>false</AutoMinorVersionUpgrade><CacheSubnetGroupName>default</CacheSubnetGroupName></CacheCluster>
      </CacheClusters>`,
    );
  return wireError('AwsQueryProtocol', 'InvalidAction', req.action);
}

const TYPES = ['aws.elasticache.replication_group', 'aws.elasticache.cache_cluster'];
let aws: LocalAws;
let restore: () => void;
const records = new Map<string, ResourceRecord[]>();
beforeAll(async () => {
  aws = await startLocalAws(elasticache);
  restore = useEndpoint(aws.url);
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials: fakeCredentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(TYPES) })) batches.push(b);
  for (const c of batches[0]?.collections ?? []) {
    expect(c.error, c.type).toBeUndefined();
    const n = normaliseCollection(c);
    expect(n.errors).toEqual([]);
    records.set(c.type, n.records);
  }
});
afterAll(async () => {
  restore();
  await aws.close();
});

describe('ElastiCache collectors', () => {
  it('read replication groups, with absent flags as off', () => {
    const keys = [
      'engine',
      'automatic_failover_enabled',
      'at_rest_encryption',
      'transit_encryption',
      'auth_token',
      'user_groups',
    ];
    expect(
      records
        .get('aws.elasticache.replication_group')
        ?.map((r) => [r.com.name, ...keys.map((k) => r.ext[k])]),
    ).toEqual([
      ['sessions', 'valkey', true, true, true, false, ['app-users']],
      ['legacy', 'redis', false, false, false, false, []],
    ]);
  });

  it('read cache clusters', () => {
    const keys = ['engine', 'auto_minor_version_upgrade', 'subnet_group', 'snapshot_retention_days'];
    expect(
      records.get('aws.elasticache.cache_cluster')?.map((r) => [r.com.name, ...keys.map((k) => r.ext[k])]),
    ).toEqual([
      ['sessions-001', 'valkey', true, 'cache-private', 7],
      ['memo', 'memcached', false, 'default', null],
    ]);
    expect(aws.refused).toEqual([]);
  });

  it('declare the permissions their calls need', () => {
    expect(awsPolicy(TYPES).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'elasticache:DescribeCacheClusters',
      'elasticache:DescribeReplicationGroups',
    ]);
  });
});

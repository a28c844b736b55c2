import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { callerIdentityAnswer } from './fixture-endpoint.js';
import { fakeCredentials, wireError } from './helpers.js';
import { type LocalAws, type LocalRequest, startLocalAws, useEndpoint } from './local-aws.js';

/**
 * The RDS cluster, snapshot and event subscription types through the SDK's query protocol
 * against a local endpoint answering in RDS's XML (element names as the RDS API reference and
 * the recorded answers in ../shared/data/config give them).
 */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const arn = (kind: string, id: string) => `arn:aws:rds:${REGION}:${ACCOUNT}:${kind}:${id}`;
const answer = (action: string, result: string) => ({
  body: `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`,
  headers: { 'content-type': 'text/xml' },
});
const members = (tag: string, values: string[]) => values.map((v) => `<${tag}>${v}</${tag}>`).join('');

const CLUSTERS = `<DBClusters>
  <DBCluster><DBClusterIdentifier>ledger</DBClusterIdentifier><DBClusterArn>${arn('cluster', 'ledger')}</DBClusterArn>
    <Engine>aurora-mysql</Engine><EngineVersion>8.0.mysql_aurora.3.05.2</EngineVersion><EngineMode>provisioned</EngineMode>
    <DeletionProtection>true</DeletionProtection><IAMDatabaseAuthenticationEnabled>false</IAMDatabaseAuthenticationEnabled>
    <BacktrackWindow>86400</BacktrackWindow><MultiAZ>true</MultiAZ><CopyTagsToSnapshot>true</CopyTagsToSnapshot>
    <MasterUsername>admin</MasterUsername><StorageEncrypted>true</StorageEncrypted><Port>3306</Port>
    <EnabledCloudwatchLogsExports>${members('member', ['audit', 'error'])}</EnabledCloudwatchLogsExports>
    <AvailabilityZones>${members('AvailabilityZone', ['eu-west-1a', 'eu-west-1b'])}</AvailabilityZones>
    <DBClusterMembers><DBClusterMember><DBInstanceIdentifier>ledger-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers>
    <BackupRetentionPeriod>7</BackupRetentionPeriod></DBCluster>
  <DBCluster><DBClusterIdentifier>docs</DBClusterIdentifier><DBClusterArn>${arn('cluster', 'docs')}</DBClusterArn>
    <Engine>docdb</Engine><StorageEncrypted>false</StorageEncrypted><MultiAZ>false</MultiAZ><MasterUsername>docs_owner</MasterUsername></DBCluster>
</DBClusters>`;

const SNAPSHOTS = `<DBSnapshots>
  <DBSnapshot><DBSnapshotIdentifier>orders-manual</DBSnapshotIdentifier><DBSnapshotArn>${arn('snapshot', 'orders-manual')}</DBSnapshotArn>
    <DBInstanceIdentifier>orders</DBInstanceIdentifier><SnapshotType>manual</SnapshotType><Engine>postgres</Engine><Encrypted>false</Encrypted></DBSnapshot>
  <DBSnapshot><DBSnapshotIdentifier>rds:orders-2026-12-05-03-10</DBSnapshotIdentifier><DBSnapshotArn>${arn('snapshot', 'rds:orders-2026-12-05-03-10')}</DBSnapshotArn>
    <DBInstanceIdentifier>orders</DBInstanceIdentifier><SnapshotType>automated</SnapshotType><Engine>postgres</Engine><Encrypted>true</Encrypted></DBSnapshot>
</DBSnapshots>`;

const SNAPSHOT_ATTRIBUTES = `<DBSnapshotAttributesResult><DBSnapshotIdentifier>orders-manual</DBSnapshotIdentifier><DBSnapshotAttributes>
  <DBSnapshotAttribute><AttributeName>restore</AttributeName><AttributeValues>${members('AttributeValue', ['all'])}</AttributeValues></DBSnapshotAttribute>
</DBSnapshotAttributes></DBSnapshotAttributesResult>`;

const CLUSTER_SNAPSHOTS = `<DBClusterSnapshots>
  <DBClusterSnapshot><DBClusterSnapshotIdentifier>ledger-before-upgrade</DBClusterSnapshotIdentifier><DBClusterSnapshotArn>${arn('cluster-snapshot', 'ledger-before-upgrade')}</DBClusterSnapshotArn>
    <DBClusterIdentifier>ledger</DBClusterIdentifier><SnapshotType>manual</SnapshotType><Engine>aurora-mysql</Engine><StorageEncrypted>true</StorageEncrypted></DBClusterSnapshot>
</DBClusterSnapshots>`;

const SUBSCRIPTIONS = `<EventSubscriptionsList>
  <EventSubscription><CustSubscriptionId>dba-alerts</CustSubscriptionId><EventSubscriptionArn>${arn('es', 'dba-alerts')}</EventSubscriptionArn>
    <SnsTopicArn>arn:aws:sns:${REGION}:${ACCOUNT}:dba</SnsTopicArn><Status>active</Status><SourceType>db-instance</SourceType>
    <EventCategoriesList>${members('EventCategory', ['failure', 'maintenance'])}</EventCategoriesList><Enabled>true</Enabled></EventSubscription>
</EventSubscriptionsList>`;

function rds(req: LocalRequest) {
  if (req.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (req.service !== 'rds') return undefined;
  switch (req.action) {
    case 'DescribeDBClusters':
      return answer(req.action, CLUSTERS);
    case 'DescribeDBSnapshots':
      return answer(req.action, SNAPSHOTS);
    case 'DescribeDBSnapshotAttributes':
      return req.params.get('DBSnapshotIdentifier') === 'orders-manual'
        ? answer(req.action, SNAPSHOT_ATTRIBUTES)
        : wireError('AwsQueryProtocol', 'DBSnapshotNotFound', 'no such snapshot', 404);
    case 'DescribeDBClusterSnapshots':
      return answer(req.action, CLUSTER_SNAPSHOTS);
    case 'DescribeDBClusterSnapshotAttributes':
      return wireError(
        'AwsQueryProtocol',
        'AccessDenied',
        'not authorized to perform rds:DescribeDBClusterSnapshotAttributes',
        403,
      );
    case 'DescribeEventSubscriptions':
      return answer(req.action, SUBSCRIPTIONS);
    default:
      return undefined;
  }
}

const TYPES = [
  'aws.rds.db_cluster',
  'aws.rds.db_snapshot',
  'aws.rds.db_cluster_snapshot',
  'aws.rds.event_subscription',
];

let aws: LocalAws;
let restore: () => void;
let records: Map<string, ResourceRecord[]>;
beforeAll(async () => {
  aws = await startLocalAws(rds);
  restore = useEndpoint(aws.url);
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials: fakeCredentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(TYPES) })) batches.push(b);
  records = new Map();
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

const ext = (type: string, keys: string[]) =>
  (records.get(type) ?? []).map((r) => [r.com.name, ...keys.map((k) => r.ext[k])]);

describe('RDS clusters, snapshots and event subscriptions through the query protocol', () => {
  it('reads clusters from the listing alone, DocumentDB ones included', () => {
    expect(
      ext('aws.rds.db_cluster', [
        'engine',
        'deletion_protection',
        'iam_auth',
        'backtrack_window_seconds',
        'master_username',
        'log_exports',
      ]),
    ).toEqual([
      ['ledger', 'aurora-mysql', true, false, 86400, 'admin', ['audit', 'error']],
      ['docs', 'docdb', null, null, 0, 'docs_owner', []],
    ]);
    expect(records.get('aws.rds.db_cluster')?.[0]?.com.reference).toBe(arn('cluster', 'ledger'));
  });

  it('reads the restore attribute of manual snapshots only, and an unreadable one as unknown', () => {
    expect(ext('aws.rds.db_snapshot', ['snapshot_type', 'encrypted', 'shared_with', 'public'])).toEqual([
      ['orders-manual', 'manual', false, ['all'], true],
      ['rds:orders-2026-12-05-03-10', 'automated', true, [], false],
    ]);
    expect(aws.count()['rds:DescribeDBSnapshotAttributes']).toBe(1);
    const [snap] = records.get('aws.rds.db_cluster_snapshot') ?? [];
    expect(snap?.ext).toMatchObject({ encrypted: true, shared_with: null, public: null });
    expect(snap?.ext.unknown_facts).toMatchObject({ attributes: expect.stringContaining('AccessDenied') });
  });

  it('reads event subscriptions with their categories', () => {
    expect(ext('aws.rds.event_subscription', ['source_type', 'event_categories', 'enabled'])).toEqual([
      ['dba-alerts', 'db-instance', ['failure', 'maintenance'], true],
    ]);
    expect(aws.refused).toEqual([]);
  });

  it('declares the permissions its calls need', () => {
    expect(awsPolicy(TYPES).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'rds:DescribeDBClusterSnapshotAttributes',
      'rds:DescribeDBClusterSnapshots',
      'rds:DescribeDBClusters',
      'rds:DescribeDBSnapshotAttributes',
      'rds:DescribeDBSnapshots',
      'rds:DescribeEventSubscriptions',
    ]);
  });
});

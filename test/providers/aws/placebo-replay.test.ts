import { existsSync, readFileSync } from 'node:fs';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  DescribeEventSubscriptionsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  DescribeClusterParametersCommand,
  DescribeClustersCommand,
  DescribeLoggingStatusCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import type { Collector, RawItem } from '../../../src/providers/aws/collector.js';
import { collectorByType } from '../../../src/providers/aws/collectors/index.js';
import { normaliseCollection, normaliserFor } from '../../../src/providers/normalisers.js';
import { context, sdkError } from './helpers.js';

/**
 * Replays responses that Cloud Custodian recorded from real AWS accounts (boto "placebo" files)
 * through the collectors, then the normalisers: proof that both read real response shapes.
 */
const FILE = new URL(
  '../../../../shared/data/config/cloud-custodian/aws_placebo_responses.jsonl',
  import.meta.url,
);
const present = existsSync(FILE);
if (!present) console.log(`skipping placebo replay: ${FILE.pathname} is absent`);

interface Recorded {
  status: number;
  data: Record<string, unknown>;
}

/** boto's JSON encoding of datetimes -> Date; ResponseMetadata dropped. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if (o.__class__ === 'datetime') {
    const n = (k: string) => Number(o[k] ?? 0);
    return new Date(
      Date.UTC(
        n('year'),
        n('month') - 1,
        n('day'),
        n('hour'),
        n('minute'),
        n('second'),
        n('microsecond') / 1000,
      ),
    );
  }
  return Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => k !== 'ResponseMetadata')
      .map(([k, x]) => [k, revive(x)]),
  );
}

function load(): Map<string, Map<string, Recorded[]>> {
  const byDir = new Map<string, Map<string, Recorded[]>>();
  if (!present) return byDir;
  const lines = readFileSync(FILE, 'utf8').split('\n');
  const rows: { dir: string; op: string; seq: number; rec: Recorded }[] = [];
  for (const line of lines) {
    if (!line) continue;
    const d = JSON.parse(line) as {
      test_dir: string;
      service?: string;
      operation?: string;
      seq?: number;
      content?: unknown;
    };
    if (!d.service || !d.operation || typeof d.content !== 'object' || d.content === null) continue;
    const c = d.content as { status_code?: number; data?: Record<string, unknown> };
    rows.push({
      dir: d.test_dir,
      op: `${d.service}.${d.operation}`,
      seq: d.seq ?? 0,
      rec: { status: c.status_code ?? 200, data: c.data ?? {} },
    });
  }
  rows.sort((a, b) => a.seq - b.seq);
  for (const r of rows) {
    let ops = byDir.get(r.dir);
    if (!ops) {
      ops = new Map();
      byDir.set(r.dir, ops);
    }
    const list = ops.get(r.op) ?? [];
    list.push(r.rec);
    ops.set(r.op, list);
  }
  return byDir;
}

const recorded = load();

// biome-ignore lint/suspicious/noExplicitAny: the stubs of many different clients in one table
type AnyStub = AwsStub<any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: command classes of many clients
type AnyCommand = new (input: any) => any;

const CLIENTS = {
  ec2: EC2Client,
  s3: S3Client,
  rds: RDSClient,
  logs: CloudWatchLogsClient,
  cloudfront: CloudFrontClient,
  iam: IAMClient,
  cloudtrail: CloudTrailClient,
  kms: KMSClient,
  config: ConfigServiceClient,
  elasticfilesystem: EFSClient,
  dynamodb: DynamoDBClient,
  redshift: RedshiftClient,
  elasticache: ElastiCacheClient,
} as const;
const stubs: Record<string, AnyStub> = Object.fromEntries(
  Object.entries(CLIENTS).map(([service, Client]) => [service, mockClient(Client as never)]),
);
afterAll(() => {
  for (const s of Object.values(stubs)) s.restore();
});

/** Serve one operation from the recording, in order, repeating the last answer; missing = AccessDenied. */
function serve(
  service: string,
  op: string,
  command: AnyCommand,
  ops: Map<string, Recorded[]>,
  fallback?: unknown,
) {
  const queue = [...(ops.get(`${service}.${op}`) ?? [])];
  let last: Recorded | undefined;
  // a recorded error answer goes through the SDK's own deserialiser, as it would in a scan
  const raise = (input: unknown, code: string, message: string, status: number) =>
    sdkError(CLIENTS[service as keyof typeof CLIENTS], new command(input), code, message, status);
  (stubs[service] as AnyStub).on(command).callsFake(async (input: unknown) => {
    const r = queue.shift() ?? last;
    last = r;
    if (!r) {
      if (fallback !== undefined) return fallback;
      throw await raise(input, 'AccessDenied', `${op} was not recorded`, 403);
    }
    if (r.status >= 400) {
      const e = (r.data.Error ?? {}) as { Code?: string; Message?: string };
      throw await raise(input, e.Code ?? 'Error', e.Message ?? '', r.status);
    }
    const data = revive(r.data) as Record<string, unknown>;
    if (op === 'GetCredentialReport' && typeof data.Content === 'string') {
      data.Content = new TextEncoder().encode(data.Content);
    }
    return data;
  });
}

interface Case {
  type: string;
  service: string;
  list: string;
  /** the list answer -> how many items it holds */
  count: (data: Record<string, unknown>) => number;
  ops: [string, string, AnyCommand, unknown?][];
  region?: string;
}

const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);

const CASES: Case[] = [
  {
    type: 'aws.ec2.security_group',
    service: 'ec2',
    list: 'DescribeSecurityGroups',
    count: (d) => len(d.SecurityGroups),
    ops: [['ec2', 'DescribeSecurityGroups', DescribeSecurityGroupsCommand]],
  },
  {
    type: 'aws.ec2.instance',
    service: 'ec2',
    list: 'DescribeInstances',
    count: (d) =>
      (d.Reservations as { Instances?: unknown[] }[] | undefined)?.reduce(
        (n, r) => n + len(r.Instances),
        0,
      ) ?? 0,
    ops: [
      ['ec2', 'DescribeInstances', DescribeInstancesCommand],
      ['ec2', 'DescribeVolumes', DescribeVolumesCommand, { Volumes: [] }],
    ],
  },
  {
    type: 'aws.ec2.volume',
    service: 'ec2',
    list: 'DescribeVolumes',
    count: (d) => len(d.Volumes),
    ops: [['ec2', 'DescribeVolumes', DescribeVolumesCommand]],
  },
  {
    type: 'aws.rds.db_instance',
    service: 'rds',
    list: 'DescribeDBInstances',
    count: (d) => len(d.DBInstances),
    ops: [
      ['rds', 'DescribeDBInstances', DescribeDBInstancesCommand],
      ['rds', 'DescribeDBParameters', DescribeDBParametersCommand],
    ],
  },
  {
    type: 'aws.rds.db_cluster',
    service: 'rds',
    list: 'DescribeDBClusters',
    count: (d) => len(d.DBClusters),
    ops: [['rds', 'DescribeDBClusters', DescribeDBClustersCommand]],
  },
  {
    type: 'aws.rds.db_snapshot',
    service: 'rds',
    list: 'DescribeDBSnapshots',
    count: (d) => len(d.DBSnapshots),
    ops: [
      ['rds', 'DescribeDBSnapshots', DescribeDBSnapshotsCommand],
      ['rds', 'DescribeDBSnapshotAttributes', DescribeDBSnapshotAttributesCommand],
    ],
  },
  {
    type: 'aws.rds.db_cluster_snapshot',
    service: 'rds',
    list: 'DescribeDBClusterSnapshots',
    count: (d) => len(d.DBClusterSnapshots),
    ops: [
      ['rds', 'DescribeDBClusterSnapshots', DescribeDBClusterSnapshotsCommand],
      ['rds', 'DescribeDBClusterSnapshotAttributes', DescribeDBClusterSnapshotAttributesCommand],
    ],
  },
  {
    type: 'aws.rds.event_subscription',
    service: 'rds',
    list: 'DescribeEventSubscriptions',
    count: (d) => len(d.EventSubscriptionsList),
    ops: [['rds', 'DescribeEventSubscriptions', DescribeEventSubscriptionsCommand]],
  },
  {
    type: 'aws.dynamodb.table',
    service: 'dynamodb',
    list: 'ListTables',
    count: (d) => len(d.TableNames),
    ops: [
      ['dynamodb', 'ListTables', ListTablesCommand],
      ['dynamodb', 'DescribeTable', DescribeTableCommand],
      ['dynamodb', 'DescribeContinuousBackups', DescribeContinuousBackupsCommand],
    ],
  },
  {
    type: 'aws.redshift.cluster',
    service: 'redshift',
    list: 'DescribeClusters',
    count: (d) => len(d.Clusters),
    ops: [
      ['redshift', 'DescribeClusters', DescribeClustersCommand],
      ['redshift', 'DescribeLoggingStatus', DescribeLoggingStatusCommand],
      ['redshift', 'DescribeClusterParameters', DescribeClusterParametersCommand],
    ],
  },
  {
    type: 'aws.elasticache.replication_group',
    service: 'elasticache',
    list: 'DescribeReplicationGroups',
    count: (d) => len(d.ReplicationGroups),
    ops: [['elasticache', 'DescribeReplicationGroups', DescribeReplicationGroupsCommand]],
  },
  {
    type: 'aws.elasticache.cache_cluster',
    service: 'elasticache',
    list: 'DescribeCacheClusters',
    count: (d) => len(d.CacheClusters),
    ops: [['elasticache', 'DescribeCacheClusters', DescribeCacheClustersCommand]],
  },
  {
    type: 'aws.logs.log_group',
    service: 'logs',
    list: 'DescribeLogGroups',
    count: (d) => len(d.logGroups),
    ops: [['logs', 'DescribeLogGroups', DescribeLogGroupsCommand]],
  },
  {
    type: 'aws.logs.metric_filter',
    service: 'logs',
    list: 'DescribeMetricFilters',
    count: (d) => len(d.metricFilters),
    ops: [['logs', 'DescribeMetricFilters', DescribeMetricFiltersCommand]],
  },
  {
    type: 'aws.cloudfront.distribution',
    service: 'cloudfront',
    list: 'ListDistributions',
    count: (d) => len((d.DistributionList as { Items?: unknown[] } | undefined)?.Items),
    ops: [['cloudfront', 'ListDistributions', ListDistributionsCommand]],
    region: 'global',
  },
  {
    type: 'aws.s3.bucket',
    service: 's3',
    list: 'ListBuckets',
    count: (d) => len(d.Buckets),
    ops: [
      ['s3', 'ListBuckets', ListBucketsCommand],
      ['s3', 'GetBucketLocation', GetBucketLocationCommand],
      ['s3', 'GetPublicAccessBlock', GetPublicAccessBlockCommand],
      ['s3', 'GetBucketEncryption', GetBucketEncryptionCommand],
      ['s3', 'GetBucketVersioning', GetBucketVersioningCommand],
      ['s3', 'GetBucketPolicyStatus', GetBucketPolicyStatusCommand],
      ['s3', 'GetBucketPolicy', GetBucketPolicyCommand],
      ['s3', 'GetBucketAcl', GetBucketAclCommand],
      ['s3', 'GetBucketLogging', GetBucketLoggingCommand],
    ],
    region: 'global',
  },
  {
    type: 'aws.iam.credential_report',
    service: 'iam',
    list: 'GetCredentialReport',
    count: (d) =>
      String(d.Content ?? '')
        .trim()
        .split('\n').length - 1,
    ops: [
      ['iam', 'GenerateCredentialReport', GenerateCredentialReportCommand, { State: 'COMPLETE' }],
      ['iam', 'GetCredentialReport', GetCredentialReportCommand],
    ],
    region: 'global',
  },
  {
    type: 'aws.iam.password_policy',
    service: 'iam',
    list: 'GetAccountPasswordPolicy',
    count: () => 1,
    ops: [['iam', 'GetAccountPasswordPolicy', GetAccountPasswordPolicyCommand]],
    region: 'global',
  },
  {
    type: 'aws.kms.key',
    service: 'kms',
    list: 'ListKeys',
    count: (d) => len(d.Keys),
    ops: [
      ['kms', 'ListKeys', ListKeysCommand],
      ['kms', 'DescribeKey', DescribeKeyCommand],
      ['kms', 'GetKeyRotationStatus', GetKeyRotationStatusCommand],
    ],
  },
  {
    type: 'aws.config.recorders',
    service: 'config',
    list: 'DescribeConfigurationRecorders',
    count: () => 1,
    ops: [
      ['config', 'DescribeConfigurationRecorders', DescribeConfigurationRecordersCommand],
      ['config', 'DescribeConfigurationRecorderStatus', DescribeConfigurationRecorderStatusCommand],
    ],
  },
  {
    type: 'aws.efs.file_system',
    service: 'elasticfilesystem',
    list: 'DescribeFileSystems',
    count: (d) => len(d.FileSystems),
    ops: [['elasticfilesystem', 'DescribeFileSystems', DescribeFileSystemsCommand]],
  },
  {
    type: 'aws.cloudtrail.trail',
    service: 'cloudtrail',
    list: 'DescribeTrails',
    count: (d) => len(d.trailList),
    ops: [
      ['cloudtrail', 'DescribeTrails', DescribeTrailsCommand],
      ['cloudtrail', 'GetTrailStatus', GetTrailStatusCommand],
      ['cloudtrail', 'GetEventSelectors', GetEventSelectorsCommand],
    ],
    region: '*',
  },
];

/** Recorded test directories whose first list answer succeeded, at most `max`. */
function dirsFor(c: Case, max = 6): [string, Map<string, Recorded[]>][] {
  const out: [string, Map<string, Recorded[]>][] = [];
  for (const [dir, ops] of recorded) {
    const first = ops.get(`${c.service}.${c.list}`)?.[0];
    if (first && first.status < 400) out.push([dir, ops]);
    if (out.length >= max) break;
  }
  return out;
}

describe.skipIf(!present)('replay of recorded real AWS responses', () => {
  for (const c of CASES) {
    it(`${c.type} reads recorded ${c.service}.${c.list} answers`, async () => {
      const collector = collectorByType(c.type) as Collector;
      const dirs = dirsFor(c);
      expect(dirs.length, `recordings of ${c.service}.${c.list}`).toBeGreaterThan(0);
      let total = 0;
      for (const [dir, ops] of dirs) {
        for (const s of Object.values(stubs)) s.reset();
        for (const [service, op, command, fallback] of c.ops) serve(service, op, command, ops, fallback);
        const first = revive(ops.get(`${c.service}.${c.list}`)?.[0]?.data ?? {}) as Record<string, unknown>;
        // CloudTrail keeps a trail in its home region: run in the first trail's
        const home =
          (first.trailList as { HomeRegion?: string }[] | undefined)?.[0]?.HomeRegion ?? 'us-east-1';
        const region = c.region === '*' ? home : (c.region ?? 'us-east-1');
        const items: RawItem[] = await collector.run(context(region));
        if (c.region !== '*') expect(items.length, dir).toBe(c.count(first));
        total += items.length;
        if (normaliserFor(c.type)) {
          const { records, errors } = normaliseCollection({
            cloud: 'aws',
            account: '644160558196',
            region,
            type: c.type,
            items,
          });
          expect(errors, dir).toEqual([]);
          expect(records.length, dir).toBeGreaterThanOrEqual(items.length);
        }
      }
      expect(total, 'items replayed').toBeGreaterThan(0);
    });
  }
});

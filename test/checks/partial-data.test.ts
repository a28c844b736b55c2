import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import { runScan } from '../../src/core/engine.js';
import { runScopeCheck } from '../../src/core/evaluate.js';
import { silentLogger } from '../../src/core/logger.js';
import type { AccountBatch, Collection } from '../../src/core/provider.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { ResultRow } from '../../src/store/store.js';
import { rec, scope, unreadable } from './aws/scope.js';

/**
 * One unreadable item (or region) hides nothing else: scope checks report every definite
 * failure among the readable data, and `error` only for what depends on the unreadable part.
 * Raw items are in the shapes the AWS collectors store (GetAccountAuthorizationDetails,
 * DescribeTrails...), run through the real normalisers and engine.
 */

const A = '111122223333';
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READONLY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ALL = encodeURIComponent(
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
);

const col = (type: string, items: Record<string, unknown>[], region = 'global'): Collection => ({
  cloud: 'aws',
  account: A,
  region,
  type,
  items,
});
const failed = (type: string, error: string, region = 'us-east-1'): Collection => ({
  cloud: 'aws',
  account: A,
  region,
  type,
  error,
});

const attached = (...arns: string[]) =>
  arns.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split('/').pop() }));

function user(name: string, u: Record<string, unknown> = {}) {
  return {
    item: {
      UserName: name,
      UserId: `AIDA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${A}:user/${name}`,
      Path: '/',
      CreateDate: '2024-01-01T00:00:00.000Z',
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [],
      ...u,
    },
    mfaDevices: [],
    accessKeys: [],
  };
}
function role(name: string, r: Record<string, unknown> = {}) {
  return {
    item: {
      RoleName: name,
      RoleId: `AROA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${A}:role/${name}`,
      Path: '/',
      CreateDate: '2024-01-01T00:00:00.000Z',
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      InstanceProfileList: [],
      ...r,
    },
  };
}
function group(name: string, g: Record<string, unknown> = {}) {
  return {
    item: {
      GroupName: name,
      GroupId: `AGPA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${A}:group/${name}`,
      Path: '/',
      GroupPolicyList: [],
      AttachedManagedPolicies: [],
      ...g,
    },
  };
}
function policy(name: string, document: string) {
  const version = { Document: document, VersionId: 'v1', IsDefaultVersion: true };
  return {
    item: {
      PolicyName: name,
      PolicyId: `ANPA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${A}:policy/${name}`,
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: [version],
    },
    defaultVersion: version,
  };
}

async function scan(collections: Collection[], checkIds: string[]): Promise<ResultRow[]> {
  const checks = ALL_CHECKS.filter((c) => checkIds.includes(c.id));
  const r = await runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'partial',
    providers: [
      {
        name: 'test',
        async *collect(): AsyncIterable<AccountBatch> {
          yield { cloud: 'aws', account: A, collections };
        },
      },
    ],
    checks,
    params: new Map(checks.map((c) => [c.id, resolveParams(c, undefined)])),
    compliance: new Map(),
    store: await openSqliteStore(':memory:'),
    logger: silentLogger,
  });
  return r.results;
}

const verdicts = (rows: ResultRow[], check: string) =>
  rows
    .filter((r) => r.check_id === check)
    .map((r) => `${r.status} ${r.resource_name}`)
    .sort();

describe('an unreadable IAM policy', () => {
  const FULL_ADMIN = 'aws.iam.no_full_admin_policy_attached';
  // the second policy has no Arn: the normaliser cannot read it, so its ARN is unknown
  const policies = col('aws.iam.policy', [
    policy('everything', ALL),
    { item: { PolicyName: 'broken', AttachmentCount: 1 } },
  ]);
  const principals = [
    col('aws.iam.user', [
      user('alice', { AttachedManagedPolicies: attached(`arn:aws:iam::${A}:policy/everything`) }),
      user('reader', { AttachedManagedPolicies: attached(READONLY_ARN) }),
      user('carol', { AttachedManagedPolicies: attached(`arn:aws:iam::${A}:policy/broken`) }),
    ]),
    col('aws.iam.role', [role('ops', { AttachedManagedPolicies: attached(ADMIN_ARN) })]),
    col('aws.iam.group', [
      group('admins', { GroupPolicyList: [{ PolicyName: 'star', PolicyDocument: ALL }] }),
    ]),
  ];

  it('still reports the three definite admin grants, and error only for the identity that depends on it', async () => {
    const rows = await scan([policies, ...principals], [FULL_ADMIN]);
    expect(verdicts(rows, FULL_ADMIN)).toEqual([
      'error carol',
      'fail admins',
      'fail alice',
      'fail ops',
      'pass reader',
    ]);
    const carol = rows.find((r) => r.resource_name === 'carol');
    expect(carol?.message).toContain(`arn:aws:iam::${A}:policy/broken`);
  });

  it('gives an error for identities that could not be read, next to the definite grants', async () => {
    const rows = await scan(
      [
        col('aws.iam.policy', [policy('everything', ALL)]),
        col('aws.iam.user', [
          user('alice', { AttachedManagedPolicies: attached(`arn:aws:iam::${A}:policy/everything`) }),
          { item: { UserName: 'no-arn' } },
        ]),
        col('aws.iam.role', [role('ops', { AttachedManagedPolicies: attached(ADMIN_ARN) })]),
        col('aws.iam.group', []),
      ],
      [FULL_ADMIN],
    );
    expect(verdicts(rows, FULL_ADMIN)).toEqual(['error aws.iam.user in global', 'fail alice', 'fail ops']);
  });

  it('a failed ListPolicies leaves AWS managed and inline admin grants definite', async () => {
    const rows = await scan(
      [failed('aws.iam.policy', 'iam:ListPolicies AccessDenied: not allowed', 'global'), ...principals],
      [FULL_ADMIN],
    );
    expect(verdicts(rows, FULL_ADMIN)).toEqual([
      'error alice',
      'error carol',
      'fail admins',
      'fail ops',
      'pass reader',
    ]);
  });
});

describe('CloudWatch monitoring with unreadable alarms', () => {
  const ROOT = 'aws.cloudwatch.root_usage_monitored';
  const trail = (t: Record<string, unknown>) => ({
    item: {
      Name: 'main',
      TrailARN: `arn:aws:cloudtrail:us-east-1:${A}:trail/main`,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      ...t,
    },
    status: { IsLogging: true },
    eventSelectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
  });
  const rest = [
    col('aws.logs.metric_filter', [], 'us-east-1'),
    failed('aws.cloudwatch.alarm', 'cloudwatch:DescribeAlarms AccessDenied: not allowed'),
    col('aws.sns.subscription', [], 'us-east-1'),
  ];

  it('fail when no multi-region trail delivers to CloudWatch Logs: that is certain without the alarms', async () => {
    const rows = await scan([col('aws.cloudtrail.trail', [trail({})], 'us-east-1'), ...rest], [ROOT]);
    expect(rows.map((r) => r.status)).toEqual(['fail']);
    expect(rows[0]?.message).toContain('CloudWatch Logs');
  });

  it('fail when no metric filter matches, also certain without the alarms', async () => {
    const rows = await scan(
      [
        col(
          'aws.cloudtrail.trail',
          [
            trail({
              CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${A}:log-group:trail-logs:*`,
            }),
          ],
          'us-east-1',
        ),
        ...rest,
      ],
      [ROOT],
    );
    expect(rows.map((r) => r.status)).toEqual(['fail']);
    expect(rows[0]?.message).toContain('no metric filter');
  });

  it('error when the verdict depends on the alarms', async () => {
    const rows = await scan(
      [
        col(
          'aws.cloudtrail.trail',
          [trail({ CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${A}:log-group:trail-logs:*` })],
          'us-east-1',
        ),
        col(
          'aws.logs.metric_filter',
          [
            {
              item: {
                filterName: 'root',
                logGroupName: 'trail-logs',
                filterPattern:
                  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
                metricTransformations: [{ metricName: 'Root', metricNamespace: 'CIS', metricValue: '1' }],
              },
            },
          ],
          'us-east-1',
        ),
        failed('aws.cloudwatch.alarm', 'cloudwatch:DescribeAlarms AccessDenied: not allowed'),
        col('aws.sns.subscription', [], 'us-east-1'),
      ],
      [ROOT],
    );
    expect(rows.map((r) => r.status)).toEqual(['error']);
    expect(rows[0]?.message).toContain('AccessDenied');
  });
});

/** Every scope check, on an inventory with one part unreadable. */
describe('scope checks on partial data', () => {
  const run = (id: string, ctx: ReturnType<typeof scope>) => {
    const check = ALL_CHECKS.find((c) => c.id === id);
    if (check?.kind !== 'scope') throw new Error(`${id} is not a scope check`);
    return runScopeCheck(check, ctx, resolveParams(check, undefined))
      .map((r) => `${r.status} ${r.resource?.name ?? 'account'}`)
      .sort();
  };
  const EU = 'eu-west-1';
  const trailRec = (ext: Record<string, unknown> = {}, region = 'us-east-1') =>
    rec(
      'aws.cloudtrail.trail',
      {
        is_multi_region: true,
        logging: true,
        management_events: { read: true, write: true },
        s3_bucket: 'trail-logs',
        s3_data_events: { all: { read: false, write: false }, read_buckets: [], write_buckets: [] },
        ...ext,
      },
      { name: 'org', region },
    );
  const bucketRec = (name: string, ext: Record<string, unknown> = {}) =>
    rec('aws.s3.bucket', { access_logging: true, public_access_blocked: false, ...ext }, { name });

  it('AWSCloudShellFullAccess: the holder fails, unreadable roles error', () => {
    const bob = rec(
      'aws.iam.user',
      { attached_policies: [{ name: 'x', arn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }] },
      { name: 'bob' },
    );
    expect(
      run(
        'aws.iam.cloudshell_full_access_restricted',
        scope([bob], A, [unreadable('aws.iam.role', 'global')]),
      ),
    ).toEqual(['error aws.iam.role in global', 'fail bob']);
  });

  it('multi-region trail: one good trail passes whatever another region says', () => {
    const id = 'aws.cloudtrail.multi_region_trail_logging';
    const blind = [unreadable('aws.cloudtrail.trail', EU)];
    expect(run(id, scope([trailRec()], A, blind))).toEqual(['pass account']);
    expect(run(id, scope([trailRec({ is_multi_region: false })], A, blind))).toEqual([
      'error aws.cloudtrail.trail in eu-west-1',
    ]);
  });

  it('trail bucket logging: a bucket that may be among the unreadable ones is an error, not "elsewhere"', () => {
    const id = 'aws.cloudtrail.bucket_access_logging_enabled';
    expect(run(id, scope([trailRec()], A, [unreadable('aws.s3.bucket', 'global')]))).toEqual(['error org']);
    expect(
      run(
        id,
        scope([trailRec(), bucketRec('trail-logs', { access_logging: false })], A, [
          unreadable('aws.cloudtrail.trail', EU),
        ]),
      ),
    ).toEqual(['error aws.cloudtrail.trail in eu-west-1', 'fail org']);
  });

  it('S3 object writes: uncovered buckets error only when an unreadable region may hold their trail', () => {
    const id = 'aws.cloudtrail.s3_object_writes_logged';
    const covering = trailRec({
      s3_data_events: { all: { read: false, write: false }, read_buckets: [], write_buckets: ['a'] },
    });
    expect(
      run(id, scope([covering, bucketRec('a'), bucketRec('b')], A, [unreadable('aws.cloudtrail.trail', EU)])),
    ).toEqual(['error b', 'pass a']);
    expect(run(id, scope([covering, bucketRec('b')], A, [unreadable('aws.s3.bucket', 'global')]))).toEqual([
      'error aws.s3.bucket in global',
      'fail b',
    ]);
  });

  it('RDS reachable from the internet: an open database fails while another region is unreadable', () => {
    const id = 'aws.rds.instance_not_reachable_from_internet';
    const db = (name: string, groups: string[]) =>
      rec(
        'aws.rds.db_instance',
        { port: 5432, vpc_security_groups: groups },
        { name, com: { record_type: 'rdbms', publicly_accessible: true } },
      );
    const group = rec('aws.ec2.security_group', { group_id: 'sg-open' });
    const rule = rec(
      'aws.ec2.security_group_rule',
      { group_id: 'sg-open' },
      {
        com: {
          record_type: 'firewall_rule',
          direction: 'inbound',
          protocol: 'tcp',
          source_addresses: ['0.0.0.0/0'],
          destination_ports: ['5432'],
        },
      },
    );
    expect(
      run(
        id,
        scope([db('open', ['sg-open']), db('hidden', ['sg-gone']), group, rule], A, [
          unreadable('aws.ec2.security_group', 'us-east-1'),
          unreadable('aws.ec2.security_group_rule', 'us-east-1'),
          unreadable('aws.rds.db_instance', EU),
        ]),
      ),
    ).toEqual(['error aws.rds.db_instance in eu-west-1', 'error hidden', 'fail open']);
  });

  it('S3 Block Public Access: the account block covers unreadable buckets; without it they error', () => {
    const id = 'aws.s3.public_access_blocked';
    const account = (all: boolean) => rec('aws.s3.account_public_access_block', { all_blocked: all });
    const blind = [unreadable('aws.s3.bucket', 'global')];
    expect(run(id, scope([account(true), bucketRec('a')], A, blind))).toEqual(['pass a']);
    expect(run(id, scope([account(false), bucketRec('a')], A, blind))).toEqual([
      'error aws.s3.bucket in global',
      'fail a',
    ]);
  });

  it('root user not used: judged on the root row even when another row is unreadable', () => {
    const id = 'aws.iam.root_account_not_used';
    const root = rec(
      'aws.iam.credential_report',
      { is_root: true, password_use_known: true, password_last_used_days: 2, access_keys: [] },
      { name: '<root_account>' },
    );
    const blind = [unreadable('aws.iam.credential_report', 'global')];
    expect(run(id, scope([root], A, blind))).toEqual(['fail account']);
    expect(run(id, scope([], A, blind))).toEqual(['error account']);
  });

  it('monitoring: unreadable metric filters of another region do not hide a missing filter', () => {
    const id = 'aws.cloudwatch.root_usage_monitored';
    const t = trailRec({ cloudwatch_log_group: { name: 'CloudTrail/org', region: 'us-east-1', account: A } });
    expect(run(id, scope([t], A, [unreadable('aws.logs.metric_filter', EU)]))).toEqual(['fail account']);
    expect(run(id, scope([t], A, [unreadable('aws.logs.metric_filter', 'us-east-1')]))).toEqual([
      'error aws.logs.metric_filter in us-east-1',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import bucketLogging from '../../../src/checks/aws/cloudtrail/bucket-access-logging-enabled.js';
import bucketNotPublic from '../../../src/checks/aws/cloudtrail/bucket-not-public.js';
import cloudwatchLogs from '../../../src/checks/aws/cloudtrail/cloudwatch-logs-integrated.js';
import validation from '../../../src/checks/aws/cloudtrail/log-file-validation-enabled.js';
import kms from '../../../src/checks/aws/cloudtrail/logs-encrypted-with-kms.js';
import multiRegion from '../../../src/checks/aws/cloudtrail/multi-region-trail-logging.js';
import reads from '../../../src/checks/aws/cloudtrail/s3-object-reads-logged.js';
import writes from '../../../src/checks/aws/cloudtrail/s3-object-writes-logged.js';
import { runScopeCheck } from '../../../src/core/evaluate.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope, unreadable } from './scope.js';

const NONE = { all: { read: false, write: false }, read_buckets: [], write_buckets: [] };
const trail = (ext: Record<string, unknown> = {}, name = 'org', region = 'us-east-1') =>
  rec(
    'aws.cloudtrail.trail',
    {
      is_multi_region: true,
      logging: true,
      management_events: { read: true, write: true },
      log_file_validation: true,
      kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k',
      s3_bucket: 'trail-logs',
      s3_data_events: NONE,
      ...ext,
    },
    { name, region },
  );
const bucket = (name: string, ext: Record<string, unknown> = {}, region = 'us-east-1') =>
  rec('aws.s3.bucket', { access_logging: true, ...ext }, { name, region });

checkTester(multiRegion, {
  pass: [
    { name: 'multi-region, logging, all management events', input: scope([trail()]) },
    {
      name: 'one good trail among others',
      input: scope([trail({ is_multi_region: false }, 'local'), trail()]),
    },
  ],
  fail: [
    { name: 'no trail', input: scope([]), message: 'no CloudTrail trail' },
    {
      name: 'single-region only',
      input: scope([trail({ is_multi_region: false })]),
      message: 'single-region',
    },
    { name: 'logging stopped', input: scope([trail({ logging: false })]), message: 'not logging' },
    { name: 'write events only', input: scope([trail({ management_events: { read: false, write: true } })]) },
  ],
  error: [
    { name: 'status unreadable', input: scope([trail({ logging: null })]) },
    { name: 'selectors unreadable', input: scope([trail({ management_events: null })]) },
  ],
});

checkTester(validation, {
  pass: [{ name: 'on', input: trail() }],
  fail: [{ name: 'off', input: trail({ log_file_validation: false }) }],
  error: [{ name: 'unknown', input: trail({ log_file_validation: null }) }],
});

checkTester(kms, {
  pass: [{ name: 'SSE-KMS', input: trail() }],
  fail: [{ name: 'SSE-S3 only', input: trail({ kms_key_id: null }) }],
});

checkTester(bucketLogging, {
  pass: [{ name: 'trail bucket logs access', input: scope([trail(), bucket('trail-logs')]) }],
  fail: [
    {
      name: 'trail bucket without access logs',
      input: scope([trail(), bucket('trail-logs', { access_logging: false })]),
      message: 'trail-logs',
    },
    // no trail is no audit log whose access is recorded: not a vacuous pass
    { name: 'no trail at all', input: scope([]), message: 'no CloudTrail trail' },
  ],
  error: [
    {
      name: 'bucket logging unreadable',
      input: scope([trail(), bucket('trail-logs', { access_logging: null })]),
    },
    { name: 'trail bucket unknown', input: scope([trail({ s3_bucket: null })]) },
  ],
});

const all = (read: boolean, write: boolean) => ({ ...NONE, all: { read, write } });
checkTester(writes, {
  pass: [
    {
      name: 'all buckets, read and write',
      input: scope([trail({ s3_data_events: all(true, true) }), bucket('a')]),
    },
    {
      name: 'the bucket by name',
      input: scope([trail({ s3_data_events: { ...NONE, write_buckets: ['a'] } }), bucket('a')]),
    },
    {
      name: 'single-region trail in the bucket region',
      input: scope([trail({ is_multi_region: false, s3_data_events: all(false, true) }), bucket('a')]),
    },
  ],
  fail: [
    { name: 'no data events', input: scope([trail(), bucket('a')]), message: 'a' },
    { name: 'reads only', input: scope([trail({ s3_data_events: all(true, false) }), bucket('a')]) },
    {
      name: 'trail not logging',
      input: scope([trail({ logging: false, s3_data_events: all(true, true) }), bucket('a')]),
    },
    {
      name: 'single-region trail in another region',
      input: scope([
        trail({ is_multi_region: false, s3_data_events: all(true, true) }, 'org', 'eu-west-1'),
        bucket('a'),
      ]),
    },
    {
      name: 'another bucket named',
      input: scope([trail({ s3_data_events: { ...NONE, write_buckets: ['b'] } }), bucket('a')]),
    },
  ],
  error: [{ name: 'selectors unreadable', input: scope([trail({ s3_data_events: null }), bucket('a')]) }],
  not_applicable: [{ name: 'no buckets', input: scope([trail()]) }],
});

checkTester(reads, {
  pass: [
    { name: 'all buckets, reads', input: scope([trail({ s3_data_events: all(true, false) }), bucket('a')]) },
  ],
  fail: [{ name: 'writes only', input: scope([trail({ s3_data_events: all(false, true) }), bucket('a')]) }],
  error: [
    { name: 'selectors unreadable', input: scope([trail({ s3_data_events: null }), bucket('a')]) },
    {
      name: 'the only covering trail unreadable in its region',
      input: scope([bucket('a')], '111122223333', [unreadable('aws.cloudtrail.trail')]),
    },
  ],
});

const LOG_GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*';
checkTester(cloudwatchLogs, {
  pass: [
    {
      name: 'logging to a log group',
      input: trail({ cloudwatch_log_group_arn: LOG_GROUP }),
      message: 'log-group:trail',
    },
  ],
  fail: [
    { name: 'no log group', input: trail({ cloudwatch_log_group_arn: null }), message: 'org' },
    {
      name: 'log group set but the trail is stopped',
      input: trail({ cloudwatch_log_group_arn: LOG_GROUP, logging: false }),
      message: 'not logging',
    },
  ],
  error: [
    {
      name: 'trail status unreadable',
      input: trail({
        cloudwatch_log_group_arn: LOG_GROUP,
        logging: null,
        unknown_facts: { status: 'AccessDeniedException: no' },
      }),
      message: 'AccessDeniedException',
    },
  ],
});

const FLAGS_OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const FLAGS_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const accountBlock = (flags: Record<string, boolean>) =>
  rec('aws.s3.account_public_access_block', { configured: true, flags, all_blocked: false });
const trailBucket = (ext: Record<string, unknown>) =>
  bucket('trail-logs', { public_access_block: FLAGS_OFF, policy_is_public: false, ...ext });
checkTester(bucketNotPublic, {
  pass: [
    {
      name: 'bucket-level block on',
      input: scope([trail(), accountBlock(FLAGS_OFF), trailBucket({ public_access_block: FLAGS_ON })]),
    },
    {
      name: 'account-level block covers a public policy',
      input: scope([trail(), accountBlock(FLAGS_ON), trailBucket({ policy_is_public: true })]),
    },
  ],
  fail: [
    {
      name: 'public policy, nothing restricts it',
      input: scope([trail(), accountBlock(FLAGS_OFF), trailBucket({ policy_is_public: true })]),
      message: 'trail-logs',
    },
  ],
  error: [
    {
      name: 'policy status unreadable, nothing restricts it',
      input: scope([trail(), accountBlock(FLAGS_OFF), trailBucket({ policy_is_public: null })]),
    },
    {
      name: 'bucket block unreadable and the account block off',
      input: scope([
        trail(),
        accountBlock(FLAGS_OFF),
        trailBucket({ public_access_block: null, policy_is_public: false }),
      ]),
    },
    {
      name: 'public policy, the account block not read and the bucket block off',
      input: scope([trail(), trailBucket({ policy_is_public: true })]),
      message: 'public access block',
    },
    { name: 'trail bucket unknown', input: scope([trail({ s3_bucket: null })]) },
    {
      name: 'trail bucket among the unreadable buckets',
      input: scope([trail()], '111122223333', [unreadable('aws.s3.bucket', 'global')]),
    },
  ],
  not_applicable: [{ name: 'no trail', input: scope([]) }],
});

describe('aws.cloudtrail.bucket_not_public without the ACL', () => {
  it('asks a person when public ACLs are not ignored and the ACL is not collected', () => {
    const out = runScopeCheck(
      bucketNotPublic,
      scope([trail(), accountBlock(FLAGS_OFF), trailBucket({})]),
      {},
    );
    expect(out.map((r) => r.status)).toEqual(['manual']);
    expect(out[0]?.message).toContain('AllUsers');
  });
  it('asks where the bucket lives when it is in another account', () => {
    const out = runScopeCheck(bucketNotPublic, scope([trail(), accountBlock(FLAGS_OFF)]), {});
    expect(out.map((r) => r.status)).toEqual(['manual']);
  });
});

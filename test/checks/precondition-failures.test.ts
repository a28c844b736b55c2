import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import { evaluateAccount, runScan } from '../../src/core/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import type { AccountBatch, Collection } from '../../src/core/provider.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

/**
 * A control whose precondition is itself a failure fails: with no trail at all, "trail logs are
 * encrypted", "log files are validated" and "the trail bucket logs access" fail for the account
 * instead of reading "not applicable" (or "pass") in the frameworks.
 */

const A = '111122223333';
const NO_TRAIL_CHECKS = [
  'aws.cloudtrail.logs_encrypted_with_kms',
  'aws.cloudtrail.log_file_validation_enabled',
  'aws.cloudtrail.bucket_access_logging_enabled',
  'aws.cloudtrail.cloudwatch_logs_integrated',
];
const checks = ALL_CHECKS.filter((c) => NO_TRAIL_CHECKS.includes(c.id));
const params = new Map(checks.map((c) => [c.id, resolveParams(c, undefined)]));

const trails = (region: string, items: Record<string, unknown>[]): Collection => ({
  cloud: 'aws',
  account: A,
  region,
  type: 'aws.cloudtrail.trail',
  items,
});
const buckets: Collection = { cloud: 'aws', account: A, region: 'global', type: 'aws.s3.bucket', items: [] };
const trail = {
  item: {
    Name: 'main',
    TrailARN: `arn:aws:cloudtrail:us-east-1:${A}:trail/main`,
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    S3BucketName: 'elsewhere-logs',
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${A}:log-group:trail:*`,
  },
  status: { IsLogging: true },
  eventSelectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
};

async function scan(store: Store, collections: Collection[], at: string) {
  return runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'no-trail',
    providers: [
      {
        name: 'test',
        async *collect(): AsyncIterable<AccountBatch> {
          yield { cloud: 'aws', account: A, collections };
        },
      },
    ],
    checks,
    params,
    compliance: new Map(),
    store,
    logger: silentLogger,
    now: () => new Date(at),
  });
}

describe('with no CloudTrail trail in any region', () => {
  it('the trail controls fail for the account', async () => {
    const r = await scan(
      await openSqliteStore(':memory:'),
      [trails('us-east-1', []), trails('eu-west-1', []), buckets],
      '2026-01-01T00:00:00Z',
    );
    expect(r.results.map((x) => `${x.check_id} ${x.status} ${x.reference}`).sort()).toEqual(
      NO_TRAIL_CHECKS.map((c) => `${c} fail aws:${A}`).sort(),
    );
    expect(r.results.every((x) => x.message.includes('no CloudTrail trail'))).toBe(true);
  });

  it('the account-level failures resolve once a trail exists', async () => {
    const store = await openSqliteStore(':memory:');
    await scan(store, [trails('us-east-1', []), buckets], '2026-01-01T00:00:00Z');
    const r = await scan(store, [trails('us-east-1', [trail]), buckets], '2026-01-02T00:00:00Z');
    const resolved = r.findings.filter((f) => f.com.state === 'resolved').map((f) => f.ext.check_id);
    expect(resolved.sort()).toEqual([...NO_TRAIL_CHECKS].sort());
    expect(r.results.filter((x) => x.reference === `aws:${A}`)).toEqual([]);
  });

  it('say nothing about the account when a region could not be read', async () => {
    const r = await scan(
      await openSqliteStore(':memory:'),
      [
        trails('us-east-1', []),
        {
          cloud: 'aws',
          account: A,
          region: 'eu-west-1',
          type: 'aws.cloudtrail.trail',
          error: 'AccessDenied',
        },
        buckets,
      ],
      '2026-01-01T00:00:00Z',
    );
    expect(r.results.map((x) => x.status)).toEqual(NO_TRAIL_CHECKS.map(() => 'error'));
  });

  it('a re-check of one deleted trail does not conclude the account has none', () => {
    const out = evaluateAccount(
      { cloud: 'aws', account: A, collections: [trails('us-east-1', [])] },
      { normalisers: NORMALISERS_REGISTRY, checks: checks.filter((c) => c.kind === 'resource'), params },
      { auditKey: 'x', auditVersion: 'x', now: '2026-01-01T00:00:00Z', compliance: new Map() },
      new Set(),
    );
    expect(out.outcomes).toEqual([]);
  });
});

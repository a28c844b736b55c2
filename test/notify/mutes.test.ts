import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { notifierOptionsSchema } from '../../src/config/notifier-options.js';
import { type ConfigMute, configSchema } from '../../src/config/schema.js';
import { resolveParams } from '../../src/core/check.js';
import { runScan } from '../../src/core/engine.js';
import { checksOf } from '../../src/core/exposure.js';
import { silentLogger } from '../../src/core/logger.js';
import { reconcile } from '../../src/core/reconcile.js';
import { enqueueAlerts } from '../../src/notify/enqueue.js';
import { configMuteFor, configMutePredicate, muteExpiry } from '../../src/notify/mutes.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { awsCollection, awsProvider } from '../helpers/provider.js';
import { finding, recordingLogger } from './helpers.js';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const mute = (o: Partial<ConfigMute>): ConfigMute => ({
  owner: 'ana@example.test',
  reason: 'accepted risk, ticket SEC-42',
  expires: 'never',
  ...o,
});

describe('configMuteFor', () => {
  const f = finding({
    reference: 'arn:aws:s3:::logs-archive',
    name: 'logs-archive',
    account: '111122223333',
    region: 'eu-west-1',
    tags: { env: 'sandbox', team: 'data' },
  });

  it('matches on every selector given, with globs', () => {
    expect(configMuteFor(f, [mute({ check: 'aws.s3.*' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ check: 'aws.iam.*' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ account: '111122223333', region: 'eu-*' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ account: '111122223333', region: 'us-*' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ resource: 'logs-*' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ resource: 'arn:aws:s3:::logs-*' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ resource: 'prod-*' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ tag: 'env=sandbox' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ tag: 'env=sand*' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ tag: 'env=prod' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ tag: 'owner=x' })], NOW)).toBeUndefined();
  });

  it('rule selects detections, check selects check findings', () => {
    const det = finding({ detection: { rule_id: 'aws-ct-stop-logging', rule_title: 'Trail stopped' } });
    expect(configMuteFor(det, [mute({ rule: 'aws-ct-*' })], NOW)).toBeDefined();
    expect(configMuteFor(det, [mute({ check: '*' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ rule: '*' })], NOW)).toBeUndefined();
  });

  it('an expired mute stops muting; a date ends at 00:00 UTC that day', () => {
    expect(muteExpiry(mute({ expires: '2030-06-01' }))?.toISOString()).toBe('2030-06-01T00:00:00.000Z');
    expect(configMuteFor(f, [mute({ check: '*', expires: '2030-06-01' })], NOW)).toBeUndefined();
    expect(configMuteFor(f, [mute({ check: '*', expires: '2030-06-02' })], NOW)).toBeDefined();
    expect(configMuteFor(f, [mute({ check: '*', expires: '2030-06-01T12:00:01Z' })], NOW)).toBeDefined();
    expect(
      configMuteFor(f, [mute({ check: '*', expires: '2030-06-01T13:00:00+02:00' })], NOW),
    ).toBeUndefined();
  });

  it('returns the first matching active mute', () => {
    const m = configMuteFor(
      f,
      [mute({ check: 'x' }), mute({ account: '1111*', owner: 'bo' }), mute({ owner: 'cy', check: '*' })],
      NOW,
    );
    expect(m?.owner).toBe('bo');
  });
});

describe('mutes in the config', () => {
  const parse = (mutes: unknown) => configSchema.safeParse({ mutes });

  it('accepts a valid list and defaults to none', () => {
    expect(configSchema.parse({}).mutes).toEqual([]);
    const r = parse([
      { check: 'aws.s3.*', tag: 'env=dev', owner: 'ana', reason: 'dev buckets', expires: '2031-01-01' },
    ]);
    expect(r.success).toBe(true);
  });

  it('names the path of each problem', () => {
    const r = parse([
      { check: 'x', owner: 'ana', reason: 'r' },
      { owner: 'ana', reason: 'r', expires: 'never' },
      { tag: 'env', owner: 'ana', reason: 'r', expires: 'soon' },
      { check: 'x', reason: 'r', expires: 'never', colour: 'red' },
    ]);
    expect(r.success).toBe(false);
    const problems = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(problems.some((p) => p.startsWith('mutes.0.expires'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mutes.1') && p.includes('at least one of check'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mutes.2.tag') && p.includes('key=value'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mutes.2.expires'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mutes.3.owner'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mutes.3') && p.includes('colour'))).toBe(true);
  });
});

describe('config mutes in reconcile and the engine', () => {
  it('reconcile marks a matching finding muted, keeping the unmuted state in its life', () => {
    const f = finding();
    const r = reconcile({
      auditKey: 'a',
      scanId: 's1',
      now: NOW.toISOString(),
      previous: new Map(),
      current: [f],
      passed: new Set(),
      cleanScopes: new Set(),
      mutes: new Map(),
      configMute: configMutePredicate([mute({ check: 'aws.s3.*', expires: '2030-07-01' })], NOW),
    });
    expect(r.findings[0]?.com.state).toBe('muted');
    expect(r.findings[0]?.ext.muted).toEqual({
      owner: 'ana@example.test',
      reason: 'accepted risk, ticket SEC-42',
      expires_at: '2030-07-01T00:00:00.000Z',
    });
    expect(r.lives[0]?.state).toBe('new');
    expect(r.events.map((e) => e.state)).toEqual(['new']);
  });

  it('no active mute: no predicate at all', () => {
    expect(configMutePredicate([mute({ check: '*', expires: '2020-01-01' })], NOW)).toBeUndefined();
  });

  const ACCOUNT = '111122223333';
  const provider = awsProvider(ACCOUNT, [
    awsCollection(ACCOUNT, 'eu-west-1', 'aws.ec2.security_group', [
      {
        item: {
          GroupId: 'sg-open',
          GroupName: 'sg-open',
          OwnerId: ACCOUNT,
          VpcId: 'vpc-1',
          Description: 'test',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
          IpPermissionsEgress: [],
        },
      },
    ]),
  ]);

  async function scanWith(mutes: ConfigMute[], at: Date) {
    const store = await openSqliteStore(':memory:');
    try {
      return await runScan({
        normalisers: NORMALISERS_REGISTRY,
        auditKey: 'test',
        providers: [provider],
        checks: ALL_CHECKS,
        params: new Map(ALL_CHECKS.map((c) => [c.id, resolveParams(c, undefined)])),
        compliance: new Map(),
        store,
        logger: silentLogger,
        now: () => at,
        configMute: configMutePredicate(mutes, at),
      });
    } finally {
      await store.close();
    }
  }

  it('a muted finding stays in the scan report as muted, and sends no alert', async () => {
    const mutes = [mute({ check: 'common.network.*', resource: 'sg-*', expires: '2030-07-01' })];
    const report = await scanWith(mutes, NOW);
    // the rule's one finding (primary: the AWS CIS check) is muted by a mute of the cross-cloud check
    const fw = report.findings.filter((f) =>
      checksOf(f).includes('common.network.no_sensitive_port_open_to_internet'),
    );
    expect(fw).toHaveLength(1);
    expect(fw[0]?.ext.check_id).toBe('aws.ec2.no_admin_ports_from_ipv4_internet');
    expect(fw[0]?.com.state).toBe('muted');
    expect(fw[0]?.ext.muted?.owner).toBe('ana@example.test');
    expect(report.scan.counts.findings.muted).toBeGreaterThanOrEqual(1);

    const outbox = await openSqliteOutbox(':memory:');
    const s = await enqueueAlerts(fw, {
      source: 'test',
      notify: ['hook'],
      notifiers: { hook: notifierOptionsSchema.parse({ type: 'webhook', url: 'https://x.test/' }) },
      outbox,
      logger: recordingLogger(),
      now: NOW,
    });
    expect(s.items).toBe(0);
    await outbox.close();
  });

  it('after the mute expires, the finding is live again', async () => {
    const mutes = [mute({ check: 'common.network.*', expires: '2030-07-01' })];
    const report = await scanWith(mutes, new Date('2030-07-01T00:00:00.000Z'));
    const fw = report.findings.find((f) =>
      checksOf(f).includes('common.network.no_sensitive_port_open_to_internet'),
    );
    expect(fw?.com.state).toBe('new');
    expect(fw?.ext.muted).toBeUndefined();
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import { runScan } from '../../src/core/engine.js';
import { createLogger } from '../../src/core/logger.js';
import type { Collection } from '../../src/core/provider.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { SnapshotProvider } from '../../src/providers/snapshot.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { primaryReference, recheckResource, recheckScope, referenceNames } from '../../src/watch/recheck.js';
import { ProviderRecollector } from '../../src/watch/recollect.js';
import type { ResourceTarget } from '../../src/watch/resource-ids.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable } from '../store/postgres-helpers.js';
import { ACCOUNT, GROUP, REGION, securityGroup, sgSnapshot } from './fixtures.js';

const OTHER = 'sg-0ffffffffffffffff';
const checks = ALL_CHECKS.filter((c) =>
  ['aws.ec2.no_admin_ports_from_ipv4_internet', 'common.network.no_sensitive_port_open_to_internet'].includes(
    c.id,
  ),
);
const params = new Map(checks.map((c) => [c.id, resolveParams(c, undefined)]));
const logger = createLogger({ level: 'error', write: () => undefined });
const target: ResourceTarget = {
  cloud: 'aws',
  type: 'aws.ec2.security_group',
  id: GROUP,
  account: ACCOUNT,
  region: REGION,
};

let store: Store;
let clock = Date.UTC(2026, 0, 1, 0, 0, 0);
const now = () => {
  clock += 1000;
  return new Date(clock);
};

const pgUp = await pgAvailable('watch recheck on PostgreSQL');
const STORES: [string, () => Promise<Store>, boolean][] = [
  ['SQLite', () => openSqliteStore(':memory:'), true],
  [
    'PostgreSQL',
    async () =>
      (await import('../../src/store/index.js')).openPostgresStore(PG_URL, { schema: freshSchema() }),
    pgUp,
  ],
];
afterAll(async () => {
  if (pgUp) await dropSchemas();
});

async function baseline(groups: Record<string, unknown>[]) {
  return runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'prod',
    providers: [new SnapshotProvider(sgSnapshot(groups))],
    checks,
    params,
    compliance: new Map(),
    store,
    logger,
    now,
  });
}

const ctx = () => ({ auditKey: 'prod', store, params, compliance: new Map<string, string[]>(), now });
const collectionOf = (groups: Record<string, unknown>[]): Collection => ({
  cloud: 'aws',
  account: ACCOUNT,
  region: REGION,
  type: 'aws.ec2.security_group',
  items: groups.map((g) => ({ item: g })),
});
const live = async () =>
  (await store.findings({ audit_key: 'prod' })).map((f) => [
    f.com.reference.split('#')[0]?.split('/').pop(),
    f.com.state,
  ]);

describe.each(STORES)('on %s', (_name, open, available) => {
  beforeEach(async (c) => {
    if (!available) c.skip();
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
  });
  describe('recheckResource', () => {
    it('opening a group makes new findings for that group only; closing it resolves them', async () => {
      await baseline([securityGroup([[443, '0.0.0.0/0']]), securityGroup([[22, '0.0.0.0/0']], OTHER)]);
      const before = await store.findings({ audit_key: 'prod', states: ['new'] });
      // OTHER's SSH rule: one finding for the exposure, carrying both checks
      expect(before.map((f) => [f.ext.check_id, f.ext.also])).toEqual([
        ['aws.ec2.no_admin_ports_from_ipv4_internet', ['common.network.no_sensitive_port_open_to_internet']],
      ]);

      const opened = await recheckResource(
        ctx(),
        target,
        collectionOf([
          securityGroup([
            [443, '0.0.0.0/0'],
            [22, '0.0.0.0/0'],
          ]),
        ]),
        checks,
      );
      expect(opened.scan.label).toBe(`recheck aws.ec2.security_group ${GROUP}`);
      expect(opened.findings.map((f) => f.com.state)).toEqual(['new']);
      expect(opened.findings.every((f) => f.com.reference.includes(GROUP))).toBe(true);
      // only the rechecked group's records and results are in the partial scan
      expect((await store.resources(opened.scan.id)).every((r) => r.com.reference.includes(GROUP))).toBe(
        true,
      );
      expect(opened.results.every((r) => r.reference.includes(GROUP))).toBe(true);

      const again = await recheckResource(
        ctx(),
        target,
        collectionOf([
          securityGroup([
            [443, '0.0.0.0/0'],
            [22, '0.0.0.0/0'],
          ]),
        ]),
        checks,
      );
      expect(again.findings.map((f) => f.com.state)).toEqual(['open']);

      const closed = await recheckResource(
        ctx(),
        target,
        collectionOf([securityGroup([[443, '0.0.0.0/0']])]),
        checks,
      );
      expect(closed.findings.map((f) => f.com.state).sort()).toEqual(['resolved']);
      const states = await live();
      expect(states.filter(([g]) => g === OTHER).map(([, s]) => s)).toEqual(['new']);
      expect(states.filter(([g]) => g === GROUP).map(([, s]) => s)).toEqual(['resolved']);

      const reopened = await recheckResource(
        ctx(),
        target,
        collectionOf([securityGroup([[22, '0.0.0.0/0']])]),
        checks,
      );
      expect(reopened.findings.map((f) => f.com.state).filter((s) => s !== 'resolved')).toEqual([
        'regressed',
      ]);
    });

    it('a group that is gone resolves its own findings and nothing else', async () => {
      await baseline([securityGroup([[22, '0.0.0.0/0']]), securityGroup([[22, '0.0.0.0/0']], OTHER)]);
      const gone = await recheckResource(ctx(), target, collectionOf([]), checks);
      expect(gone.findings.map((f) => f.com.state)).toEqual(['resolved']);
      expect(gone.scan.counts.resources).toBe(0);
      const states = await live();
      expect(states.filter(([g]) => g === OTHER).map(([, s]) => s)).toEqual(['new']);
    });

    it('a collection that failed changes nothing', async () => {
      await baseline([securityGroup([[22, '0.0.0.0/0']])]);
      const failed: Collection = {
        cloud: 'aws',
        account: ACCOUNT,
        region: REGION,
        type: 'aws.ec2.security_group',
        error: 'ec2:DescribeSecurityGroups: Throttling',
      };
      await expect(recheckResource(ctx(), target, failed, checks)).rejects.toThrow(/Throttling/);
      expect((await live()).map(([, s]) => s)).toEqual(['new']);
      expect((await store.listScans({ audit_key: 'prod' })).length).toBe(1);
    });

    it('a finding in another account or region with the same group id is not touched', async () => {
      await baseline([securityGroup([[22, '0.0.0.0/0']])]);
      const elsewhere: ResourceTarget = { ...target, region: 'us-east-1' };
      const r = await recheckResource(ctx(), elsewhere, { ...collectionOf([]), region: 'us-east-1' }, checks);
      expect(r.findings).toEqual([]);
      expect((await live()).map(([, s]) => s)).toEqual(['new']);
    });

    it('two rechecks in the same millisecond get distinct scan ids', async () => {
      const fixed = () => new Date(Date.UTC(2026, 0, 2));
      const c = { ...ctx(), now: fixed };
      const a = await recheckResource(c, target, collectionOf([securityGroup([[22, '0.0.0.0/0']])]), checks);
      const b = await recheckResource(c, target, collectionOf([securityGroup([[22, '0.0.0.0/0']])]), checks);
      expect(a.scan.id).not.toBe(b.scan.id);
    });
  });

  describe('recheckScope', () => {
    it('re-runs account-scope checks on a full collection and resolves only their findings', async () => {
      const scope = ALL_CHECKS.filter((c) => c.id === 'aws.cloudtrail.multi_region_trail_logging');
      expect(scope[0]?.kind).toBe('scope');
      const trail = (logging: boolean) => ({
        format: 'cloudward.snapshot/v1' as const,
        label: 't',
        taken_at: '2026-01-01T00:00:00.000Z',
        accounts: [
          {
            cloud: 'aws' as const,
            account: ACCOUNT,
            collections: [
              {
                cloud: 'aws' as const,
                account: ACCOUNT,
                region: REGION,
                type: 'aws.cloudtrail.trail',
                items: [
                  {
                    item: {
                      Name: 'main',
                      TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/main`,
                      HomeRegion: REGION,
                      IsMultiRegionTrail: true,
                      S3BucketName: 'logs',
                    },
                    status: { IsLogging: logging },
                    eventSelectors: {
                      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
                    },
                  },
                ],
              },
            ],
          },
        ],
      });
      const p = new Map(scope.map((c) => [c.id, resolveParams(c, undefined)]));
      const c = { ...ctx(), params: p };
      const stopped = await new ProviderRecollector(
        async () => new SnapshotProvider(trail(false)),
      ).collectAccount(new Set(['aws.cloudtrail.trail']), 'aws', ACCOUNT);
      if (!stopped) throw new Error('no batch');
      const r1 = await recheckScope(c, stopped, scope);
      expect(r1.findings.map((f) => [f.ext.check_id, f.com.state])).toEqual([
        ['aws.cloudtrail.multi_region_trail_logging', 'new'],
      ]);
      const logging = await new ProviderRecollector(
        async () => new SnapshotProvider(trail(true)),
      ).collectAccount(new Set(['aws.cloudtrail.trail']), 'aws', ACCOUNT);
      if (!logging) throw new Error('no batch');
      const r2 = await recheckScope(c, logging, scope);
      expect(r2.findings.map((f) => f.com.state)).toEqual(['resolved']);
    });
  });
});

describe('references', () => {
  it('a rule reference belongs to its group; an id is matched on the last segment', () => {
    const sg = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`;
    expect(primaryReference(`${sg}#inbound/tcp:22/0.0.0.0/0`)).toBe(sg);
    expect(referenceNames(`${sg}#inbound/tcp:22/0.0.0.0/0`, GROUP)).toBe(true);
    expect(referenceNames(`${sg}x`, GROUP)).toBe(false);
    expect(referenceNames('arn:aws:s3:::bucket', 'bucket')).toBe(true);
  });
});

describe('ProviderRecollector', () => {
  it('picks the one resource out of a provider collection, or reports it gone', async () => {
    const r = new ProviderRecollector(
      async () =>
        new SnapshotProvider(sgSnapshot([securityGroup([[22, '0.0.0.0/0']]), securityGroup([], OTHER)])),
    );
    const one = await r.collectOne(target);
    expect(one?.items?.map((i) => (i.item as { GroupId: string }).GroupId)).toEqual([GROUP]);
    const gone = await r.collectOne({ ...target, id: 'sg-gone' });
    expect(gone).toMatchObject({ items: [], region: REGION });
    expect(await r.collectOne({ ...target, account: '999999999999' })).toBeNull();
  });
});

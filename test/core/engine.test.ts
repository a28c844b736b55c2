import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { defineCheck, resolveParams } from '../../src/core/check.js';
import { runScan } from '../../src/core/engine.js';
import { checksOf } from '../../src/core/exposure.js';
import { silentLogger } from '../../src/core/logger.js';
import type { AccountBatch, Collection, Provider } from '../../src/core/provider.js';
import { fail, pass } from '../../src/core/result.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

const ACCOUNT = '111122223333';

function sg(id: string, port: number, cidr: string) {
  return {
    item: {
      GroupId: id,
      GroupName: id,
      OwnerId: ACCOUNT,
      VpcId: 'vpc-1',
      Description: 'test',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }],
      IpPermissionsEgress: [],
    },
  };
}

function provider(collections: Collection[]): Provider {
  return {
    name: 'test',
    async *collect(): AsyncIterable<AccountBatch> {
      yield { cloud: 'aws', account: ACCOUNT, collections };
    },
  };
}

const sgCollection = (region: string, items: Record<string, unknown>[]): Collection => ({
  cloud: 'aws',
  account: ACCOUNT,
  region,
  type: 'aws.ec2.security_group',
  items,
});

async function scan(store: Store, collections: Collection[], at: string) {
  return runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'test',
    providers: [provider(collections)],
    checks: ALL_CHECKS,
    params: new Map(ALL_CHECKS.map((c) => [c.id, resolveParams(c, undefined)])),
    compliance: new Map([['common.network.no_sensitive_port_open_to_internet', ['fw:1.1']]]),
    store,
    logger: silentLogger,
    now: () => new Date(at),
  });
}

const FW = 'common.network.no_sensitive_port_open_to_internet';

const anyOpenRule = defineCheck({
  id: 'common.network.no_open_rule_in_account',
  title: 'Test scope check: no account has an open rule',
  severity: 'low',
  scope: 'account',
  uses: ['firewall_rule'],
  triggers: [],
  description: 'test',
  risk: 'test',
  remediation: { text: 'test' },
  references: [],
  evaluate: (ctx) =>
    ctx.resources('firewall_rule').some((r) => (r.com.source_addresses as string[]).includes('0.0.0.0/0'))
      ? fail('open rule')
      : pass('no open rule'),
});

async function scopeScan(collections: Collection[]) {
  const store = await openSqliteStore(':memory:');
  return runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'scope',
    providers: [provider(collections)],
    checks: [anyOpenRule],
    params: new Map(),
    compliance: new Map(),
    store,
    logger: silentLogger,
  });
}

describe('scope checks', () => {
  it('run on the account inventory', async () => {
    const r = await scopeScan([sgCollection('us-east-1', [sg('sg-1', 22, '0.0.0.0/0')])]);
    expect(r.results.map((x) => [x.status, x.reference])).toEqual([['fail', `aws:${ACCOUNT}`]]);
  });
  it('error when a collector they use failed', async () => {
    const r = await scopeScan([
      {
        cloud: 'aws',
        account: ACCOUNT,
        region: 'us-east-1',
        type: 'aws.ec2.security_group',
        error: 'AccessDenied',
      },
    ]);
    expect(r.results.map((x) => x.status)).toEqual(['error']);
  });
  it('are not evaluated, rather than passed, when their data was not collected at all', async () => {
    const r = await scopeScan([]);
    expect(r.results).toEqual([]);
  });
});

describe('scan engine', () => {
  it('evaluates normalised resources and records findings with the Cloudmarker finding type', async () => {
    const store = await openSqliteStore(':memory:');
    const r = await scan(
      store,
      [sgCollection('us-east-1', [sg('sg-open', 22, '0.0.0.0/0'), sg('sg-ok', 22, '10.0.0.0/8')])],
      '2026-01-01T00:00:00Z',
    );
    const fails = r.findings.filter((f) => checksOf(f).includes(FW));
    expect(fails).toHaveLength(1);
    expect(fails[0]?.com).toMatchObject({
      record_type: 'firewall_rule_event',
      state: 'new',
      status: 'fail',
      compliance: ['fw:1.1'],
    });
    expect(fails[0]?.com.recommendation.length).toBeGreaterThan(10);
    expect(
      r.results
        .filter((x) => x.check_id === FW)
        .map((x) => x.status)
        .sort(),
    ).toEqual(['fail', 'pass']);
    expect(r.scan.status).toBe('complete');
    expect((await store.listScans()).map((s) => s.id)).toEqual([r.scan.id]);
  });

  it('gives error, never pass, to the checks of a collector that failed, and goes on', async () => {
    const store = await openSqliteStore(':memory:');
    const r = await scan(
      store,
      [
        {
          cloud: 'aws',
          account: ACCOUNT,
          region: 'eu-west-1',
          type: 'aws.ec2.security_group',
          error: 'ec2:DescribeSecurityGroups AccessDenied: no',
        },
        sgCollection('us-east-1', [sg('sg-open', 3389, '0.0.0.0/0')]),
      ],
      '2026-01-01T00:00:00Z',
    );
    const errs = r.results.filter((x) => x.check_id === FW && x.status === 'error');
    expect(errs).toHaveLength(1);
    expect(errs[0]?.message).toContain('AccessDenied');
    expect(errs[0]?.region).toBe('eu-west-1');
    expect(r.results.some((x) => x.check_id === FW && x.status === 'fail' && x.region === 'us-east-1')).toBe(
      true,
    );
    expect(r.scan.errors).toHaveLength(1);
  });

  it('turns an unreadable item into an error for its checks while the other items are evaluated', async () => {
    const store = await openSqliteStore(':memory:');
    const r = await scan(
      store,
      [sgCollection('us-east-1', [{ item: { GroupName: 'no-id' } }, sg('sg-1', 22, '0.0.0.0/0')])],
      '2026-01-01T00:00:00Z',
    );
    expect(r.scan.errors[0]?.message).toContain('GroupId');
    expect(
      r.results
        .filter((x) => x.check_id === FW)
        .map((x) => x.status)
        .sort(),
    ).toEqual(['error', 'fail']);
  });

  it('turns a field of the wrong type into an error naming it for every check of the collector; the other items still evaluate', async () => {
    const store = await openSqliteStore(':memory:');
    const tampered = sg('sg-tampered', 22, '0.0.0.0/0');
    (tampered.item.IpPermissions[0] as Record<string, unknown>).IpRanges = '0.0.0.0/0';
    const r = await scan(
      store,
      [
        sgCollection('us-east-1', [
          sg('sg-open', 22, '0.0.0.0/0'),
          tampered,
          sg('sg-rdp', 3389, '0.0.0.0/0'),
        ]),
      ],
      '2026-01-01T00:00:00Z',
    );
    const why = 'aws.ec2.security_group item 1: IpPermissions[0].IpRanges: expected an array, got string';
    expect(r.scan.errors.map((e) => e.message)).toEqual([why]);
    const sgChecks = ALL_CHECKS.filter((c) =>
      c.uses.some((t) =>
        ['firewall_rule', 'aws.ec2.security_group', 'aws.ec2.security_group_rule'].includes(t),
      ),
    );
    for (const check of sgChecks) {
      const errors = r.results.filter((x) => x.check_id === check.id && x.status === 'error');
      expect(errors, check.id).toHaveLength(1);
      expect(errors[0]?.message, check.id).toContain(why);
    }
    // the readable groups are still judged: both open rules fail
    const failing = r.results.filter((x) => x.check_id === FW && x.status === 'fail').map((x) => x.reference);
    expect(failing.some((ref) => ref.includes('sg-open'))).toBe(true);
    expect(failing.some((ref) => ref.includes('sg-rdp'))).toBe(true);
    expect(failing.some((ref) => ref.includes('sg-tampered'))).toBe(false);
  });

  it('tracks new, open, resolved and regressed across scans, but does not resolve what it could not read', async () => {
    const store = await openSqliteStore(':memory:');
    const open = sgCollection('us-east-1', [sg('sg-1', 22, '0.0.0.0/0')]);
    const fixed = sgCollection('us-east-1', [sg('sg-1', 22, '10.0.0.0/8')]);
    const failed: Collection = {
      cloud: 'aws',
      account: ACCOUNT,
      region: 'us-east-1',
      type: 'aws.ec2.security_group',
      error: 'throttled',
    };
    const state = (r: Awaited<ReturnType<typeof scan>>) =>
      r.findings
        .filter((f) => checksOf(f).includes(FW) && f.com.reference.includes('sg-1'))
        .map((f) => f.com.state);
    expect(state(await scan(store, [open], '2026-01-01T00:00:00Z'))).toEqual(['new']);
    expect(state(await scan(store, [open], '2026-01-02T00:00:00Z'))).toEqual(['open']);
    expect(state(await scan(store, [failed], '2026-01-03T00:00:00Z'))).toEqual([]);
    const stillOpen = await store.findings({ audit_key: 'test', states: ['open'] });
    expect(stillOpen.filter((f) => checksOf(f).includes(FW))).toHaveLength(1);
    expect(state(await scan(store, [fixed], '2026-01-04T00:00:00Z'))).toEqual(['resolved']);
    const back = await scan(store, [open], '2026-01-05T00:00:00Z');
    expect(state(back)).toEqual(['regressed']);
    expect(back.findings.find((f) => checksOf(f).includes(FW))?.com.first_seen).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('resolves the finding of a resource that was deleted', async () => {
    const store = await openSqliteStore(':memory:');
    await scan(store, [sgCollection('us-east-1', [sg('sg-1', 22, '0.0.0.0/0')])], '2026-01-01T00:00:00Z');
    const r = await scan(store, [sgCollection('us-east-1', [])], '2026-01-02T00:00:00Z');
    expect(r.findings.filter((f) => checksOf(f).includes(FW)).map((f) => f.com.state)).toEqual(['resolved']);
  });

  it('leaves no trace of a scan whose provider crashed, and earlier scans stay readable', async () => {
    const store = await openSqliteStore(':memory:');
    const first = await scan(
      store,
      [sgCollection('us-east-1', [sg('sg-1', 22, '0.0.0.0/0')])],
      '2026-01-01T00:00:00Z',
    );
    const crashing: Provider = {
      name: 'crash',
      // biome-ignore lint/correctness/useYield: it fails before yielding, like a provider that lost its credentials
      async *collect() {
        throw new Error('boom');
      },
    };
    await expect(
      runScan({
        normalisers: NORMALISERS_REGISTRY,
        auditKey: 'test',
        providers: [crashing],
        checks: ALL_CHECKS,
        params: new Map(),
        compliance: new Map(),
        store,
        logger: silentLogger,
      }),
    ).rejects.toThrow('boom');
    expect((await store.listScans()).map((s) => s.id)).toEqual([first.scan.id]);
    expect(await store.resources(first.scan.id)).not.toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { findingType, resolveParams } from '../../src/core/check.js';
import { runScan } from '../../src/core/engine.js';
import { checksOf, findingIdOf, mergeFindings } from '../../src/core/exposure.js';
import { findingId } from '../../src/core/ids.js';
import { silentLogger } from '../../src/core/logger.js';
import { reconcile, scopeKey } from '../../src/core/reconcile.js';
import type { FindingRecord } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { FindingLife, Store } from '../../src/store/store.js';
import { awsCollection, awsProvider } from '../helpers/provider.js';

const FW = 'common.network.no_sensitive_port_open_to_internet';
const SSH = 'aws.ec2.no_admin_ports_from_ipv4_internet';
const CIFS = 'aws.ec2.no_cifs_from_internet';
const REF = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1#inbound/tcp:0-65535/0.0.0.0/0';
const ID = findingIdOf({ id: SSH, exposure: 'network.internet_ingress' }, REF);

function finding(
  check: string,
  status: 'fail' | 'error',
  severity: Severity,
  compliance: string[],
): FindingRecord {
  return {
    raw: { evidence: { by: check } },
    ext: {
      record_type: 'finding',
      check_id: check,
      check_title: check,
      resource_record_type: 'aws.ec2.security_group_rule',
      exposure: 'network.internet_ingress',
    },
    com: {
      cloud_type: 'aws',
      record_type: 'firewall_rule_event',
      reference: REF,
      name: 'sg-1 rule',
      account: '111122223333',
      region: 'us-east-1',
      service: 'ec2',
      tags: {},
      description: `${check} says so`,
      recommendation: `fix per ${check}`,
      severity,
      status,
      compliance,
      finding_id: ID,
      state: 'new',
      first_seen: 'T0',
      last_seen: 'T0',
      origin_key: check,
      origin_type: 'check',
    },
  };
}

describe('merging the findings of one exposure', () => {
  it('gives one id to every check of an exposure on a resource, and keeps per-check ids otherwise', () => {
    const exposure = 'network.internet_ingress';
    expect(findingIdOf({ id: FW, exposure }, REF)).toBe(findingIdOf({ id: SSH, exposure }, REF));
    expect(findingIdOf({ id: FW, exposure }, `${REF}x`)).not.toBe(findingIdOf({ id: SSH, exposure }, REF));
    expect(findingIdOf({ id: 'aws.s3.x' }, REF)).toBe(findingId('aws.s3.x', REF));
  });

  it('makes the most specific check primary, unions the mappings and keeps the highest severity', () => {
    const m = mergeFindings([
      finding(FW, 'fail', 'critical', ['baseline:1.1']),
      finding(SSH, 'fail', 'high', ['cis7:6.3', 'cis5:5.3']),
      finding(CIFS, 'fail', 'high', ['cis7:6.1.2']),
    ]);
    expect(m.ext.check_id).toBe(CIFS < SSH ? CIFS : SSH);
    expect(checksOf(m).sort()).toEqual([CIFS, FW, SSH].sort());
    expect(m.com.compliance.sort()).toEqual(['baseline:1.1', 'cis5:5.3', 'cis7:6.1.2', 'cis7:6.3']);
    expect(m.com.severity).toBe('critical');
    expect(m.com.recommendation).toBe(`fix per ${m.ext.check_id}`);
    // what the other checks said is kept
    expect(Object.keys(m.raw.also as object).sort()).toEqual(checksOf(m).slice(1).sort());
    expect((m.raw.also as Record<string, { description: string }>)[FW]?.description).toBe(`${FW} says so`);
  });

  it('prefers a failure to an error, and leaves out the checks that could not evaluate', () => {
    const m = mergeFindings([
      finding(SSH, 'error', 'high', ['cis7:6.3']),
      finding(FW, 'fail', 'high', ['b:1.1']),
    ]);
    expect(m.com.status).toBe('fail');
    expect(checksOf(m)).toEqual([FW]);
    expect(m.com.compliance).toEqual(['b:1.1']);
    const errors = mergeFindings([
      finding(SSH, 'error', 'high', ['cis7:6.3']),
      finding(FW, 'error', 'high', []),
    ]);
    expect([errors.com.status, errors.ext.check_id, errors.ext.also]).toEqual(['error', SSH, [FW]]);
  });
});

describe('the life of a merged finding', () => {
  const life = (record: FindingRecord): FindingLife => ({
    finding_id: ID,
    audit_key: 'a',
    check_id: record.ext.check_id,
    reference: REF,
    state: 'open',
    first_seen: 'T0',
    last_seen: 'T0',
    resolved_at: null,
    record,
  });
  const merged = mergeFindings([finding(SSH, 'fail', 'high', []), finding(FW, 'fail', 'high', [])]);
  const base = {
    auditKey: 'a',
    scanId: 's2',
    now: 'T1',
    previous: new Map([[ID, life(merged)]]),
    current: [],
    mutes: new Map(),
  };
  const stateAfter = (passed: string[], clean: string[]) =>
    reconcile({
      ...base,
      passed: new Set(passed),
      cleanScopes: new Set(clean.map((c) => scopeKey(c, '111122223333', 'us-east-1'))),
    }).findings.map((f) => f.com.state);

  it('is resolved when any of its checks passed on the rule or ran cleanly, whichever was selected', () => {
    expect(stateAfter([findingId(FW, REF)], [])).toEqual(['resolved']);
    expect(stateAfter([], [FW])).toEqual(['resolved']);
    expect(stateAfter([], [SSH])).toEqual(['resolved']);
  });

  it('is not resolved by a check that never reported it (CIFS passing on an SSH rule)', () => {
    expect(stateAfter([findingId(CIFS, REF)], [CIFS])).toEqual([]);
  });

  it('continues the lives stored under per-check ids before the checks shared an exposure', () => {
    const old = (check: string, first_seen: string): FindingLife => {
      const f = finding(check, 'fail', 'high', []);
      const record = { ...f, com: { ...f.com, finding_id: findingId(check, REF), first_seen } };
      return { ...life(record), finding_id: findingId(check, REF), first_seen };
    };
    const r = reconcile({
      ...base,
      previous: new Map([old(FW, '2026-01-01'), old(SSH, '2026-01-02')].map((l) => [l.finding_id, l])),
      current: [merged],
      passed: new Set(),
      cleanScopes: new Set([FW, SSH].map((c) => scopeKey(c, '111122223333', 'us-east-1'))),
    });
    expect(r.findings.map((f) => [f.com.finding_id, f.com.state, f.com.first_seen])).toEqual([
      [ID, 'open', '2026-01-01'],
      [findingId(FW, REF), 'resolved', '2026-01-01'],
      [findingId(SSH, REF), 'resolved', '2026-01-02'],
    ]);
    expect(r.events.map((e) => [e.finding_id, e.state])).not.toContainEqual([ID, 'new']);
  });
});

describe('cross-cloud and cloud-specific checks in the catalogue', () => {
  it('checks that share an exposure share their finding type, so a finding keeps its type', () => {
    const byExposure = new Map<string, Set<string>>();
    for (const c of ALL_CHECKS) {
      if (!c.exposure) continue;
      const types = byExposure.get(c.exposure) ?? new Set<string>();
      types.add(findingType(c));
      byExposure.set(c.exposure, types);
    }
    expect(byExposure.size).toBeGreaterThan(0);
    for (const [exposure, types] of byExposure) expect([exposure, types.size]).toEqual([exposure, 1]);
    expect([...(byExposure.get('network.internet_ingress') ?? [])]).toEqual(['firewall_rule_event']);
    const members = ALL_CHECKS.filter((c) => c.exposure === 'network.internet_ingress').map((c) => c.id);
    expect(members.sort()).toEqual(
      [
        CIFS,
        SSH,
        'aws.ec2.no_admin_ports_from_ipv6_internet',
        FW,
        'aws.ec2.no_high_risk_ports_from_internet',
        'aws.ec2.unrestricted_ingress_authorized_ports_only',
        'azure.network.nsg_http_not_open_to_internet',
        'azure.network.nsg_rdp_not_open_to_internet',
        'azure.network.nsg_ssh_not_open_to_internet',
        'azure.network.nsg_udp_not_open_to_internet',
        'gcp.compute.firewall_no_rdp_from_internet',
        'gcp.compute.firewall_no_ssh_from_internet',
      ].sort(),
    );
  });
});

describe('one exposure, one finding, through the engine', () => {
  const ACCOUNT = '111122223333';
  const group = (cidr: string) => ({
    item: {
      GroupId: 'sg-1',
      GroupName: 'bastion',
      OwnerId: ACCOUNT,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }] }],
      IpPermissionsEgress: [],
    },
  });
  const provider = (cidr: string) =>
    awsProvider(ACCOUNT, [awsCollection(ACCOUNT, 'us-east-1', 'aws.ec2.security_group', [group(cidr)])]);
  const compliance = new Map([
    [FW, ['cloudward-baseline-1.0:1.1']],
    [SSH, ['cis-aws-7.0:6.3']],
    [CIFS, ['cis-aws-7.0:6.1.2']],
  ]);
  let day = 0;
  const scan = (store: Store, checkIds: string[], cidr = '0.0.0.0/0') => {
    const checks = ALL_CHECKS.filter((c) => checkIds.includes(c.id));
    day += 1;
    return runScan({
      normalisers: NORMALISERS_REGISTRY,
      auditKey: 'a',
      providers: [provider(cidr)],
      checks,
      params: new Map(checks.map((c) => [c.id, resolveParams(c, undefined)])),
      compliance,
      store,
      logger: silentLogger,
      now: () => new Date(Date.UTC(2026, 0, day)),
    });
  };
  const ssh = (r: Awaited<ReturnType<typeof scan>>) =>
    r.findings.filter((f) => f.com.reference.endsWith('#inbound/tcp:22/0.0.0.0/0'));

  it('reports SSH open to the world once, with every mapping, and keeps its life across selections', async () => {
    const store = await openSqliteStore(':memory:');
    const all = await scan(store, [FW, SSH, CIFS]);
    const [f, ...more] = ssh(all);
    expect(more).toEqual([]);
    expect([f?.ext.check_id, f?.ext.also, f?.com.state]).toEqual([SSH, [FW], 'new']);
    expect(f?.com.compliance.sort()).toEqual(['cis-aws-7.0:6.3', 'cloudward-baseline-1.0:1.1']);
    expect(all.scan.counts.findings).toEqual({ new: 1 });
    // both checks keep their own failing result, the CIFS check its pass
    expect(all.results.map((r) => [r.check_id, r.status, r.finding_id === f?.com.finding_id]).sort()).toEqual(
      [
        [CIFS, 'pass', false],
        [FW, 'fail', true],
        [SSH, 'fail', true],
      ].sort(),
    );

    const id = f?.com.finding_id;
    for (const selection of [[FW], [SSH], [FW, SSH, CIFS]]) {
      const r = await scan(store, selection);
      expect(
        ssh(r).map((x) => [x.com.finding_id, x.com.state]),
        selection.join(),
      ).toEqual([[id, 'open']]);
      expect(
        r.findings.filter((x) => x.com.state === 'resolved'),
        selection.join(),
      ).toEqual([]);
    }
    // a check that never reported the exposure does not resolve it
    const cifs = await scan(store, [CIFS]);
    expect(cifs.findings).toEqual([]);
    expect((await store.findings({ audit_key: 'a' })).map((x) => x.com.state)).toEqual(['open']);

    const fixed = await scan(store, [FW], '10.0.0.0/8');
    expect(fixed.findings.map((x) => [x.com.finding_id, x.com.state])).toEqual([[id, 'resolved']]);
    const back = await scan(store, [SSH]);
    expect(ssh(back).map((x) => [x.com.finding_id, x.com.state, x.com.first_seen])).toEqual([
      [id, 'regressed', '2026-01-01T00:00:00.000Z'],
    ]);
  });
});

describe('a public DocumentDB cluster snapshot, through the engine', () => {
  const ACCOUNT = '444455556666';
  const DOCDB = 'aws.docdb.cluster_snapshot_not_public';
  const RDS = 'aws.rds.cluster_snapshot_not_public';
  const snapshot = {
    item: {
      DBClusterSnapshotIdentifier: 'documents-2025-02',
      DBClusterSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:documents-2025-02`,
      DBClusterIdentifier: 'documents',
      SnapshotCreateTime: '2025-02-27T04:00:00.000Z',
      Engine: 'docdb',
      EngineVersion: '5.0.0',
      Status: 'available',
      SnapshotType: 'manual',
      StorageEncrypted: true,
      TagList: [],
    },
    attributes: {
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotIdentifier: 'documents-2025-02',
        DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
      },
    },
  };
  const provider = awsProvider(ACCOUNT, [
    awsCollection(ACCOUNT, 'us-east-1', 'aws.rds.db_cluster_snapshot', [snapshot]),
  ]);

  it('is one finding, the DocumentDB check first, with the RDS mapping too', async () => {
    const checks = ALL_CHECKS.filter((c) => c.id === DOCDB || c.id === RDS);
    const report = await runScan({
      normalisers: NORMALISERS_REGISTRY,
      auditKey: 'snapshots',
      providers: [provider],
      checks,
      params: new Map(checks.map((c) => [c.id, resolveParams(c, undefined)])),
      compliance: new Map([
        [DOCDB, ['aws-fsbp:DocumentDB.3']],
        [RDS, ['aws-fsbp:RDS.1']],
      ]),
      store: await openSqliteStore(':memory:'),
      logger: silentLogger,
    });
    expect(
      report.findings.map((f) => [f.ext.check_id, f.ext.also, f.com.severity, f.com.compliance.sort()]),
    ).toEqual([[DOCDB, [RDS], 'critical', ['aws-fsbp:DocumentDB.3', 'aws-fsbp:RDS.1']]]);
    expect(report.findings[0]?.raw.evidence).toEqual({ engine: 'docdb', shared_with: ['all'] });
  });
});

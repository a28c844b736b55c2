import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import type { ResourceRecord } from '../../src/core/record.js';
import { demoSnapshotPath, listDemoSnapshots } from '../../src/providers/demo.js';
import { NORMALISERS, normaliseCollection } from '../../src/providers/normalisers.js';
import { readSnapshot, type Snapshot, writeSnapshot } from '../../src/providers/snapshot.js';
import { type Day, DEMO_DAYS, demoSnapshot } from './demo-estate.js';

if (process.env.CLOUDWARD_WRITE_DEMO === '1') {
  for (const day of DEMO_DAYS)
    await writeSnapshot(demoSnapshotPath(`day${day}`), demoSnapshot(day), { indent: 2 });
}

async function load(day: Day): Promise<Snapshot> {
  return readSnapshot(demoSnapshotPath(`day${day}`));
}

function normaliseAll(snap: Snapshot): { records: ResourceRecord[]; errors: string[]; failed: string[] } {
  const records: ResourceRecord[] = [];
  const errors: string[] = [];
  const failed: string[] = [];
  for (const account of snap.accounts) {
    for (const c of account.collections) {
      if (c.error !== undefined) failed.push(`${c.account}/${c.region}/${c.type}`);
      const n = normaliseCollection(c);
      records.push(...n.records);
      errors.push(...n.errors.map((e) => `${e.reference}: ${e.message}`));
    }
  }
  return { records, errors, failed };
}

const byRef = (recs: ResourceRecord[], ref: string) => recs.find((r) => r.com.reference === ref);
const BASTION_SSH =
  'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0de00000000000001#inbound/tcp:22/0.0.0.0/0';

/**
 * Checks the demo does not yet show passing and failing: the demo's CloudFront distributions lack
 * the distribution-config answer these FSBP checks read, and no demo instance is paravirtual,
 * multi-interface or long stopped. Each check is tested on its own fixtures (test/checks/aws/).
 */
const DEMO_PAIR_PENDING: readonly string[] = [];

/**
 * The imported findings of the clouds' own detectors (GuardDuty, Security Hub, Inspector, Access
 * Analyzer, Defender for Cloud, Security Command Center): their checks are opt-in, so the demo scan
 * never selects them, and an imported finding only ever fails (there is no passing detector
 * finding). They are tested against recorded detector answers (test/providers/*\/imported-*,
 * defender-findings, securitycenter-findings).
 */
const IMPORTED_TYPES = new Set(
  ALL_CHECKS.filter((c) => c.opt_in).flatMap((c) => (c.kind === 'resource' ? [c.resource] : [])),
);

describe('bundled demo estate', () => {
  it('lists the bundled snapshots and resolves them inside the package', () => {
    expect(listDemoSnapshots()).toEqual(['day1', 'day2', 'day3']);
    expect(demoSnapshotPath()).toMatch(/[/\\]demo[/\\]day1\.json$/);
    expect(() => demoSnapshotPath('../etc/passwd')).toThrow(/invalid demo snapshot name/);
  });

  it('is exactly what test/providers/demo-estate.ts builds (regenerate with CLOUDWARD_WRITE_DEMO=1)', async () => {
    for (const day of DEMO_DAYS) {
      const text = await readFile(demoSnapshotPath(`day${day}`), 'utf8');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(demoSnapshot(day))));
    }
  });

  it('normalises every item of every day, with only the deliberate collector failure', async () => {
    for (const day of DEMO_DAYS) {
      const { records, errors, failed } = normaliseAll(await load(day));
      expect(errors).toEqual([]);
      expect(failed).toEqual(['444455556666/eu-west-1/aws.rds.db_instance']);
      expect(records.length).toBeGreaterThan(80);
    }
  });

  it('holds every collector type, in AWS, Azure and GCP', async () => {
    const snap = await load(1);
    const types = new Set(
      snap.accounts.flatMap((a) => a.collections.filter((c) => c.items?.length).map((c) => c.type)),
    );
    const imports = NORMALISERS.filter((n) => n.produces.some((t) => IMPORTED_TYPES.has(t))).map(
      (n) => n.type,
    );
    expect(imports.length).toBe(7);
    const shown = NORMALISERS.map((n) => n.type).filter((t) => !imports.includes(t));
    expect([...types].sort()).toEqual(shown.sort());
    expect(new Set(snap.accounts.map((a) => a.cloud))).toEqual(new Set(['aws', 'azure', 'gcp']));
  });

  it('contains the classic misconfigurations and their good counterparts', async () => {
    const { records } = normaliseAll(await load(1));
    const com = (cloud: string, type: string) =>
      records
        .filter((r) => r.com.cloud_type === cloud && r.com.record_type === type)
        .map((r) => r.com as Record<string, unknown>);
    const names = (rows: Record<string, unknown>[], pred: (c: Record<string, unknown>) => boolean) =>
      rows.filter(pred).map((c) => c.name);

    const vms = com('azure', 'compute');
    expect(names(vms, (c) => c.os_disk_encrypted === false)).toEqual(['web-vm-01']);
    expect(names(vms, (c) => c.os_disk_encrypted === true)).toEqual([
      'pay-vm-01',
      'app-vm-01',
      'batch-vm-01',
      'dev-vm-01',
    ]);

    const azureDbs = com('azure', 'rdbms');
    expect(names(azureDbs, (c) => c.tls_enforced === false)).toEqual([
      'acme-legacy-sql',
      'acme-pg-legacy',
      'acme-mysql-blog',
      'acme-pg-sandbox',
      'acme-mysql-wiki',
    ]);
    expect(names(azureDbs, (c) => c.tls_enforced === true)).toEqual([
      'acme-orders-sql',
      'acme-pg-reports',
      'acme-mysql-shop',
      'acme-pg-flex',
      'acme-mysql-orders',
      'acme-dev-sql',
    ]);

    const profiles = com('azure', 'log_profile');
    expect(profiles.map((c) => c.retention_days)).toEqual([90, 365]);

    const apps = com('azure', 'web_app');
    expect(apps.map((c) => [c.name, c.min_tls_version])).toEqual([
      ['acme-shop-web', '1.0'],
      ['acme-api', '1.2'],
    ]);

    const open = (cloud: string, port: string, source: string) =>
      records.some(
        (r) =>
          r.com.cloud_type === cloud &&
          r.com.record_type === 'firewall_rule' &&
          r.com.direction === 'inbound' &&
          r.com.access === 'allow' &&
          (r.com.destination_ports as string[]).includes(port) &&
          (r.com.source_addresses as string[]).includes(source),
      );
    expect(open('azure', '22', 'Internet')).toBe(true);
    expect(open('gcp', '3389', '0.0.0.0/0')).toBe(true);
    expect(open('aws', '22', '0.0.0.0/0')).toBe(true);
    expect(open('aws', '3306', '::/0')).toBe(true);
    expect(open('aws', '22', '198.51.100.0/24')).toBe(true);

    const buckets = com('aws', 'storage');
    expect(buckets.map((c) => [c.name, c.public_access])).toEqual([
      ['acme-prod-audit-logs', false],
      ['acme-prod-public-site', true],
      ['acme-prod-eu-exports', false],
      ['acme-dev-scratch', null],
    ]);
  });

  it('has both passing and failing resources for every shipped check', async () => {
    const { records } = normaliseAll(await load(1));
    const missing: string[] = [];
    for (const check of ALL_CHECKS) {
      if (check.kind !== 'resource' || check.opt_in) continue;
      const params = resolveParams(check, undefined);
      const statuses = new Set(
        records
          .filter((r) => r.ext.record_type === check.resource || r.com.record_type === check.resource)
          .map((r) => check.evaluate(r, params).status),
      );
      if (!statuses.has('pass') || !statuses.has('fail')) missing.push(check.id);
    }
    // the demo does not show these yet: each is tested on its own fixtures; shrink the list, never grow it
    expect(missing.sort()).toEqual([...DEMO_PAIR_PENDING].sort());
  });

  it('changes from day to day: fixed, new, regressed, re-tagged and deleted resources', async () => {
    const [d1, d2, d3] = await Promise.all(DEMO_DAYS.map(async (d) => normaliseAll(await load(d)).records));
    if (!d1 || !d2 || !d3) throw new Error('missing day');
    // fixed on day 2, back on day 3
    expect(byRef(d1, BASTION_SSH)).toBeDefined();
    expect(byRef(d2, BASTION_SSH)).toBeUndefined();
    expect(byRef(d3, BASTION_SSH)).toBeDefined();
    // new on day 2
    const debug =
      'arn:aws:ec2:us-east-1:444455556666:security-group/sg-0de0000000000d002#inbound/tcp:5432/0.0.0.0/0';
    expect(byRef(d1, debug)).toBeUndefined();
    expect(byRef(d2, debug)?.com.source_addresses).toEqual(['0.0.0.0/0']);
    // deleted on day 2
    const scratch = 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0de00000000000009';
    expect(byRef(d1, scratch)).toBeDefined();
    expect(byRef(d2, scratch)).toBeUndefined();
    // a harmless tag change
    const web1 = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0de00000000000001';
    expect(byRef(d1, web1)?.com.tags.owner).toBe('alice@example.com');
    expect(byRef(d2, web1)?.com.tags.owner).toBe('bob@example.com');
    expect(byRef(d2, web1)?.com.os_disk_encrypted).toBe(true);
    // fixed on day 3
    const shop = (recs: ResourceRecord[]) =>
      recs.find((r) => r.com.name === 'acme-shop-web')?.com.min_tls_version;
    expect([shop(d2), shop(d3)]).toEqual(['1.0', '1.2']);
  });
});

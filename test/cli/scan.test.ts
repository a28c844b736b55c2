import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checksOf } from '../../src/core/exposure.js';
import { type FindingRecord, findingRecordSchema } from '../../src/core/record.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
const db = join(dir, 'cw.db');
const cli = (...args: string[]) => runCli(['--db', db, ...args]);

const CLASSIC = [
  ['vm_os_disk_encryption_event', 'azure'],
  ['rdbms_enforce_tls_event', 'azure'],
  ['log_profile_retention_event', 'azure'],
  ['web_app_tls_event', 'azure'],
  ['firewall_rule_event', 'azure'],
  ['firewall_rule_event', 'gcp'],
  ['firewall_rule_event', 'aws'],
] as const;

describe('cloudward scan --demo', () => {
  let day1: { scan: { id: string }; findings: unknown[] };

  beforeAll(async () => {
    const r = await cli('scan', '--demo', '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    day1 = JSON.parse(r.stdout);
  });

  it('writes {scan, findings} with valid finding records', () => {
    expect(day1.scan.id).toMatch(/^\d{8}T\d{9}Z$/);
    expect(day1.findings.length).toBeGreaterThan(5);
    for (const f of day1.findings) findingRecordSchema.parse(f);
  });

  it('finds the classic cases, each with its Cloudmarker record type and a recommendation', () => {
    const findings = day1.findings.map((f) => findingRecordSchema.parse(f));
    for (const [type, cloud] of CLASSIC) {
      const hit = findings.find(
        (f) => f.com.record_type === type && f.com.cloud_type === cloud && f.com.status === 'fail',
      );
      expect(hit, `${type} on ${cloud}`).toBeDefined();
      expect(hit?.com.recommendation.length).toBeGreaterThan(20);
      expect(hit?.com.state).toBe('new');
    }
  });

  it('produces no finding for the good resources of the demo', () => {
    const names = day1.findings.map((f) => findingRecordSchema.parse(f).com.name);
    for (const good of ['web-vm-02', 'acme-pg-prod', 'acme-shop-api']) expect(names).not.toContain(good);
  });

  it('reports lifecycle states a day later, and a regression on day 3', async () => {
    const d2 = await cli('scan', '--demo', 'day2', '--format', 'json', '--quiet');
    const doc2 = JSON.parse(d2.stdout);
    const states2 = doc2.findings.map((f: { com: { state: string } }) => f.com.state);
    expect(states2).toContain('open');
    expect(states2).toContain('new');
    // what day 2 resolved is listed apart from the live failures
    expect(states2).not.toContain('resolved');
    expect(doc2.resolved.map((f: { com: { state: string } }) => f.com.state)).toContain('resolved');
    const d3 = await cli('scan', '--demo', 'day3', '--format', 'jsonl', '--quiet');
    const lines = d3.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((f) => f.com.state)).toContain('regressed');
  });

  it('prints a summary first: counts by severity and state, top findings, compliance', async () => {
    const r = await cli('scan', '--demo', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Failing +\d+ findings: \d+ critical, \d+ high, \d+ medium/m);
    expect(r.stdout).toMatch(/^ +\d+ new, \d+ open, \d+ regressed/m);
    expect(r.stdout).toMatch(/^TOP FINDINGS: 10 of \d+ failing/m);
    expect(r.stdout).toContain('COMPLIANCE');
    expect(r.stdout).toMatch(/cloudward-baseline-1\.0 +\d+ pass, \d+ fail/);
    expect(r.stdout.includes('\u001b[')).toBe(false);
  });

  it('exits 1 with --fail-on when live findings reach the severity, 0 when none do', async () => {
    expect((await cli('scan', '--demo', '--quiet', '--fail-on', 'high')).code).toBe(1);
    // the log retention check is low severity: nothing reaches high
    expect(
      (await cli('scan', '--demo', '--quiet', '--checks', 'common.logging.*', '--fail-on', 'high')).code,
    ).toBe(0);
    expect(
      (await cli('scan', '--demo', '--quiet', '--checks', 'common.logging.*', '--fail-on', 'low')).code,
    ).toBe(1);
  });

  it('writes csv to a file with --output', async () => {
    const out = join(dir, 'r.csv');
    const r = await cli('scan', '--demo', '--quiet', '--format', 'csv', '--output', out);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(
      'finding_id,state,severity,status,check_id,record_type,cloud_type,account,region,reference,name,description,recommendation,compliance,first_seen,last_seen,result',
    );
    expect(text.split('\n').length).toBeGreaterThan(5);
  });

  it('restricts to --checks and to a --framework', async () => {
    const r = await cli('scan', '--demo', '--quiet', '--format', 'json', '--checks', 'common.database.*');
    const checks = new Set(
      JSON.parse(r.stdout).findings.map((f: { ext: { check_id: string } }) => f.ext.check_id),
    );
    expect([...checks]).toEqual(['common.database.tls_enforced']);
    const f = await cli(
      'scan',
      '--demo',
      '--quiet',
      '--framework',
      'cloudward-baseline-1.0',
      '--format',
      'json',
    );
    expect(f.code).toBe(0);
  });

  it('saves a snapshot and audits it offline with the same results', async () => {
    const snap = join(dir, 'snap.json');
    const a = await cli('scan', '--demo', '--quiet', '--format', 'json', '--save-snapshot', snap);
    expect(statSync(snap).size).toBeGreaterThan(1000);
    const b = await cli('scan', '--snapshot', snap, '--quiet', '--format', 'json');
    expect(b.code, b.stderr).toBe(0);
    const ids = (s: string) =>
      JSON.parse(s)
        .findings.map((f: { com: { finding_id: string } }) => f.com.finding_id)
        .sort();
    expect(ids(b.stdout)).toEqual(ids(a.stdout));
  });
});

describe('one exposure, one finding (demo)', () => {
  const edb = join(dir, 'exposure.db');
  const ecli = (...args: string[]) => runCli(['--db', edb, ...args]);
  const SSH = 'aws.ec2.no_admin_ports_from_ipv4_internet';
  const FW = 'common.network.no_sensitive_port_open_to_internet';
  let findings: FindingRecord[] = [];
  const bastion22 = (list: FindingRecord[]) =>
    list.filter((f) => f.com.name === 'bastion inbound tcp:22 from 0.0.0.0/0');

  beforeAll(async () => {
    const r = await ecli('scan', '--demo', '--quiet', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    findings = JSON.parse(r.stdout).findings.map((f: unknown) => findingRecordSchema.parse(f));
  });

  it('shows bastion:22 once, carrying the CIS and the baseline mappings', () => {
    const [f, ...more] = bastion22(findings);
    expect(more).toEqual([]);
    expect(f?.ext.check_id).toBe(SSH);
    expect(f?.ext.also).toEqual(expect.arrayContaining([FW]));
    expect(f?.com.compliance).toEqual(
      expect.arrayContaining(['cis-aws-7.0:6.3', 'cis-aws-5.0:5.3', 'cloudward-baseline-1.0:1.1']),
    );
    expect(f?.com.record_type).toBe('firewall_rule_event');
    // no two findings of a scan are about the same exposure
    const exposures = findings
      .filter((x) => x.ext.exposure)
      .map((x) => `${x.ext.exposure} ${x.com.reference}`);
    expect(new Set(exposures).size).toBe(exposures.length);
  });

  it("keeps every check's own result, so each framework is judged on its own checks", async () => {
    for (const framework of ['cis-aws-7.0', 'cloudward-baseline-1.0']) {
      const r = await ecli('frameworks', 'show', framework, '--json');
      expect(r.code, r.stderr).toBe(0);
      const reqs: { id: string; status: string; checks: string[]; counts: { fail: number } }[] = JSON.parse(
        r.stdout,
      ).requirements;
      for (const req of reqs.filter((q) => q.checks.some((c) => c === SSH || c === FW))) {
        // every failing check of a requirement is one fail result, whether or not its finding was merged
        const expected = findings
          .filter((f) => f.com.status === 'fail')
          .reduce((n, f) => n + checksOf(f).filter((c) => req.checks.includes(c)).length, 0);
        expect(req.counts.fail, `${framework} ${req.id}`).toBe(expected);
        expect(req.status, `${framework} ${req.id}`).toBe('fail');
      }
    }
  });

  it("keeps the finding's id and life whichever of its checks are selected", async () => {
    const id = bastion22(findings)[0]?.com.finding_id;
    for (const checks of [FW, SSH, `${FW},${SSH}`]) {
      const r = await ecli('scan', '--demo', '--quiet', '--format', 'json', '--checks', checks);
      const again = bastion22(JSON.parse(r.stdout).findings);
      expect(
        again.map((f) => [f.com.finding_id, f.com.state]),
        checks,
      ).toEqual([[id, 'open']]);
    }
    const listed = await ecli('findings', 'list', '--format', 'json');
    const lives = (JSON.parse(listed.stdout).findings as FindingRecord[]).filter(
      (f) => f.com.finding_id === id,
    );
    expect(lives.map((f) => f.com.state)).toEqual(['open']);
  });
});

describe('a snapshot item with a field of the wrong type', () => {
  it('turns into error results naming the field, while the rest of the estate is judged', async () => {
    const snap = JSON.parse(readFileSync(new URL('../../demo/day1.json', import.meta.url), 'utf8'));
    let where = '';
    for (const a of snap.accounts) {
      for (const c of a.collections) {
        if (c.type !== 'aws.ec2.security_group') continue;
        c.items.forEach(
          (it: { item: { GroupName: string; IpPermissions: { IpRanges: unknown }[] } }, i: number) => {
            if (it.item.GroupName !== 'bastion') return;
            it.item.IpPermissions[0]!.IpRanges = '0.0.0.0/0';
            where = `aws.ec2.security_group item ${i}: IpPermissions[0].IpRanges: expected an array, got string`;
          },
        );
      }
    }
    expect(where).not.toBe('');
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await runCli([
      '--db',
      join(dir, 'tampered.db'),
      'scan',
      '--snapshot',
      file,
      '--quiet',
      '--format',
      'json',
    ]);
    // failures and results that could not be evaluated are listed apart in the JSON output
    const doc = JSON.parse(r.stdout);
    const findings = [...doc.findings, ...doc.could_not_evaluate].map((f: unknown) =>
      findingRecordSchema.parse(f),
    );
    const errors = findings.filter(
      (f: FindingRecord) => f.com.status === 'error' && f.com.description.includes(where),
    );
    const checks = new Set(
      errors.flatMap((f: FindingRecord) => [f.ext.check_id, ...((f.ext.also as string[]) ?? [])]),
    );
    for (const id of [
      'common.network.no_sensitive_port_open_to_internet',
      'aws.ec2.no_admin_ports_from_ipv4_internet',
      'aws.ec2.default_security_group_restricts_all',
    ])
      expect(checks, id).toContain(id);
    // the bastion's SSH rule is not silently passed: it is simply not judged, and says so
    expect(
      findings.some((f: FindingRecord) => f.com.status === 'fail' && f.com.name.startsWith('bastion')),
    ).toBe(false);
    // the other clouds' open SSH rules are still found
    expect(
      findings.some(
        (f: FindingRecord) =>
          f.com.cloud_type === 'azure' &&
          f.com.record_type === 'firewall_rule_event' &&
          f.com.status === 'fail',
      ),
    ).toBe(true);
  });
});

describe('bad input gets one clear message and exit 2', () => {
  it.each([
    [['scan', '--demo', 'nope'], 'unknown demo snapshot "nope"'],
    [['scan', '--demo', '--checks', 'common.nope'], 'unknown check "common.nope"'],
    [['scan', '--demo', '--framework', 'cis-nope'], 'unknown framework "cis-nope"'],
    [['scan', '--audit', 'nope'], 'unknown audit "nope"'],
    [['scan', '--snapshot', '/nonexistent/snap.json'], '/nonexistent/snap.json'],
    [['scan', '--demo', '--format', 'xml'], 'Allowed choices are table, json, jsonl, csv'],
    [['scan', '--bogus'], "unknown option '--bogus'"],
  ])('%j', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('a corrupt database is refused, named, and left untouched', async () => {
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, 'not a database at all');
    const r = await runCli(['--db', bad, 'findings', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(readFileSync(bad, 'utf8')).toBe('not a database at all');
  });

  it('a broken config names the file, line and column', async () => {
    const cfg = join(dir, 'broken.yaml');
    writeFileSync(cfg, 'audits:\n  x: [\n');
    const r = await cli('--config', cfg, 'config', 'validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${cfg}:\\d+:\\d+`));
  });

  it('--help and --version exit 0', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('scan', '--help')).code).toBe(0);
    expect((await cli('--version')).code).toBe(0);
  });
});

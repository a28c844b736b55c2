import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../src/core/record.js';
import { diffResource } from '../../src/core/resource-diff.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from './fixtures.js';

/*
 * Item 22 of issue 9: diff and history show what changed in a resource, not what changes on
 * every scan by construction (the collection time, day counts derived from it); diff compares
 * the latest audit when none is given; findings list names each finding's audit.
 */

const dir = tempDir('cw-diff-');
const db = join(dir, 'cw.db');
const cli = (...args: string[]) => runCli(['--db', db, ...args]);

describe('diff and history between demo day 1 and day 2', () => {
  let diff: string;

  beforeAll(async () => {
    // the demo's days are a day apart: the credential report is collected a day later
    expect((await cli('scan', '--demo', 'day1', '--quiet', '--no-progress')).code).toBe(0);
    expect((await cli('scan', '--demo', 'day2', '--quiet', '--no-progress')).code).toBe(0);
    const r = await cli('diff');
    expect(r.code, r.stderr).toBe(0);
    diff = r.stdout;
  });

  it('diff picks the latest audit without --audit', () => {
    expect(diff).toMatch(/^scan \d{8}T\d{9}Z -> \d{8}T\d{9}Z \(audit demo\)$/m);
  });

  it('does not show the collection time or the day counters as changes', () => {
    for (const field of [
      'collectedAt',
      'age_days',
      'last_used_days',
      'password_last_used_days',
      'user_created_days',
    ])
      expect(diff).not.toContain(field);
    // the credential report rows did not change otherwise: they are not listed as changed
    expect(diff).not.toMatch(/aws\.iam\.credential_report/);
  });

  it('still shows real changes (a rule narrowed, a tag changed)', () => {
    expect(diff).toContain('raw.item.IpPermissions.0.IpRanges.0.CidrIp: "0.0.0.0/0" -> "198.51.100.0/24"');
    expect(diff).toContain('com.tags.owner: "alice@example.com" -> "bob@example.com"');
  });

  it('history of a credential report row: unchanged across the days', async () => {
    const r = await cli('history', 'bob');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('age_days');
    expect(r.stdout).toMatch(/: unchanged$/m);
  });

  it('findings list shows the audit of each finding', async () => {
    const snap = join(dir, 'snap.json');
    await cli(
      'scan',
      '--demo',
      '--quiet',
      '--no-progress',
      '--save-snapshot',
      snap,
      '--checks',
      'common.network.*',
    );
    await cli('scan', '--snapshot', snap, '--quiet', '--no-progress', '--checks', 'common.network.*');
    const r = await cli('findings', 'list', '--check', 'common.network.no_sensitive_port_open_to_internet');
    expect(r.stdout).toMatch(/^ID +AUDIT +RESULT/m);
    expect(r.stdout).toMatch(/^[0-9a-f]{8} +demo +FAIL/m);
    expect(r.stdout).toMatch(/^[0-9a-f]{8} +snapshot +FAIL/m);
    // and diff now compares the latest audit, the snapshot's, which has one scan
    const d = await cli('diff');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('audit "snapshot" needs two complete scans');
  });
});

describe('diffResource', () => {
  const base = (over: { raw?: object; ext?: object }): ResourceRecord => ({
    raw: { item: { user: 'bob' }, collectedAt: '2025-03-03T06:00:00.000Z', ...over.raw },
    ext: {
      record_type: 'aws.iam.credential_report',
      access_keys: [{ active: true, age_days: 56, last_used_days: 1 }],
      password_last_used_days: 0,
      days_since_expiry: 3,
      retention_days: 30,
      ...over.ext,
    },
    com: {
      cloud_type: 'aws',
      record_type: 'identity_user',
      reference: 'arn:aws:iam::111122223333:user/bob',
      name: 'bob',
      account: '111122223333',
      region: 'global',
      service: 'iam',
      tags: {},
      origin_key: 'aws.iam.credential_report',
      origin_type: 'cloud',
    },
  });

  it('ignores the collection time and the day counters derived from it', () => {
    const a = base({});
    const b = base({
      raw: { collectedAt: '2025-03-04T06:00:00.000Z' },
      ext: {
        access_keys: [{ active: true, age_days: 57, last_used_days: 2 }],
        password_last_used_days: 1,
        days_since_expiry: 4,
      },
    });
    expect(diffResource(a, b)).toEqual([]);
  });

  it('keeps configured day values and every other change', () => {
    const a = base({});
    const b = base({
      ext: { retention_days: 90, access_keys: [{ active: false, age_days: 57, last_used_days: 2 }] },
    });
    expect(diffResource(a, b).map((c) => c.path)).toEqual(['ext.access_keys.0.active', 'ext.retention_days']);
  });
});

describe('diff of a finding several checks report (one exposure)', () => {
  const db3 = join(tempDir('cw-diff-exposure-'), 'cw.db');
  const cli3 = (...args: string[]) => runCli(['--db', db3, ...args]);

  it('shows the reopened bastion rule as the critical finding it is, not as one of its lesser checks', async () => {
    // day 3 reopens bastion's SSH rule to 0.0.0.0/0: four checks fail on that one rule, one
    // finding (critical) whose primary check is aws.ec2.no_admin_ports_from_ipv4_internet
    const checks = ['--checks', 'aws.ec2.*,common.network.*'];
    expect((await cli3('scan', '--demo', 'day2', '--quiet', '--no-progress', ...checks)).code).toBe(0);
    expect((await cli3('scan', '--demo', 'day3', '--quiet', '--no-progress', ...checks)).code).toBe(0);
    const r = await cli3('diff');
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.replace(/\n {4,}/g, ' ');
    expect(text).toContain('findings: 1 opened, 0 closed');
    expect(text).toMatch(
      /\+ FAIL \[critical\] aws\.ec2\.no_admin_ports_from_ipv4_internet aws:bastion inbound tcp:22 from 0\.0\.0\.0\/0/,
    );
    expect(text).not.toContain('[high] aws.ec2.unrestricted_ingress_authorized_ports_only');
    const json = JSON.parse((await cli3('diff', '--json')).stdout) as {
      findings: { opened: { check_id: string; severity: string }[] };
    };
    expect(json.findings.opened.map((f) => [f.check_id, f.severity])).toEqual([
      ['aws.ec2.no_admin_ports_from_ipv4_internet', 'critical'],
    ]);
  });
});

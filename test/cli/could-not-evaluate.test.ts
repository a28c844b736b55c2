import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/errors.js';
import { type FindingRecord, findingRecordSchema } from '../../src/core/record.js';
import { runCli } from '../helpers/run-cli.js';
import { accessDenied, securityGroup, snapshot, tempDir, writeSnapshot } from './fixtures.js';

/*
 * Item 9 of issue 9: a collection error is "could not evaluate", apart from findings. It has
 * its own section and count, is never counted among failures or tripped by --fail-on, and
 * --fail-on-error gates on it. Text logs say why, once per collector and reason.
 */

const dir = tempDir('cw-cne-');
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];

/** RDS denied in three regions (the demo's SCP case, at scale); nothing else in the estate. */
const deniedOnly = writeSnapshot(
  dir,
  'denied.json',
  snapshot(
    REGIONS.map((region) => ({
      region,
      type: 'aws.rds.db_instance',
      error: accessDenied('rds:DescribeDBInstances', region),
    })),
  ),
);

/** The same denial, plus SSH open to the world: one definite high failure. */
const deniedAndOpen = writeSnapshot(
  dir,
  'denied-open.json',
  snapshot([
    ...REGIONS.map((region) => ({
      region,
      type: 'aws.rds.db_instance',
      error: accessDenied('rds:DescribeDBInstances', region),
    })),
    {
      region: 'us-east-1',
      type: 'aws.ec2.security_group',
      items: [securityGroup('sg-01', 'bastion', 'us-east-1')],
    },
  ]),
);

const RDS = 'aws.rds.instance_storage_encrypted,aws.rds.instance_not_publicly_accessible';
const scan = (db: string, file: string, ...args: string[]) =>
  runCli(['--db', join(dir, db), 'scan', '--snapshot', file, '--no-progress', ...args]);

describe('results that could not be evaluated', () => {
  let table: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    table = await scan('t.db', deniedOnly, '--checks', RDS);
  });

  it('have their own section and count in the terminal, not among failures', () => {
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Failing +0 findings: 0 critical, 0 high, 0 medium/m);
    expect(table.stdout).toMatch(/^Could not evaluate +6 results \(3 collection errors\)/m);
    expect(table.stdout).toMatch(/^COULD NOT EVALUATE \(6\)/m);
    // one group: the same denial in three regions, with the reason
    // the account is shown by its name, with its id
    expect(table.stdout).toMatch(/6 results of 2 checks in aws test-account \(111122223333\) 3 regions/);
    expect(table.stdout).toContain('rds:DescribeDBInstances AccessDenied');
    expect(table.stdout).not.toMatch(/^TOP FINDINGS/m);
  });

  it('text logs say why, one line per collector and reason with its regions', () => {
    const warns = table.stderr.split('\n').filter((l) => l.startsWith('warn'));
    expect(warns).toHaveLength(1);
    expect(warns[0]).toContain('aws.rds.db_instance could not be collected in aws 111122223333 3 regions');
    expect(warns[0]).toContain('rds:DescribeDBInstances AccessDenied: User: arn:aws:sts::111122223333');
    expect(warns[0]).toContain('arn:aws:rds:<region>:111122223333:db:*');
  });

  it('JSON logs keep the fields: regions and reason', async () => {
    const r = await scan('j.db', deniedOnly, '--checks', RDS, '--log-format', 'json', '--format', 'json');
    const logs = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const denied = logs.find((l) => l.source === 'aws.rds.db_instance');
    expect(denied).toMatchObject({ level: 'warn', regions: REGIONS, account: '111122223333' });
    expect(String(denied?.reason)).toContain('AccessDenied');
  });

  it('--fail-on never trips on them; --fail-on-error exits 4', async () => {
    expect((await scan('g1.db', deniedOnly, '--checks', RDS, '--quiet', '--fail-on', 'info')).code).toBe(
      EXIT.ok,
    );
    const gated = await scan('g2.db', deniedOnly, '--checks', RDS, '--fail-on-error');
    expect(gated.code).toBe(EXIT.couldNotEvaluate);
    expect(gated.code).toBe(4);
    expect(gated.stderr).toContain('exit 4 (--fail-on-error)');
  });

  it('a definite failure still trips --fail-on (1 wins over 4 when both gates apply)', async () => {
    const checks = `${RDS},common.network.no_sensitive_port_open_to_internet`;
    expect(
      (await scan('b1.db', deniedAndOpen, '--checks', checks, '--quiet', '--fail-on', 'high')).code,
    ).toBe(1);
    expect(
      (
        await scan(
          'b2.db',
          deniedAndOpen,
          '--checks',
          checks,
          '--quiet',
          '--fail-on',
          'high',
          '--fail-on-error',
        )
      ).code,
    ).toBe(1);
    expect((await scan('b3.db', deniedAndOpen, '--checks', checks, '--quiet', '--fail-on-error')).code).toBe(
      4,
    );
  });

  it('JSON output lists failures, results that could not be evaluated and resolved findings apart', async () => {
    const checks = `${RDS},common.network.no_sensitive_port_open_to_internet`;
    const r = await scan('json.db', deniedAndOpen, '--checks', checks, '--quiet', '--format', 'json');
    const doc = JSON.parse(r.stdout) as {
      summary: {
        failing: { total: number; by_severity: Record<string, number> };
        could_not_evaluate: number;
      };
      findings: FindingRecord[];
      could_not_evaluate: FindingRecord[];
      resolved: FindingRecord[];
    };
    expect(doc.findings.map((f) => [f.ext.check_id, f.com.status, f.com.live])).toEqual([
      ['common.network.no_sensitive_port_open_to_internet', 'fail', true],
    ]);
    expect(doc.could_not_evaluate).toHaveLength(6);
    expect(doc.could_not_evaluate.every((f) => f.com.status === 'error' && f.com.live === true)).toBe(true);
    expect(doc.summary.failing.total).toBe(1);
    expect(doc.summary.could_not_evaluate).toBe(6);
    expect(doc.resolved).toEqual([]);
    for (const f of [...doc.findings, ...doc.could_not_evaluate]) findingRecordSchema.parse(f);
  });
});

describe('a resolved finding in JSON output', () => {
  it('is never in the findings list, and is marked live: false (json and jsonl)', async () => {
    const db = join(dir, 'resolved.db');
    const open = writeSnapshot(
      dir,
      'open.json',
      snapshot([
        {
          region: 'us-east-1',
          type: 'aws.ec2.security_group',
          items: [securityGroup('sg-01', 'bastion', 'us-east-1')],
        },
      ]),
    );
    const fixed = writeSnapshot(
      dir,
      'fixed.json',
      snapshot([
        {
          region: 'us-east-1',
          type: 'aws.ec2.security_group',
          items: [securityGroup('sg-01', 'bastion', 'us-east-1', { cidr: '198.51.100.0/24' })],
        },
      ]),
    );
    const checks = ['--checks', 'common.network.*', '--quiet', '--no-progress'];
    expect((await runCli(['--db', db, 'scan', '--snapshot', open, ...checks])).code).toBe(0);
    const r = await runCli(['--db', db, 'scan', '--snapshot', fixed, ...checks, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { findings: FindingRecord[]; resolved: FindingRecord[] };
    expect(doc.findings).toEqual([]);
    expect(doc.resolved.map((f) => [f.com.state, f.com.live])).toEqual([['resolved', false]]);

    const lines = (
      await runCli(['--db', db, 'findings', 'list', '--state', 'all', '--format', 'jsonl'])
    ).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FindingRecord);
    expect(lines.map((f) => [f.com.state, f.com.live])).toEqual([['resolved', false]]);
  });
});

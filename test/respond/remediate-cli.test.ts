import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { callLines } from '../../src/cli/remediate-text.js';
import { visibleWidth } from '../../src/output/text-layout.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { setEnv } from '../providers/aws/fixture-endpoint.js';
import { eventOf, life, summary } from '../store/fixtures.js';
import { ACCESS_KEY, ACCOUNT, type FakeAws, REGION, startFakeAws } from './fake-aws.js';

/*
 * `cloudward remediate` as a user runs it: from a saved selection (a saved query of finding
 * ids), its dry run laid out in 80 columns with every parameter kept, and --apply --yes.
 */

const CHECK = 'aws.s3.bucket_default_encryption_enabled';
const LONG = `plain-bucket-with-a-name-long-enough-to-need-wrapping-${'x'.repeat(8)}`;
let dir: string;
let db: string;
let file: string;
let aws: FakeAws;
let env: { restore(): void };

async function seed(): Promise<{ open: string; resolved: string }> {
  const store = await openSqliteStore(db);
  const open = life({ checkId: CHECK, reference: `arn:aws:s3:::${LONG}`, state: 'new' });
  const done = life({
    checkId: CHECK,
    reference: 'arn:aws:s3:::fixed-bucket',
    state: 'resolved',
    resolvedAt: '2024-03-02T00:00:00.000Z',
  });
  const scan = summary('20240301T000000Z', 'nightly', '2024-03-01T00:00:00.000Z');
  const w = await store.beginScan(scan);
  await w.commit(scan, [open, done], [eventOf(open, scan.id), eventOf(done, scan.id)]);
  const q = await store.openQueries();
  await q.saveQuery({
    name: 'unencrypted',
    sql: `SELECT finding_id FROM findings WHERE check_id = '${CHECK}'`,
  });
  await q.saveQuery({ name: 'no-ids', sql: 'SELECT check_id FROM findings' });
  await q.close();
  await store.close();
  return { open: open.finding_id, resolved: done.finding_id };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-remediate-'));
  db = join(dir, 'cw.db');
  file = join(dir, 'cloudward.yaml');
  aws = await startFakeAws();
  env = setEnv({
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'fixture-secret-not-real',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_PROFILE: undefined,
    COLUMNS: '80',
  });
  writeFileSync(
    file,
    `providers:
  prod: { type: aws, regions: [${REGION}], max_attempts: 1 }
stores:
  main: { type: sqlite, path: ${JSON.stringify(db)} }
defaults: { audit: nightly, store: main }
audits:
  nightly: { providers: [prod], store: main }
respond:
  allow: { accounts: ["${ACCOUNT}"] }
`,
  );
  aws.buckets.set(LONG, { publicAccessBlock: null, encryption: null });
});
afterEach(async () => {
  env.restore();
  vi.restoreAllMocks();
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await main(['node', 'cloudward', '--config', file, '-q', ...args]);
    return { code, out: out.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('remediate --selection', () => {
  it('dry run of the live findings of a saved query, in 80 columns, every parameter kept', async () => {
    const ids = await seed();
    const { code, out } = await cli('remediate', '--selection', 'unencrypted');
    expect(code).toBe(0);
    // wrapped text, continuation lines rejoined
    expect(out.replace(/\n +/g, ' ')).toContain(
      `finding ${ids.resolved} of selection unencrypted is resolved: skipped`,
    );
    expect(out).toContain(`finding ${ids.open}`);
    expect(out).toContain('aws.s3.enable_default_encryption: would call');
    for (const line of out.split('\n')) expect(visibleWidth(line), line).toBeLessThanOrEqual(80);
    // the wrapped call, rejoined, is exactly the call's JSON
    const joined = out.replace(/\n +/g, '');
    expect(joined).toContain(
      `s3:PutBucketEncryption {"Bucket":"${LONG}","ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}}`,
    );
    expect(aws.writes).toEqual([]);
  });

  it('--dry-run says the default out loud: the same calls shown, none made; with --apply it is refused', async () => {
    await seed();
    const dry = await cli('remediate', '--selection', 'unencrypted', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('aws.s3.enable_default_encryption: would call');
    expect(aws.writes).toEqual([]);
    expect((await cli('remediate', '--selection', 'unencrypted', '--dry-run', '--apply', '--yes')).code).toBe(
      2,
    );
    expect(aws.writes).toEqual([]);
  });

  it('--apply --yes acts on the selection; the action is recorded', async () => {
    await seed();
    const { code, out } = await cli('remediate', '--selection', 'unencrypted', '--apply', '--yes');
    expect(code).toBe(0);
    expect(out).toMatch(/act-\S+: applied; undo with: cloudward remediate undo act-/);
    expect(aws.buckets.get(LONG)?.encryption).toEqual({ algorithm: 'AES256' });
    expect(aws.writes).toEqual([`s3:PUT /${LONG}/?encryption=`]);
  });

  it('an unknown selection, or one without finding ids, is bad input naming what to fix', async () => {
    await seed();
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    expect((await cli('remediate', '--selection', 'nope')).code).toBe(2);
    expect(err.join('')).toContain('no saved query named "nope"');
    expect((await cli('remediate', '--selection', 'no-ids')).code).toBe(2);
    expect(err.join('')).toContain('its query has no finding_id column (columns: check_id)');
    expect((await cli('remediate', 'abc', '--selection', 'unencrypted')).code).toBe(2);
    expect(aws.writes).toEqual([]);
  });
});

describe('remediate FINDING_ID', () => {
  it('takes the 8-character id `findings list` shows, as `findings show` does', async () => {
    const ids = await seed();
    const short = ids.open.slice(0, 8);
    const { code, out } = await cli('remediate', short);
    expect(code).toBe(0);
    expect(out).toContain(`finding ${ids.open}`);
    expect(out).toContain('aws.s3.enable_default_encryption: would call');
    expect(aws.writes).toEqual([]);
  });

  it('a resolved finding by its short id: nothing to remediate, exit 2', async () => {
    const ids = await seed();
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    expect((await cli('remediate', ids.resolved.slice(0, 8))).code).toBe(2);
    expect(err.join('')).toContain('is resolved: nothing to remediate');
    expect((await cli('remediate', 'ffffffff')).code).toBe(2);
    expect(err.join('')).toContain('no finding with id ffffffff');
  });
});

describe('dry-run lines', () => {
  it('fit the width, breaking the JSON only between its parts; a value with no break point is cut', () => {
    const calls = [
      {
        action: 'ec2:RevokeSecurityGroupIngress',
        params: {
          GroupId: 'sg-0a1b2c3d4e5f60718',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
        why: 'remove tcp:22 from 0.0.0.0/0',
      },
      { action: 's3:PutBucketEncryption', params: { Bucket: 'b'.repeat(120) } },
    ];
    const lines = callLines(calls, '    ', 80);
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ {4}ec2:RevokeSecurityGroupIngress \{/);
    // continuation lines hang under the call
    const starts = lines.flatMap((l, i) => (/^ {4}\S/.test(l) ? [i] : []));
    expect(starts).toHaveLength(2);
    expect(lines.filter((_, i) => !starts.includes(i)).every((l) => l.startsWith('        '))).toBe(true);
    expect(lines.join('').replace(/ {2,}/g, '')).toContain(`"Bucket":"${'b'.repeat(120)}"`);
    // a short call stays on one line
    expect(callLines([{ action: 'ec2:EnableEbsEncryptionByDefault', params: {} }], '    ', 80)).toEqual([
      '    ec2:EnableEbsEncryptionByDefault {}',
    ]);
  });
});

describe('remediation permissions on the command line', () => {
  it('policy azure / gcp --remediation print the write roles; remediate actions lists every cloud', async () => {
    const az = await cli(
      'policy',
      'azure',
      '--remediation',
      '--scope',
      `/subscriptions/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`,
    );
    expect(az.code).toBe(0);
    const role = JSON.parse(az.out) as { Name: string; Actions: string[]; AssignableScopes: string[] };
    expect(role.Name).toBe('Cloudward Remediation');
    expect(role.Actions).toContain('Microsoft.Network/networkSecurityGroups/securityRules/delete');
    expect(role.AssignableScopes).toEqual([
      `/subscriptions/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`,
    ]);

    const g = await cli(
      'policy',
      'gcp',
      '--remediation',
      '--actions',
      'gcp.compute.disable_internet_firewall_rule',
    );
    expect(g.code).toBe(0);
    expect(g.out).toContain('title: Cloudward Remediation');
    expect(g.out).toContain('- compute.networks.updatePolicy');
    expect(g.out).not.toContain('storage.buckets.setIamPolicy');

    const list = await cli('remediate', 'actions');
    expect(list.code).toBe(0);
    // lists of checks and permissions wrap under their label in the 80 columns the CLI is given
    for (const line of list.out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const text = list.out.replace(/\n +/g, ' ');
    expect(text).toContain('azure.storage.disable_blob_public_access');
    expect(text).toMatch(
      /gcp\.compute\.disable_internet_firewall_rule[\s\S]*?permissions: compute\.firewalls\.get, compute\.firewalls\.update, compute\.networks\.updatePolicy/,
    );
  });
});

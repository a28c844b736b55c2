import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDetectCommand } from '../../src/cli/detect.js';
import { EXIT, takeExitCode, UserError } from '../../src/cli/errors.js';
import { ConfigError } from '../../src/config/load.js';
import { findingRecordSchema } from '../../src/core/record.js';
import { openDetectionStore } from '../../src/store/sqlite-detections.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The detect command under the same global options and error mapping as the real CLI. */
/** Runs `cloudward ARGS` in this process, its stdout laid out for `columns` (160 unless set). */
async function detect(args: string[], during?: (stdout: () => string) => void): Promise<Run> {
  const program = new Command('cloudward')
    .option('-c, --config <file>', 'config', (v: string, prev: string[] = []) => [...prev, v])
    .option('--db <path>', 'store')
    .option('-q, --quiet', 'quiet')
    .option('--no-color', 'no colour')
    .exitOverride();
  registerDetectCommand(program);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeErr: () => {} });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const saved = { NO_COLOR: process.env.NO_COLOR, HOME: process.env.HOME, COLUMNS: process.env.COLUMNS };
  process.env.NO_COLOR = '1';
  process.env.HOME = home;
  process.env.COLUMNS = String(columns);
  try {
    takeExitCode();
    const run = program.parseAsync(['node', 'cloudward', ...args]);
    during?.(() => stdout);
    await run;
    return { code: takeExitCode(), stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: EXIT.input, stdout, stderr: stderr + e.message };
    if (e instanceof UserError) return { code: e.exitCode, stdout, stderr: stderr + e.message };
    // as main() reports a config that does not load
    if (e instanceof ConfigError) return { code: EXIT.input, stdout, stderr: stderr + e.problems.join('\n') };
    throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

let dir: string;
let home: string;
let columns = 160;
let db: string;

const ACCOUNT = '111122223333';
let n = 0;
function ct(eventName: string, eventSource: string, extra: Record<string, unknown> = {}, sec = 0) {
  n += 1;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEALICE0001',
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      userName: 'alice',
    },
    eventTime: new Date(Date.UTC(2026, 4, 4, 9, 0, sec)).toISOString().replace('.000', ''),
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: null,
    responseElements: null,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...extra,
  };
}

const stop = () =>
  ct('StopLogging', 'cloudtrail.amazonaws.com', { requestParameters: { name: 'org-trail' } });
const openSg = () =>
  ct('AuthorizeSecurityGroupIngress', 'ec2.amazonaws.com', {
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
        ],
      },
    },
  });
const benign = () => ct('DescribeInstances', 'ec2.amazonaws.com', { readOnly: true });

/** A CloudTrail delivery tree with one gzipped Records file. */
function trail(
  events: object[],
  name = '111122223333_CloudTrail_us-east-1_20260504T0900Z_abc.json.gz',
): string {
  const d = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, name), gzipSync(JSON.stringify({ Records: events })));
  return join(dir, 'AWSLogs');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-detect-'));
  home = join(dir, 'home');
  mkdirSync(home);
  db = join(dir, 'store.db');
});
afterEach(() => {
  takeExitCode();
  columns = 160;
});

function ndjson(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('cloudward detect', () => {
  it('fits the table to an 80-column terminal: a detection on two lines, addresses never cut', async () => {
    columns = 80;
    const actor = {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEROLE000001:a-very-long-session-name-from-a-federated-identity-provider',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OrganizationAccountAccessRole/a-very-long-session-name-from-a-federated-identity-provider`,
      accountId: ACCOUNT,
    };
    const ipv6 = '2001:db8:85a3:1234:5678:8a2e:370:7334';
    const root = trail([
      stop(),
      openSg(),
      ct('StopLogging', 'cloudtrail.amazonaws.com', { userIdentity: actor, sourceIPAddress: ipv6 }, 5),
    ]);
    const r = await detect(['--db', db, 'detect', '--type', 'cloudtrail', '--path', root]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const lines = r.stdout.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^TIME\s+SEVERITY\s+RULE$/);
    expect(r.stdout).toMatch(
      /2026-05-04T09:00:00Z high\s+CloudTrail logging stopped or trail deleted\n {4}by user\/alice from 203\.0\.113\.10: StopLogging\n/,
    );
    // the address whole, the actor cut with an ellipsis to make room
    expect(r.stdout).toMatch(new RegExp(`by assumed-role/Org[^\\n]*… from ${ipv6}: StopLogging`));

    // from 120 columns one line per detection; an IPv6 address takes its room from the action and actor
    columns = 120;
    const wide = await detect(['detect', '--no-store', '--type', 'cloudtrail', '--path', root]);
    const rows = wide.stdout.split('\n').filter((l) => l.startsWith('2026-'));
    expect(rows).toHaveLength(3);
    for (const line of wide.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(rows[2]).toContain(` ${ipv6}`);
  });

  it('prints a table of detections and a summary, and stores them once', async () => {
    const root = trail([benign(), stop(), openSg(), benign()]);
    const r = await detect(['--db', db, 'detect', '--type', 'cloudtrail', '--path', root]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/TIME\s+SEVERITY\s+RULE\s+ACTOR\s+SOURCE IP\s+ACTION/);
    expect(r.stdout).toMatch(
      /2026-05-04T09:00:00Z high\s+CloudTrail logging stopped or trail deleted\s+user\/alice\s+203\.0\.113\.10\s+StopLogging/,
    );
    expect(r.stdout).toMatch(/high\s+Security group ingress opened to the internet\s+user\/alice/);
    expect(r.stdout).toMatch(/4 events read in [\d.]+s \([\d,]+ events\/s\); \d+ rules ran/);
    expect(r.stdout).toMatch(/2 detections \(2 new in the store\)/);
    expect(r.stdout).toMatch(/1\s+high\s+CloudTrail logging stopped or trail deleted/);

    const again = await detect(['--db', db, 'detect', '--type', 'cloudtrail', '--path', root]);
    expect(again.stdout).toMatch(/2 detections \(0 new in the store\)/);
    const store = openDetectionStore(db);
    try {
      const counts = await store.countByRule();
      expect(counts.map((c) => [c.rule_title, c.severity, c.count]).sort()).toEqual([
        ['CloudTrail logging stopped or trail deleted', 'high', 1],
        ['Security group ingress opened to the internet', 'high', 1],
      ]);
      const [one] = await store.detections({ rule: counts[0]!.rule_id, limit: 5, offset: 0 });
      expect(one?.ext.source_name).toBe(`cloudtrail:${root}`);
    } finally {
      await store.close();
    }
  });

  it('writes a JSON document of finding records with the rule credited and the run summary', async () => {
    const stopped = stop();
    const root = trail([stopped, benign()]);
    const out = join(dir, 'report.json');
    const r = await detect([
      '--db',
      db,
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      root,
      '--format',
      'json',
      '--output',
      out,
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      findings: unknown[];
      scan: Record<string, unknown>;
    };
    expect(doc.findings).toHaveLength(1);
    const f = findingRecordSchema.parse(doc.findings[0]);
    expect(f.com.origin_type).toBe('detection');
    expect(f.com.record_type).toBe('detection_event');
    expect(f.com.severity).toBe('high');
    expect(f.com.reference).toBe(stopped.eventID);
    expect(f.com.description).toBe(
      `CloudTrail logging stopped or trail deleted: StopLogging by arn:aws:iam::${ACCOUNT}:user/alice from 203.0.113.10`,
    );
    expect(f.ext.rule).toMatchObject({ author: 'Cloudward', level: 'high' });
    expect(f.ext).toMatchObject({ action: 'StopLogging', outcome: 'success', source_ip: '203.0.113.10' });
    expect(f.raw.eventName).toBe('StopLogging');
    expect(doc.scan).toMatchObject({
      kind: 'detect',
      events: 2,
      detections: 1,
      source: { type: 'cloudtrail' },
    });
  });

  it('exits 1 with --fail-on when a detection is that severe, 0 when none is', async () => {
    const root = trail([stop()]);
    const high = await detect([
      '--db',
      db,
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      root,
      '--fail-on',
      'high',
    ]);
    expect(high.code).toBe(EXIT.findings);
    expect(high.stderr).toMatch(/1 detection\(s\) at or above high/);
    const critical = await detect([
      '--db',
      db,
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      root,
      '--fail-on',
      'critical',
    ]);
    expect(critical.code).toBe(EXIT.ok);
  });

  it('reports broken input with file and position, still detects in the rest, and exits 2', async () => {
    const root = trail([stop()]);
    const d = join(root, ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
    const whole = gzipSync(JSON.stringify({ Records: [openSg(), benign(), benign()] }));
    writeFileSync(
      join(d, `${ACCOUNT}_CloudTrail_us-east-1_20260504T0905Z_cut.json.gz`),
      whole.subarray(0, whole.length - 20),
    );
    writeFileSync(
      join(d, `${ACCOUNT}_CloudTrail_us-east-1_20260504T0910Z_bad.jsonl`),
      `${JSON.stringify(openSg())}\nnot json\n`,
    );
    const r = await detect([
      '--db',
      db,
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      root,
      '--format',
      'jsonl',
    ]);
    expect(r.code).toBe(EXIT.input);
    const found = ndjson(r.stdout);
    expect(found.map((f) => (f.ext as { action: string }).action).sort()).toEqual([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
      'StopLogging',
    ]);
    expect(r.stderr).toMatch(/problems? in the input/);
    expect(r.stderr).toMatch(/_cut\.json\.gz \(offset \d+\): /);
    expect(r.stderr).toMatch(/_bad\.jsonl \(line 2\): /);
  });

  it('reads on past a malformed record in a Records array, names it, and exits 2', async () => {
    const records = [openSg(), benign(), benign(), stop(), benign()].map((r) => JSON.stringify(r));
    // the third record loses the brace that closes its userIdentity
    records[2] = (records[2] ?? '').replace('"userName":"alice"}', '"userName":"alice"');
    const body = `{"Records":[${records.join(',')}]}`;
    const badAt = body.indexOf(records[2] ?? '');
    const root = trail([]);
    const d = join(root, ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
    const name = `${ACCOUNT}_CloudTrail_us-east-1_20260504T0905Z_bad.json.gz`;
    writeFileSync(join(d, name), gzipSync(body));
    for (const workers of ['1', '2']) {
      const r = await detect([
        ...['--db', db, 'detect', '--type', 'cloudtrail', '--path', root],
        ...['--format', 'json', '--no-store', '--workers', workers],
      ]);
      expect(r.code).toBe(EXIT.input);
      const doc = JSON.parse(r.stdout) as {
        findings: { ext: { action: string } }[];
        scan: { events: number; problems: { count: number; first: unknown[] } };
      };
      expect(doc.findings.map((f) => f.ext.action).sort()).toEqual([
        'AuthorizeSecurityGroupIngress',
        'StopLogging',
      ]);
      expect(doc.scan.events).toBe(4);
      expect(doc.scan.problems.count).toBe(1);
      expect(doc.scan.problems.first[0]).toMatchObject({
        file: join(d, name),
        position: { line: 1, index: 2, offset: badAt },
      });
      expect(r.stderr).toContain(
        `${name} (line 1, record 2, offset ${badAt}): record 2 (at line 1, column ${badAt + 1}, byte ${badAt}) is malformed: its braces do not balance, and record 3 starts at line 1, column`,
      );
      expect(r.stderr).toMatch(/1 problem in the input:/);
    }
  });

  it('refuses bad arguments with exit 2 and a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['detect', '--path', dir], /give --type/],
      [['detect', '--type', 'cloudtrail'], /exactly one of --path, --s3/],
      [['detect', '--type', 'cloudtrail', '--path', dir, '--s3', 's3://b/p'], /exactly one of.*--path, --s3/],
      [['detect', '--type', 'cloudtrail', '--path', join(dir, 'nope')], /does not exist/],
      [['detect', '--type', 'azure_activity', '--s3', 's3://b/p'], /cannot read from s3/],
      [['detect', '--type', 'cloudtrail', '--path', dir, '--since', 'yesterday'], /--since/],
      [
        ['detect', '--type', 'cloudtrail', '--path', dir, '--rules', join(dir, 'none')],
        /--rules: .* does not exist/,
      ],
      [['detect', '--type', 'cloudtrail', '--path', dir, '--no-builtin-rules'], /no loaded rule applies/],
      [['detect', '--source', 'missing'], /"missing" is neither a log source of the config/],
      [['detect', '--source', dir, '--path', dir], /--source is a location here/],
      [['detect', '--type', 'syslog', '--path', dir], /syslog/],
    ];
    for (const [args, message] of cases) {
      const r = await detect(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(EXIT.input);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('reads a log source named in the config, with its own rule directory', async () => {
    const root = trail([
      benign(),
      ct('DeleteBucket', 's3.amazonaws.com', { requestParameters: { bucketName: 'x' } }),
    ]);
    const rules = join(dir, 'my-rules');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'bucket.yml'),
      `title: Bucket deleted
id: 0c1f4c1e-8d7a-4b8e-9f55-3a4d2f6b7c81
author: Example Team
references: [https://example.com/rules/bucket]
logsource: {product: aws, service: cloudtrail}
detection:
  selection: {eventName: DeleteBucket}
  condition: selection
level: critical
`,
    );
    const config = join(dir, 'cloudward.yaml');
    writeFileSync(
      config,
      `logs:\n  trail:\n    type: cloudtrail\n    path: ${root}\n    rules: [${rules}]\n`,
    );
    const r = await detect([
      '--config',
      config,
      '--db',
      db,
      'detect',
      '--source',
      'trail',
      '--fail-on',
      'critical',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toMatch(/critical\s+Bucket deleted/);
    // the licence of a third-party rule asks for its author and link where its alert is shown
    expect(r.stdout).toMatch(/Bucket deleted — by Example Team, https:\/\/example\.com\/rules\/bucket/);

    writeFileSync(config, 'logs:\n  trail:\n    type: cloudtrail\n    path: 42\n    rules: nope\n');
    const bad = await detect(['--config', config, '--db', db, 'detect', '--source', 'trail']);
    expect(bad.code).toBe(EXIT.input);
    expect(bad.stderr).toMatch(/logs\.trail\.path/);
    expect(bad.stderr).toMatch(/logs\.trail\.rules/);
  });

  it('finds a port scan in VPC flow logs through the correlation rule', async () => {
    const lines = [
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
    ];
    for (let i = 0; i < 30; i++) {
      const t = 1777885200 + i * 5;
      lines.push(
        `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 192.0.2.66 10.0.1.15 ${40000 + i} ${1000 + i} 6 1 40 ${t} ${t + 60} REJECT OK`,
      );
    }
    lines.push(
      `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.15 51234 22 6 9 900 1777885400 1777885460 ACCEPT OK`,
    );
    const file = join(dir, 'flows.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await detect([
      'detect',
      '--no-store',
      '--type',
      'vpcflow',
      '--path',
      file,
      '--format',
      'jsonl',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const found = ndjson(r.stdout).map((f) => findingRecordSchema.parse(f));
    const scan = found.filter((f) => f.ext.check_title === 'Port scan from one source');
    expect(scan).toHaveLength(1);
    expect(scan[0]?.com.source_ip).toBe('192.0.2.66');
    expect(scan[0]?.ext.correlation).toMatchObject({
      type: 'value_count',
      count: 20,
      group: { srcaddr: '192.0.2.66' },
    });
    expect(
      found.some(
        (f) => f.ext.check_title === 'Inbound traffic from the internet accepted on a sensitive port',
      ),
    ).toBe(true);
  });

  it('reads a CloudWatch Logs export of VPC flow logs (000000.gz) from its directory', async () => {
    const stream = join(dir, 'flows/exportedlogs/0f1e2d3c-4b5a/eni-0a1b2c3d4e5f60718-all');
    mkdirSync(stream, { recursive: true });
    writeFileSync(
      join(stream, '000000.gz'),
      gzipSync(
        `2026-05-04T09:03:20.000Z 2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.15 51234 22 6 9 900 1777885400 1777885460 ACCEPT OK\n`,
      ),
    );
    const root = join(dir, 'flows');
    const r = await detect([
      'detect',
      '--no-store',
      '--type',
      'vpcflow',
      '--path',
      root,
      '--format',
      'jsonl',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(
      ndjson(r.stdout).some(
        (f) =>
          (f.ext as { check_title?: string }).check_title ===
          'Inbound traffic from the internet accepted on a sensitive port',
      ),
    ).toBe(true);
    // read as CloudTrail, the export is not a log file of that type
    const trail = await detect(['detect', '--no-store', '--source', root]);
    expect(trail.stdout).toMatch(/0 events read/);
  });

  it('leaves out IPv6 traffic inside one VPC by a derived field, and keeps raw the flow record as read', async () => {
    const header =
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
    // two subnets of the VPC block 2600:1f18:6d4:a100::/56, then an address on the internet
    const inside = `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 2600:1f18:6d4:a1ff::20 2600:1f18:6d4:a100::15 50123 22 6 4 240 1777885200 1777885260 ACCEPT OK`;
    const outside = `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 2a02:cf40:1:2::9 2600:1f18:6d4:a100::15 50124 22 6 4 240 1777885200 1777885260 ACCEPT OK`;
    const file = join(dir, 'dual-stack.log');
    writeFileSync(file, `${[header, inside, outside].join('\n')}\n`);
    const r = await detect(['--db', db, 'detect', '--type', 'vpcflow', '--path', file, '--format', 'jsonl']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const found = ndjson(r.stdout).map((f) => findingRecordSchema.parse(f));
    const rule = 'Inbound traffic from the internet accepted on a sensitive port';
    expect(found.map((f) => [f.ext.check_title, f.com.source_ip])).toEqual([[rule, '2a02:cf40:1:2::9']]);
    const fields = header.split(' ');
    const asRead = Object.fromEntries(fields.map((name, i) => [name, outside.split(' ')[i]]));
    expect(found[0]?.raw).toEqual(asRead);
    const store = openDetectionStore(db);
    try {
      const [stored] = await store.detections({
        rule: found[0]!.ext.check_id as string,
        limit: 5,
        offset: 0,
      });
      expect(stored?.raw).toEqual(asRead);
    } finally {
      await store.close();
    }
  });

  it('finds a password spray in Entra ID sign-in logs (diagnostic export) through the correlation rule', async () => {
    const records = Array.from({ length: 12 }, (_, i) => ({
      time: `2026-03-02T11:${String(i).padStart(2, '0')}:00.0000000Z`,
      operationName: 'Sign-in activity',
      category: 'SignInLogs',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      resultType: '50126',
      callerIpAddress: '198.51.100.61',
      properties: {
        id: `0a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`,
        createdDateTime: `2026-03-02T11:${String(i).padStart(2, '0')}:00Z`,
        userPrincipalName: `user${i}@contoso.example`,
        ipAddress: '198.51.100.61',
        appDisplayName: 'Office 365 Exchange Online',
        clientAppUsed: 'Other clients',
        status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
      },
    }));
    const file = join(dir, 'PT1H.json');
    writeFileSync(file, JSON.stringify({ records }));
    const r = await detect([
      'detect',
      '--no-store',
      '--type',
      'entra_id',
      '--path',
      file,
      '--format',
      'jsonl',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const found = ndjson(r.stdout).map((f) => findingRecordSchema.parse(f));
    const spray = found.filter((f) => f.ext.check_title === 'Entra ID password spray from one address');
    expect(spray).toHaveLength(1);
    expect(spray[0]?.com).toMatchObject({
      cloud_type: 'azure',
      severity: 'high',
      source_ip: '198.51.100.61',
    });
    expect(spray[0]?.ext.correlation).toMatchObject({ type: 'value_count', count: 10 });
  });

  it('takes a location as --source, read as CloudTrail unless --type says otherwise', async () => {
    const root = trail([stop()]);
    const r = await detect(['detect', '--no-store', '--source', root, '--format', 'jsonl']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(ndjson(r.stdout).map((f) => (f.ext as { action: string }).action)).toEqual(['StopLogging']);
    const flows = await detect(['detect', '--no-store', '--source', root, '--type', 'vpcflow']);
    expect(flows.stdout).toMatch(/0 events read/);
  });

  it('skips events before --since', async () => {
    const root = trail([stop(), ct('DeleteTrail', 'cloudtrail.amazonaws.com', {}, 50)]);
    const r = await detect([
      'detect',
      '--no-store',
      '--type',
      'cloudtrail',
      '--path',
      root,
      '--since',
      '2026-05-04T09:00:30Z',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/DeleteTrail/);
    expect(r.stdout).not.toMatch(/StopLogging/);
    expect(r.stdout).toMatch(/1 before --since skipped/);
  });

  it('with --follow, reads files that appear later until interrupted', async () => {
    const root = trail([benign()]);
    const r = await detect(
      [
        'detect',
        '--no-store',
        '--type',
        'cloudtrail',
        '--path',
        root,
        '--follow',
        '--poll',
        '0.05',
        '--format',
        'jsonl',
      ],
      (stdout) => {
        setTimeout(() => trail([stop()], `${ACCOUNT}_CloudTrail_us-east-1_20260504T0915Z_new.json.gz`), 100);
        // interrupt once the new file's detection is out (or give up after a while)
        const started = Date.now();
        const check = setInterval(() => {
          if (stdout().includes('StopLogging') || Date.now() - started > 15_000) {
            clearInterval(check);
            process.emit('SIGINT');
          }
        }, 20);
      },
    );
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(ndjson(r.stdout).map((f) => (f.ext as { action: string }).action)).toEqual(['StopLogging']);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDetectCommand } from '../../src/cli/detect.js';
import { EXIT, takeExitCode, UserError } from '../../src/cli/errors.js';
import { loadDetectionRules, SOURCE_IDS } from '../../src/detect/detector.js';
import { RuleSet } from '../../src/detect/sigma/ruleset.js';
import { ruleKey } from '../../src/detect/sigma/types.js';
import { listSourceFiles, readFilesParallel } from '../../src/detect/worker-pool.js';

// The worker runs compiled JavaScript: bundle it from the sources once (inside node_modules so that its
// package imports resolve), and point the CLI at it the way a built package finds dist/detect/worker-detect.js.
const cacheDir = join(process.cwd(), 'node_modules', '.cache', `cloudward-test-workers-${process.pid}`);
const workerFile = join(cacheDir, 'worker-detect.mjs');
let tree: string;

const ACCOUNT = '111122223333';

function event(i: number, ms: number): Record<string, unknown> {
  const kind = i % 10;
  const base = {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/u${i % 3}`, accountId: ACCOUNT },
    eventTime: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    awsRegion: 'us-east-1',
    sourceIPAddress: `198.51.100.${i % 2}`,
    eventID: `ev-${i}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };
  // Failed sign-ins from one address (a correlation), denied calls (another), and reads no rule wants.
  if (kind < 4)
    return {
      ...base,
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      sourceIPAddress: '198.51.100.7',
      responseElements: { ConsoleLogin: 'Failure' },
      errorMessage: 'Failed authentication',
    };
  if (kind < 6)
    return {
      ...base,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'RunInstances',
      errorCode: 'AccessDenied',
      errorMessage: 'not authorized',
    };
  if (kind === 6) return { ...base, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' };
  return { ...base, eventSource: 's3.amazonaws.com', eventName: 'GetObject' };
}

/** A CloudTrail tree of 24 files, 5 minutes each, plus a broken file in the middle. */
function writeTree(dir: string): void {
  const day = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
  mkdirSync(day, { recursive: true });
  const start = Date.UTC(2026, 4, 4);
  let i = 0;
  for (let f = 0; f < 24; f++) {
    const t0 = start + f * 5 * 60_000;
    const hhmm = new Date(t0).toISOString().slice(11, 16).replace(':', '');
    const records = Array.from({ length: 9 }, (_, k) => event(i++, t0 + k * 30_000));
    const name = `${ACCOUNT}_CloudTrail_us-east-1_20260504T${hhmm}Z_f${f}.json.gz`;
    writeFileSync(join(day, name), gzipSync(JSON.stringify({ Records: records })));
    if (f === 11)
      writeFileSync(
        join(day, `${ACCOUNT}_CloudTrail_us-east-1_20260504T${hhmm}Z_zbroken.json.gz`),
        'not gzip',
      );
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `detect` over a path as JSON, on one thread and on `workers` worker threads. */
async function detectBothWays(path: string, extra: string[] = [], workers = 2) {
  const args = [
    'detect',
    '--path',
    path,
    '--type',
    'cloudtrail',
    '--format',
    'json',
    '--no-store',
    '--no-progress',
  ];
  const single = await detect([...args, ...extra, '--workers', '1']);
  const parallel = await detect([...args, ...extra, '--workers', String(workers)]);
  return { single, parallel };
}

async function detect(args: string[]): Promise<Run> {
  const program = new Command('cloudward').option('--db <path>', 'store').exitOverride();
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
  try {
    takeExitCode();
    await program.parseAsync(['node', 'cloudward', ...args]);
    return { code: takeExitCode(), stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: EXIT.input, stdout, stderr: stderr + e.message };
    if (e instanceof UserError) return { code: e.exitCode, stdout, stderr: stderr + e.message };
    throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The JSON output without what depends on the clock. */
function comparable(stdout: string): unknown {
  const doc = JSON.parse(stdout) as { scan?: Record<string, unknown> };
  if (doc.scan) {
    delete doc.scan.started_at;
    delete doc.scan.finished_at;
    delete doc.scan.events_per_second;
  }
  return doc;
}

beforeAll(async () => {
  tree = mkdtempSync(join(tmpdir(), 'cloudward-workers-'));
  writeTree(tree);
  await build({
    input: join(process.cwd(), 'src', 'detect', 'worker-detect.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    output: { file: workerFile, format: 'esm' },
    logLevel: 'silent',
  });
  process.env.CLOUDWARD_DETECT_WORKER = workerFile;
}, 60_000);

afterAll(() => {
  delete process.env.CLOUDWARD_DETECT_WORKER;
  rmSync(tree, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('detect --workers', () => {
  it('gives the same findings, correlations, counts and problems as the single-threaded run', async () => {
    const { single, parallel } = await detectBothWays(tree, [], 3);
    expect(single.code).toBe(EXIT.input); // the broken file
    expect(parallel.code).toBe(single.code);
    const a = comparable(single.stdout) as {
      findings: Array<{ raw: Record<string, unknown> }>;
      scan: { events: number; problems: { count: number } };
    };
    expect(a.scan.events).toBe(24 * 9);
    expect(a.scan.problems.count).toBe(1);
    // correlation findings are among them (failed sign-in bursts)
    expect(a.findings.some((f) => 'correlation' in f.raw)).toBe(true);
    // and one quotes its last event's record, which a worker sent only as text beside its columns
    expect(a.findings.some((f) => 'correlation' in f.raw && 'last_event' in f.raw)).toBe(true);
    expect(comparable(parallel.stdout)).toEqual(a);
    // standalone and correlation findings alike: the same JSON, key for key and in the same order
    const findingsText = (r: Run) =>
      JSON.stringify((JSON.parse(r.stdout) as { findings: unknown[] }).findings);
    const kinds = a.findings.map((f) => ('correlation' in f.raw ? 'correlation' : 'standalone'));
    expect(new Set(kinds)).toEqual(new Set(['correlation', 'standalone']));
    expect(findingsText(parallel)).toBe(findingsText(single));
  }, 60_000);

  it('feeds the stateful detections every event, matched by a rule or not', async () => {
    // one key, two files: London, then half an hour later the US (no rule matches either call)
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workers-travel-'));
    const call = (id: string, ip: string, time: string) => ({
      eventVersion: '1.09',
      userIdentity: {
        type: 'IAMUser',
        arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
        accountId: ACCOUNT,
        accessKeyId: 'AKIAQEXAMPLEBOB00001',
      },
      eventTime: time,
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      awsRegion: 'eu-west-1',
      sourceIPAddress: ip,
      userAgent: 'aws-cli/2.15.30',
      eventID: id,
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
    });
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({ Records: [call('t-1', '81.2.69.160', '2026-11-01T08:00:00Z')] }),
    );
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify({ Records: [call('t-2', '8.8.8.8', '2026-11-01T08:30:00Z')] }),
    );
    try {
      const { single, parallel } = await detectBothWays(dir);
      const rules = (r: Run) =>
        (JSON.parse(r.stdout) as { findings: { ext: { check_id: string } }[] }).findings.map(
          (f) => f.ext.check_id,
        );
      expect(rules(single)).toEqual(['cloudward.stateful.access_key_travel']);
      expect(rules(parallel)).toEqual(rules(single));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("quotes a window's last record only from that event, not from an unmatched event with its id", async () => {
    // A window closed by a later event's time: a duplicate of the last failure's id, matched by no rule,
    // closes it. The single thread had that event's record and quoted it as the window's last event; the
    // workers never send it. Neither quotes it now: it is not the window's event.
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workers-dupid-'));
    const rules = join(dir, 'rules');
    const logs = join(dir, 'logs');
    mkdirSync(rules);
    mkdirSync(logs);
    writeFileSync(
      join(rules, 'failure.yml'),
      [
        'title: Test sign-in failure',
        'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1a01',
        'name: test_signin_failure',
        'logsource: { product: aws, service: cloudtrail }',
        'detection:',
        '  selection: { eventName: ConsoleLogin, responseElements.ConsoleLogin: Failure }',
        '  condition: selection',
        'level: low',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(rules, 'few-failures.yml'),
      [
        'title: Test few sign-in failures',
        'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1a02',
        'correlation:',
        '  type: event_count',
        '  rules: [test_signin_failure]',
        '  group-by: [sourceIPAddress]',
        '  timespan: 5m',
        '  condition: { lte: 3 }',
        'level: medium',
        '',
      ].join('\n'),
    );
    const record = (id: string, time: string, failed: boolean) => ({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/carol`, accountId: ACCOUNT },
      eventTime: time,
      eventSource: failed ? 'signin.amazonaws.com' : 's3.amazonaws.com',
      eventName: failed ? 'ConsoleLogin' : 'ListBuckets',
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.9',
      eventID: id,
      eventType: failed ? 'AwsConsoleSignIn' : 'AwsApiCall',
      recipientAccountId: ACCOUNT,
      ...(failed ? { responseElements: { ConsoleLogin: 'Failure' } } : {}),
    });
    writeFileSync(
      join(logs, 'a.json'),
      JSON.stringify({
        Records: [record('d-1', '2026-11-01T08:00:00Z', true), record('d-2', '2026-11-01T08:00:30Z', true)],
      }),
    );
    writeFileSync(
      join(logs, 'b.json'),
      JSON.stringify({ Records: [record('d-2', '2026-11-01T08:10:00Z', false)] }),
    );
    try {
      // 3 threads: the main thread reads the first file, workers the others
      const { single, parallel } = await detectBothWays(logs, ['--no-builtin-rules', '--rules', rules], 3);
      const findings = (r: Run) =>
        (JSON.parse(r.stdout) as { findings: Array<{ raw: Record<string, unknown> }> }).findings;
      const windows = findings(single).filter((f) => 'correlation' in f.raw);
      expect(windows).toHaveLength(1);
      const raw = windows[0]?.raw as { correlation: { event_ids: string[] }; last_event?: unknown };
      expect(raw.correlation.event_ids).toEqual(['d-1', 'd-2']);
      expect(raw.last_event).toBeUndefined();
      expect(JSON.stringify(findings(parallel))).toBe(JSON.stringify(findings(single)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('describes and quotes events sent only as what the correlations read of them', async () => {
    // a rule that only feeds correlations: its events cross as columns, their records as text
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workers-compact-'));
    const rules = join(dir, 'rules');
    const logs = join(dir, 'logs');
    mkdirSync(rules);
    mkdirSync(logs);
    const rule = (file: string, lines: string[]) =>
      writeFileSync(join(rules, file), [...lines, ''].join('\n'));
    rule('read.yml', [
      'title: Test object read',
      'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b01',
      'name: test_object_read',
      'logsource: { product: aws, service: cloudtrail }',
      'detection:',
      '  selection: { eventName: GetObject }',
      '  condition: selection',
      'level: low',
    ]);
    rule('many-reads.yml', [
      'title: Test many reads',
      'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b02',
      'correlation:',
      '  type: event_count',
      '  rules: [test_object_read]',
      '  group-by: [userIdentity.arn]',
      '  timespan: 10m',
      '  condition: { gte: 3 }',
      'level: medium',
    ]);
    rule('many-buckets.yml', [
      'title: Test many buckets',
      'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b03',
      'correlation:',
      '  type: value_count',
      '  rules: [test_object_read]',
      '  group-by: [sourceIPAddress, userIdentity.accountId]',
      '  timespan: 10m',
      '  condition: { field: requestParameters.bucketName, gte: 2 }',
      'level: medium',
    ]);
    const read = (i: number, bucket: string | null) => ({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/u${i % 2}`, accountId: ACCOUNT },
      eventTime: new Date(Date.UTC(2026, 10, 1, 8, 0, i * 20)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      awsRegion: 'us-east-1',
      sourceIPAddress: i % 3 === 0 ? 'AWS Internal' : '203.0.113.9',
      ...(bucket === null ? {} : { requestParameters: { bucketName: bucket, key: `k${i}` } }),
      eventID: `r-${i}`,
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
    });
    const buckets = ['b1', 'b2', null, 'b1', 'b3'];
    for (const [f, name] of ['a.json', 'b.json', 'c.json'].entries())
      writeFileSync(
        join(logs, name),
        JSON.stringify({ Records: Array.from({ length: 5 }, (_, k) => read(f * 5 + k, buckets[k] ?? null)) }),
      );
    try {
      const common = [
        'detect',
        '--path',
        logs,
        '--type',
        'cloudtrail',
        '--no-builtin-rules',
        '--rules',
        rules,
        '--format',
        'json',
        '--no-store',
        '--no-progress',
      ];
      const single = await detect([...common, '--workers', '1']);
      // 3 threads: the main thread reads the first file, the workers the others
      const parallel = await detect([...common, '--workers', '3']);
      const findings = (r: Run) =>
        (JSON.parse(r.stdout) as { findings: Array<{ raw: Record<string, unknown> }> }).findings;
      const windows = findings(single).filter((f) => 'correlation' in f.raw);
      expect(findings(single)).toHaveLength(windows.length);
      expect(windows.some((f) => 'last_event' in f.raw)).toBe(true);
      // both correlations (a count, and distinct buckets with some reads missing the field) raise findings
      expect(JSON.stringify(windows)).toContain('Test many reads');
      expect(JSON.stringify(windows)).toContain('Test many buckets');
      expect(JSON.stringify(findings(parallel))).toBe(JSON.stringify(findings(single)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("matches VPC flow records with their source's derived fields, as the single-threaded run does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workers-flows-'));
    try {
      const header =
        'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
      for (let f = 0; f < 3; f++) {
        // inside one VPC over IPv6 (same_vpc_ipv6, derived), then from the internet
        const lines = [
          header,
          `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 2600:1f18:6d4:a1ff::20 2600:1f18:6d4:a100::15 5010${f} 22 6 4 240 1777885200 1777885260 ACCEPT OK`,
          `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 2a02:cf40:1:2::9 2600:1f18:6d4:a100::15 5020${f} 22 6 4 240 1777885200 1777885260 ACCEPT OK`,
        ];
        writeFileSync(join(dir, `flows-${f}.log`), `${lines.join('\n')}\n`);
      }
      const args = [
        'detect',
        '--path',
        dir,
        '--type',
        'vpcflow',
        '--format',
        'json',
        '--no-store',
        '--no-progress',
      ];
      const single = await detect([...args, '--workers', '1']);
      const parallel = await detect([...args, '--workers', '2']);
      const sources = (r: Run) =>
        (JSON.parse(r.stdout) as { findings: Array<{ com: { source_ip: string } }> }).findings.map(
          (f) => f.com.source_ip,
        );
      expect(sources(single)).toEqual(['2a02:cf40:1:2::9', '2a02:cf40:1:2::9', '2a02:cf40:1:2::9']);
      expect(comparable(parallel.stdout)).toEqual(comparable(single.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps to --since the same way', async () => {
    const { single, parallel } = await detectBothWays(tree, ['--since', '2026-05-04T01:00:00Z']);
    expect(comparable(parallel.stdout)).toEqual(comparable(single.stdout));
  }, 60_000);

  it('rejects a worker count that is not a positive whole number', async () => {
    const withWorkers = (n: string) =>
      detect(['detect', '--path', tree, '--type', 'cloudtrail', '--no-store', '--workers', n]);
    const r = await withWorkers('0');
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toContain('--workers');
    const word = await withWorkers('many');
    expect(word.code).toBe(EXIT.input);
    expect(word.stderr).toContain('"many" is not a positive whole number or auto');
  });

  it('takes one thread per CPU with --workers auto, with the same output', async () => {
    const args = [
      'detect',
      '--path',
      tree,
      '--type',
      'cloudtrail',
      '--format',
      'json',
      '--no-store',
      '--no-progress',
    ];
    const single = await detect([...args, '--workers', '1']);
    const auto = await detect([...args, '--workers', 'auto']);
    expect(auto.code).toBe(single.code);
    expect(comparable(auto.stdout)).toEqual(comparable(single.stdout));
  }, 60_000);
});

describe('readFilesParallel', () => {
  it('hands files back in the order given, however the workers finish, with a small read-ahead window', async () => {
    const loaded = await loadDetectionRules();
    const rules = new RuleSet(loaded.rules, { source: SOURCE_IDS.cloudtrail });
    const files = await listSourceFiles({ type: 'cloudtrail', path: tree }, () => {});
    const seen: string[] = [];
    let events = 0;
    let withRecord = 0;
    for await (const r of readFilesParallel({
      files,
      workers: 3,
      window: 3,
      type: 'cloudtrail',
      sourceName: 'test',
      ruleDirs: [],
      builtin: true,
      ruleKeys: rules.detections.map((d) => ruleKey(d.meta)),
      workerUrl: new URL(`file://${workerFile}`),
    })) {
      seen.push(r.file);
      // made as they are read, once
      const items = [...r.items];
      for (const item of items) if (item === 0 || item.kind !== 'problem') events += 1;
      // events no rule matched, and S3 object reads, which only feed a correlation: sent as what is read of
      // them, in columns, not as records
      const ids = r.compact ? (JSON.parse(r.compact.references) as string[]) : [];
      expect(ids).toHaveLength(items.filter((item) => item === 0).length);
      // only the matched ones with a record, for a correlation finding to describe
      withRecord += r.compact?.ends.length ?? 0;
    }
    expect(seen).toEqual(files);
    expect(events).toBe(24 * 9);
    expect(withRecord).toBeGreaterThan(0);
  }, 60_000);

  it('leaves a share of the files to the main thread, in order among the workers’ and each once', async () => {
    const loaded = await loadDetectionRules();
    const rules = new RuleSet(loaded.rules, { source: SOURCE_IDS.cloudtrail });
    const files = await listSourceFiles({ type: 'cloudtrail', path: tree }, () => {});
    const common = {
      type: 'cloudtrail' as const,
      sourceName: 'test',
      ruleDirs: [],
      builtin: true,
      ruleKeys: rules.detections.map((d) => ruleKey(d.meta)),
    };
    const seen: string[] = [];
    const readers: string[] = [];
    let events = 0;
    for await (const r of readFilesParallel({
      ...common,
      files,
      workers: 1,
      mainReads: true,
      workerUrl: new URL(`file://${workerFile}`),
    })) {
      seen.push(r.file);
      if ('main' in r) readers.push('main');
      else {
        readers.push('worker');
        for (const item of r.items) if (item === 0 || item.kind !== 'problem') events += 1;
      }
    }
    expect(seen).toEqual(files);
    // the main thread has its rules loaded first: it takes the first file while the worker loads its own
    expect(readers[0]).toBe('main');
    expect(readers).toContain('worker');
    expect(events).toBe(9 * readers.filter((r, i) => r === 'worker' && !seen[i]?.includes('zbroken')).length);
    // one file: the main thread reads it, and no worker is started (this script does not exist)
    const one: unknown[] = [];
    for await (const r of readFilesParallel({
      ...common,
      files: files.slice(0, 1),
      workers: 3,
      mainReads: true,
      workerUrl: new URL('file:///nonexistent/worker-detect.mjs'),
    }))
      one.push(r);
    expect(one).toEqual([{ file: files[0], main: true }]);
  }, 60_000);

  it("sends a compact event's record as the file's own text where its place is known, and reads it back as the reader made it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workers-texts-'));
    const rulesDir = join(dir, 'rules');
    const logs = join(dir, 'logs');
    mkdirSync(rulesDir);
    mkdirSync(logs);
    writeFileSync(
      join(rulesDir, 'calls.yml'),
      [
        'title: Test calls',
        'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b11',
        'name: test_calls',
        'logsource: { product: aws, service: cloudtrail }',
        'detection:',
        '  selection: { eventName: [GetObject, AssumeRole] }',
        '  condition: selection',
        'level: low',
        '---',
        'title: Test many calls',
        'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b12',
        'correlation:',
        '  type: event_count',
        '  rules: [test_calls]',
        '  group-by: [userIdentity.arn]',
        '  timespan: 10m',
        '  condition: { gte: 2 }',
        'level: medium',
        '---',
        // a finding of its own: such events cross as their records, here as the file's own text too
        'title: Test role assumed',
        'id: 7d0c8f0e-5a44-4d3e-9a51-2f0e0c3b1b13',
        'logsource: { product: aws, service: cloudtrail }',
        'detection:',
        '  selection: { eventName: AssumeRole }',
        '  condition: selection',
        'level: low',
        '',
      ].join('\n'),
    );
    const call = (i: number, extra: Record<string, unknown> = {}) => ({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/u1`, accountId: ACCOUNT },
      eventTime: new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.9',
      requestParameters: { bucketName: 'b1', key: `k${i}` },
      eventID: `t-${i}`,
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
      ...extra,
    });
    // the session token of the credentials STS hands out is redacted however the record crosses
    const assumed = (i: number) =>
      call(i, {
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/r`, roleSessionName: 's' },
        responseElements: {
          credentials: {
            accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
            sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
            expiration: 'Nov 1, 2026, 9:00:00 AM',
          },
        },
      });
    const files = {
      // one line: parsed a slice at a time, each record's place known
      'a-sliced.json': JSON.stringify({
        Records: [
          call(1),
          assumed(2),
          call(3),
          call(8, { eventName: 'ListBuckets', requestParameters: null }),
        ],
      }),
      // pretty-printed: read the streaming way, records written out again
      'b-pretty.json': JSON.stringify({ Records: [call(4), assumed(5)] }, null, 2),
      // a record holding the text a slice is cut at: the places inside that slice are not proven
      'c-nested.json': JSON.stringify({
        Records: [call(6, { requestParameters: { items: [{ a: 1 }, { eventVersion: 'x' }] } }), call(7)],
      }),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(logs, name), text);
    try {
      const { CompactReader } = await import('../../src/detect/compact-events.js');
      const { openSource } = await import('../../src/detect/sources/index.js');
      const { REDACTED } = await import('../../src/detect/sources/cloudtrail.js');
      const loaded = await loadDetectionRules({ dirs: [rulesDir], builtin: false });
      const rules = new RuleSet(loaded.rules, { source: SOURCE_IDS.cloudtrail });
      const reader = new CompactReader(rules.detections, rules.correlations);
      const list = await listSourceFiles({ type: 'cloudtrail', path: logs }, () => {});
      const own: Record<string, number[]> = {};
      const findingTexts: Record<string, number[]> = {};
      const remade: Record<string, string> = {};
      const unmatched: string[] = [];
      for await (const r of readFilesParallel({
        files: list,
        workers: 2,
        type: 'cloudtrail',
        sourceName: 'test',
        ruleDirs: [rulesDir],
        builtin: false,
        stateful: false,
        ruleKeys: rules.detections.map((d) => ruleKey(d.meta)),
        workerUrl: new URL(`file://${workerFile}`),
      })) {
        own[r.file.slice(logs.length + 1)] = [...(r.compact?.indexes ?? [])];
        findingTexts[r.file.slice(logs.length + 1)] = [...(r.own?.indexes ?? [])];
        reader.load(r.compact, r.file, 'test');
        for (const item of r.items) {
          if (item !== 0) {
            expect(item.kind).toBe('event');
            if (item.kind === 'event') remade[item.event.com.reference] = JSON.stringify(item.event);
            continue;
          }
          reader.next();
          // an event no rule matched crosses as its time and id alone
          if (reader.rules.length === 0) {
            unmatched.push(`${reader.reference} ${reader.time}`);
            continue;
          }
          const event = reader.later().event();
          remade[event.com.reference] = JSON.stringify(event);
        }
      }
      // the role assumptions raise findings of their own and are not among the compact events
      expect(own).toEqual({
        'a-sliced.json': [0, 2],
        'b-pretty.json': [-1],
        'c-nested.json': [-1, -1],
      });
      // a role assumption of the one-line file crosses as the file's text; in the pretty-printed one, as its
      // record written out
      expect(findingTexts).toEqual({ 'a-sliced.json': [1], 'b-pretty.json': [], 'c-nested.json': [] });
      // the same events as one thread's reader makes of the files
      const single: Record<string, string> = {};
      for await (const event of openSource({ type: 'cloudtrail', path: logs }, { name: 'test' }).read())
        single[event.com.reference] = JSON.stringify(event);
      expect(unmatched).toEqual(['t-8 2026-11-01T08:00:08.000Z']);
      delete single['t-8'];
      expect(remade).toEqual(single);
      expect(Object.keys(remade)).toHaveLength(7);
      for (const id of ['t-2', 't-5']) {
        expect(remade[id]).toContain(REDACTED);
        expect(remade[id]).not.toContain('EXAMPLETOKEN');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses workers whose rules differ from the main thread', async () => {
    const files = await listSourceFiles({ type: 'cloudtrail', path: tree }, () => {});
    const run = async () => {
      for await (const _ of readFilesParallel({
        files,
        workers: 2,
        type: 'cloudtrail',
        sourceName: 'test',
        ruleDirs: [],
        builtin: true,
        ruleKeys: ['not-a-rule'],
        workerUrl: new URL(`file://${workerFile}`),
      })) {
        // nothing
      }
    };
    await expect(run()).rejects.toThrow(/other rules/);
  }, 60_000);
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
let trail: string;

const event = (i: number, name: string, extra: object = {}) => ({
  eventTime: `2026-11-0${1 + (i % 3)}T10:00:0${i}Z`,
  eventSource: 'ec2.amazonaws.com',
  eventName: name,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.1',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}` },
  eventID: `ev-${i}`,
  ...extra,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-query-cli-'));
  trail = path.join(dir, 'trail');
  await mkdir(trail);
  const records = [
    event(1, 'DescribeInstances'),
    event(2, 'DescribeInstances', { errorCode: 'AccessDenied' }),
    event(3, 'RunInstances', { requestParameters: { note: 'a "quoted", comma' } }),
  ];
  await writeFile(path.join(trail, 'f.json'), JSON.stringify({ Records: records }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const COUNT = 'SELECT event_name, count(*) AS n FROM events GROUP BY event_name ORDER BY n DESC';

describe('cloudward query', () => {
  it('prints a table by default', async () => {
    const r = await runCli(['query', '--cloudtrail', trail, COUNT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/event_name\s+│\s+n/);
    expect(r.stdout).toMatch(/DescribeInstances\s+│\s+2/);
    expect(r.stdout).toMatch(/2 rows\n$/);
  });

  it('prints JSON rows with numbers as numbers and raw as an object', async () => {
    const r = await runCli(['query', '--cloudtrail', trail, '--format', 'json', COUNT]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { event_name: 'DescribeInstances', n: 2 },
      { event_name: 'RunInstances', n: 1 },
    ]);
    const raw = await runCli([
      'query',
      '--cloudtrail',
      trail,
      '--format',
      'json',
      "SELECT raw FROM events WHERE event_id = 'ev-3'",
    ]);
    expect(JSON.parse(raw.stdout)[0].raw.requestParameters.note).toBe('a "quoted", comma');
  });

  it('prints CSV with a header, quoting what needs it', async () => {
    const r = await runCli([
      'query',
      '--cloudtrail',
      trail,
      '--format',
      'csv',
      "SELECT event_id, outcome, raw->>'$.requestParameters.note' AS note FROM events ORDER BY event_id",
    ]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout, { columns: true })).toEqual([
      { event_id: 'ev-1', outcome: 'success', note: '' },
      { event_id: 'ev-2', outcome: 'AccessDenied', note: '' },
      { event_id: 'ev-3', outcome: 'success', note: 'a "quoted", comma' },
    ]);
  });

  it('exits 2 with the engine message and position on an SQL error', async () => {
    const r = await runCli(['query', '--cloudtrail', trail, 'SELECT event_nam FROM events']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/query failed: Binder Error: Referenced column "event_nam" not found/);
    expect(r.stderr).toMatch(/LINE 1: SELECT event_nam FROM events\n\s+\^/);
  });

  it('exits 2 on a statement that would write', async () => {
    const r = await runCli(['query', '--cloudtrail', trail, `COPY (SELECT 1) TO '${trail}/x.csv'`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/only SELECT queries are allowed, not COPY/);
  });

  it('exits 2 with a clear message when --timeout cancels the query', async () => {
    const r = await runCli([
      'query',
      '--cloudtrail',
      trail,
      '--timeout',
      '1s',
      'SELECT count(*) FROM range(100000000) a, range(100000000) b',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/query cancelled: it ran longer than the 1s limit \(--timeout\)/);
  });

  it('exits 2 on bad arguments, saying what is missing', async () => {
    const cases: [string[], RegExp][] = [
      [['query', '--db', path.join(dir, 'no-store.db'), 'SELECT 1'], /no store here/],
      [['query', '--cloudtrail', trail], /give a query/],
      [['query', '--cloudtrail', trail, '--timeout', 'soon', 'SELECT 1'], /--timeout soon/],
      [['query', '--cloudtrail', trail, '--sample', 'nope'], /no sample named nope/],
      [
        ['query', '--build-copy', '--cloudtrail', trail],
        /--build-copy needs --cloudtrail PATH and --copy DIR/,
      ],
      [['query', '--cloudtrail', trail, '--param', 'x', 'SELECT 1'], /--param x: expected NAME=VALUE/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await runCli(['query', '--cloudtrail', trail, '--format', 'xml', 'SELECT 1'])).code).toBe(2);
  });

  it('names a file it skipped on stderr and answers from the rest', async () => {
    const bad = path.join(dir, 'with-bad');
    await mkdir(bad);
    await writeFile(path.join(bad, 'good.json'), JSON.stringify({ Records: [event(1, 'GetObject')] }));
    await writeFile(path.join(bad, 'bad.json'), '{"Records": [');
    const r = await runCli([
      'query',
      '--cloudtrail',
      bad,
      '--format',
      'json',
      'SELECT count(*) AS n FROM events',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 1 }]);
    expect(r.stderr).toContain(`skipped ${path.join(bad, 'bad.json')}: Invalid Input Error: Malformed JSON`);
  });

  it('builds a local copy and queries it', async () => {
    const copy = path.join(dir, 'copy');
    const built = await runCli(['query', '--build-copy', '--cloudtrail', trail, '--copy', copy]);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/3 events from 1 files, 3 days/);
    const r = await runCli(['query', '--copy', copy, '--format', 'json', COUNT]);
    expect(JSON.parse(r.stdout)).toEqual([
      { event_name: 'DescribeInstances', n: 2 },
      { event_name: 'RunInstances', n: 1 },
    ]);
  });

  it('detect --keep-copy appends the events read to a copy, reporting and skipping bad input', async () => {
    const logs = path.join(dir, 'kept-logs');
    await mkdir(logs);
    await writeFile(path.join(logs, 'a.json'), JSON.stringify({ Records: [event(1, 'DescribeInstances')] }));
    await writeFile(path.join(logs, 'broken.json'), '{"Records": [{"eventTime": ');
    const copy = path.join(dir, 'kept');
    const first = await runCli([
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      logs,
      '--no-store',
      '--keep-copy',
      copy,
    ]);
    // the broken file is a problem of the input (exit 2), named with its file; the rest is kept
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('broken.json');
    expect(first.stdout).toMatch(/1 events kept in the copy .*kept \(1 new files\)/);

    const more = path.join(dir, 'kept-more');
    await mkdir(more);
    await writeFile(
      path.join(more, 'b.json'),
      JSON.stringify({ Records: [event(2, 'RunInstances'), event(3, 'RunInstances')] }),
    );
    const second = await runCli([
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      more,
      '--no-store',
      '--keep-copy',
      copy,
    ]);
    expect(second.code).toBe(0);
    // the same files again, without a checkpoint: nothing is written twice
    const again = await runCli([
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      more,
      '--no-store',
      '--keep-copy',
      copy,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /0 events kept in the copy .* \(0 new files\); 2 already in the copy, not written again/,
    );

    // --copy without a directory reads the config's events_copy.path
    const config = path.join(dir, 'cloudward.yaml');
    await writeFile(config, `events_copy:\n  path: ${copy}\n`);
    const r = await runCli(['query', '-c', config, '--format', 'json', COUNT, '--copy']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { event_name: 'RunInstances', n: 2 },
      { event_name: 'DescribeInstances', n: 1 },
    ]);
    const none = await runCli(['query', '--format', 'json', COUNT, '--copy']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--copy needs a directory/);
  });

  it('lists the samples and runs one with its parameters', async () => {
    const list = await runCli(['query', '--samples'], { COLUMNS: '80' });
    expect(list.code).toBe(0);
    // questions and parameter descriptions wrap in the terminal's width
    for (const line of list.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const name of [
      'console-sign-ins',
      'security-group-changes',
      'top-error-codes',
      'access-denied',
      'new-access-keys',
    ])
      expect(list.stdout).toContain(name);
    const r = await runCli([
      'query',
      '--cloudtrail',
      trail,
      '--sample',
      'top-error-codes',
      '--param',
      'since=2026-11-01',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        error_code: 'AccessDenied',
        events: 1,
        principals: 1,
        example_action: 'ec2.amazonaws.com:DescribeInstances',
      },
    ]);
  });

  it('documents the columns, read-only rule and exit codes in --help', async () => {
    const r = await runCli(['query', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--cloudtrail <path>/);
    expect(r.stdout).toMatch(/--build-copy/);
    expect(r.stdout).toMatch(/read-only/);
    expect(r.stdout).toMatch(/Exit codes: 0/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../helpers/run-cli.js';
import { escapes, nonColourEscapes } from './ansi.js';
import { ACCOUNT, securityGroup, snapshot, tempDir, writeSnapshot } from './fixtures.js';

/*
 * Item 10 of issue 9: resource names, tags, account names, user names and user agents come
 * from the clouds and the logs. Planted with a screen clear, an OSC 8 hyperlink, a forged
 * colour and a bidi override, they must reach no terminal as control sequences, in any command.
 */

const CLEAR = '\x1b[2J';
const LINK = '\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\';
const FORGED = '\x1b[31mCRITICAL\x1b[0m';
const EVIL = `evil${CLEAR}${LINK}${FORGED}\u202egnp.exe`;

/** Any control character but newline, any C1 control, any bidi override or isolate. */
function controls(text: string): string[] {
  return [...text].filter((c) => {
    const n = c.codePointAt(0) ?? 0;
    if (c === '\n') return false;
    return (
      n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069)
    );
  });
}

const dir = tempDir('cw-term-');
const db = join(dir, 'cw.db');
const cli = (...args: string[]) => runCli(['--db', db, ...args]);

function estate(tag: string) {
  return snapshot(
    [
      {
        region: 'us-east-1',
        type: 'aws.ec2.security_group',
        items: [
          securityGroup('sg-0e000000000000001', EVIL, 'us-east-1', { tags: { owner: tag, [EVIL]: 'x' } }),
        ],
      },
    ],
    EVIL,
    EVIL,
  );
}

function cloudTrailTree(): string {
  const event = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE00000001',
      arn: `arn:aws:iam::${ACCOUNT}:user/${EVIL}`,
      accountId: ACCOUNT,
      userName: EVIL,
    },
    eventTime: '2026-05-04T09:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: EVIL,
    requestParameters: { name: EVIL },
    responseElements: null,
    eventID: '00000000-0000-4000-8000-000000000001',
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };
  const d = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
  mkdirSync(d, { recursive: true });
  writeFileSync(
    join(d, `${ACCOUNT}_CloudTrail_us-east-1_20260504T0900Z_x.json`),
    JSON.stringify({ Records: [event] }),
  );
  return join(dir, 'AWSLogs');
}

function ruleDir(): string {
  const d = join(dir, 'rules');
  mkdirSync(d, { recursive: true });
  writeFileSync(
    join(d, 'evil.yml'),
    [
      `title: ${JSON.stringify(EVIL)}`,
      'id: 0d3e0000-0000-4000-8000-0000000000ee',
      'logsource: { product: aws, service: cloudtrail }',
      'detection:',
      '  selection: { eventName: StopLogging }',
      '  condition: selection',
      'level: high',
    ].join('\n'),
  );
  return d;
}

describe('text from clouds and logs never drives the terminal', () => {
  const runs: [string, CliRun][] = [];
  let findingId = '';

  beforeAll(async () => {
    const day1 = writeSnapshot(dir, 'day1.json', estate('alice'));
    const day2 = writeSnapshot(dir, 'day2.json', estate(`bob${FORGED}`));
    const scan1 = await cli('scan', '--snapshot', day1, '--no-progress');
    runs.push(['scan', scan1]);
    runs.push(['scan --details', await cli('scan', '--snapshot', day2, '--no-progress', '--details')]);
    const list = await cli('findings', 'list', '--format', 'json');
    findingId = (JSON.parse(list.stdout) as { findings: { com: { finding_id: string } }[] }).findings[0]?.com
      .finding_id as string;
    runs.push(['findings list', await cli('findings', 'list', '--state', 'all')]);
    runs.push(['findings show', await cli('findings', 'show', findingId)]);
    runs.push(['findings show --json', await cli('findings', 'show', findingId, '--json')]);
    runs.push(['diff', await cli('diff')]);
    runs.push(['diff --json', await cli('diff', '--json')]);
    runs.push([
      'history',
      await cli('history', `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0e000000000000001`),
    ]);
    const rules = ruleDir();
    const tree = cloudTrailTree();
    runs.push([
      'detect',
      await cli('detect', '--type', 'cloudtrail', '--path', tree, '--workers', '1', '--rules', rules),
    ]);
    runs.push([
      'detect --format json',
      await cli(
        'detect',
        '--type',
        'cloudtrail',
        '--path',
        tree,
        '--workers',
        '1',
        '--format',
        'json',
        '--no-store',
      ),
    ]);
    runs.push(['rules list', await cli('rules', 'list', rules)]);
    runs.push(['rules validate', await cli('rules', 'validate', rules)]);
    runs.push([
      'scan --format json',
      await cli('scan', '--snapshot', day2, '--no-progress', '--format', 'json'),
    ]);
    runs.push([
      'scan --log-format json',
      await cli('scan', '--snapshot', day2, '--no-progress', '--log-format', 'json'),
    ]);
  }, 60_000);

  it('the planted text reached every command (the test exercises what it claims)', () => {
    const byName = Object.fromEntries(runs);
    for (const name of ['scan', 'findings list', 'findings show', 'detect', 'rules list']) {
      expect(byName[name]?.stdout, name).toContain('evil');
    }
    // the tag changed to a value with a forged colour: both show the change
    expect(byName.diff?.stdout).toContain('bob');
    expect(byName.history?.stdout).toContain('bob');
    expect(byName.detect?.stdout).toMatch(/StopLogging/);
  });

  it('no command writes a control sequence, C1 control or bidi override (stdout and stderr)', () => {
    for (const [name, r] of runs) {
      expect(controls(r.stdout), `${name} stdout`).toEqual([]);
      expect(controls(r.stderr), `${name} stderr`).toEqual([]);
    }
  });

  it('JSON keeps the planted text as data, escaped', () => {
    const byName = Object.fromEntries(runs);
    const shown = JSON.parse(byName['findings show --json']?.stdout ?? '{}') as {
      life: { record: { com: { name: string } } };
    };
    expect(shown.life.record.com.name.startsWith(EVIL)).toBe(true);
    expect(byName['findings show --json']?.stdout).toContain('\\u001b[2J');
  });
});

describe('with colour on, only our own colours reach the terminal', () => {
  it('keeps SGR colour of its own and removes the planted sequences', async () => {
    const d = tempDir('cw-term-color-');
    const file = writeSnapshot(d, 'day1.json', estate('alice'));
    const saved = { isTTY: process.stdout.isTTY, columns: process.stdout.columns };
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    Object.defineProperty(process.stdout, 'columns', { value: 80, configurable: true });
    try {
      const r = await runCli(['--db', join(d, 'cw.db'), 'scan', '--snapshot', file, '--no-progress'], {
        NO_COLOR: '',
        FORCE_COLOR: '1',
      });
      expect(r.code, r.stderr).toBe(0);
      for (const seq of [CLEAR, '\x1b]8', '\x1b[31mCRITICAL', '\u202e'])
        expect(r.stdout.includes(seq), JSON.stringify(seq)).toBe(false);
      // whatever escape remains is a complete colour (SGR) sequence
      expect(escapes(r.stdout).length).toBeGreaterThan(0);
      expect(nonColourEscapes(r.stdout)).toEqual([]);
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: saved.isTTY, configurable: true });
      Object.defineProperty(process.stdout, 'columns', { value: saved.columns, configurable: true });
    }
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/errors.js';
import { type CliRun, runCli } from '../helpers/run-cli.js';
import { ACCOUNT, tempDir } from './fixtures.js';

/*
 * Items 20 and 21 of issue 9. The README's first commands run this checkout's CLI and never
 * resolve `cloudward` from the package registry (an unrelated package has that name); and the
 * tour says what the program does: every command of it runs, with the exit code and counts
 * the README gives.
 */

const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The lines of the README's ```sh blocks, in order. */
function shellLines(text: string): string[] {
  const out: string[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) out.push(...(block[1] ?? '').split('\n'));
  return out.map((l) => l.trimEnd()).filter(Boolean);
}

/** A shell line split into words (single and double quotes), without its comment and redirection. */
function words(line: string): { args: string[]; comment: string } {
  const m = /^(.*?)(?:\s{2,}#\s*(.*))?$/.exec(line) as RegExpExecArray;
  const args: string[] = [];
  for (const w of (m[1] ?? '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(w[1] ?? w[2] ?? w[3] ?? '');
  const redirect = args.indexOf('>');
  return { args: redirect >= 0 ? args.slice(0, redirect) : args, comment: m[2] ?? '' };
}

describe('the README runs this checkout, never a package from the registry', () => {
  const docs = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('docs', f)),
    join('demo', 'README.md'),
  ];

  it('its first commands install, then run the CLI through the package script', () => {
    const first = readme.split('## A short tour')[0] ?? '';
    const commands = shellLines(first).map((l) => words(l).args.join(' '));
    expect(commands).toEqual(['npm install', 'npm run cloudward -- scan --demo', 'npm test']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.cloudward).toBe('node dist/cli/main.js');
  });

  it('no command in the docs runs npx cloudward (it reinstalls the project into a cache, or fetches a stranger)', () => {
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const line of shellLines(text)) expect(`${doc}: ${line}`).not.toMatch(/\bnpx\s+cloudward\b/);
      for (const line of text.split('\n').filter((l) => /^\s*(\$ )?npx\s+cloudward\b/.test(l)))
        expect.fail(`${doc}: ${line}`);
    }
  });

  it.skipIf(!existsSync(join(root, 'dist', 'cli', 'main.js')))(
    'the first command works with the registry unreachable',
    () => {
      const dir = tempDir('cw-readme-npm-');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        CLOUDWARD_DB: join(dir, 'cw.db'),
        npm_config_offline: 'true',
        npm_config_registry: 'http://127.0.0.1:9/',
        NO_COLOR: '1',
      };
      const r = spawnSync('npm', ['run', 'cloudward', '--', 'scan', '--demo'], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('cloudward-baseline-1.0');
    },
  );
});

describe('the README tour does what it says', () => {
  const dir = tempDir('cw-readme-');
  const db = join(dir, 'cw.db');
  const ran: { line: string; comment: string; run: CliRun }[] = [];
  const cwd = process.cwd();

  /** The inputs the tour's detect and rules commands name, in the directory they run in. */
  function fixtures(): void {
    const trail = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '05', '04');
    mkdirSync(trail, { recursive: true });
    const event = {
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT },
      eventTime: '2026-05-04T09:00:00Z',
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-cli/2.15.30',
      eventID: '00000000-0000-4000-8000-000000000001',
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
    };
    writeFileSync(
      join(trail, `${ACCOUNT}_CloudTrail_us-east-1_x.json.gz`),
      gzipSync(JSON.stringify({ Records: [event] })),
    );
    const flow = [
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
      `2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.15 51234 22 6 9 900 1777885400 1777885460 ACCEPT OK`,
    ];
    writeFileSync(join(dir, 'flow.log.gz'), gzipSync(`${flow.join('\n')}\n`));
    mkdirSync(join(dir, 'insights-logs-signinlogs'));
    copyFileSync(
      join(root, 'test', 'detect', 'sources', 'fixtures', 'entra', 'graph-signins.json'),
      join(dir, 'insights-logs-signinlogs', 'signins.json'),
    );
    mkdirSync(join(dir, 'my-sigma-rules'));
    copyFileSync(
      join(root, 'rules', 'aws', 'cloudtrail_stopped_or_deleted.yml'),
      join(dir, 'my-sigma-rules', 'rule.yml'),
    );
  }

  /** Commands of the tour that need a cloud account, the network or a long-running server. */
  const offline = (args: string[]) =>
    !(args[1] === 'scan' && (args[2] === 'aws' || args[2] === 'azure' || args[2] === 'gcp')) &&
    !args.includes('--s3') &&
    !['serve', 'watch'].includes(args[1] ?? '');

  beforeAll(async () => {
    fixtures();
    process.chdir(dir);
    try {
      for (const line of shellLines(readme)) {
        const parsed = words(line);
        const { comment } = parsed;
        // the first command runs the CLI through the package script: the same program
        const npm = parsed.args.slice(0, 4).join(' ') === 'npm run cloudward --';
        const args = npm ? ['cloudward', ...parsed.args.slice(4)] : parsed.args;
        if (args[0] !== 'cloudward' || !offline(args)) continue;
        ran.push({ line, comment, run: await runCli(['--db', db, ...args.slice(1), '--no-color']) });
      }
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  afterAll(() => process.chdir(cwd));

  it('runs every offline command of the tour', () => {
    expect(ran.length).toBeGreaterThan(20);
    const names = ran.map((r) => r.line);
    for (const cmd of [
      'cloudward diff',
      'cloudward history',
      'cloudward findings show',
      'cloudward detect --type vpcflow',
    ])
      expect(
        names.some((n) => n.startsWith(cmd)),
        cmd,
      ).toBe(true);
  });

  it('each exits as documented: 1 with --fail-on, 4 with --fail-on-error, else 0', () => {
    for (const { line, run } of ran) {
      const want = line.includes('--fail-on-error')
        ? EXIT.couldNotEvaluate
        : line.includes('--fail-on ')
          ? EXIT.findings
          : EXIT.ok;
      expect(run.code, `${line}\n${run.stderr}`).toBe(want);
    }
  });

  it('the day-2 and day-3 counts in the comments are what the scans print', () => {
    for (const day of ['day2', 'day3']) {
      const entry = ran.find((r) => r.line.startsWith(`cloudward scan --demo ${day}`));
      expect(entry, day).toBeDefined();
      const printed = (entry?.run.stdout ?? '').replace(/\s+/g, ' ');
      expect(entry?.comment).toMatch(/^\d+ new, \d+ open, \d+ regressed; \d+ resolved by this scan$/);
      expect(printed, day).toContain(entry?.comment);
    }
  });

  it('the finding id the tour shows exists, and the detect examples find what they read', () => {
    const show = ran.find((r) => r.line.startsWith('cloudward findings show'));
    expect(show?.run.stdout).toMatch(/^FAIL: /);
    const detect = ran.filter((r) => r.line.startsWith('cloudward detect'));
    expect(detect.length).toBe(3);
    expect(detect[0]?.run.stdout).toMatch(/1 events? read/);
    expect(detect[2]?.run.stdout).toMatch(/2 events read/);
  });
});

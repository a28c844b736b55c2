import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCheck } from '../../src/store/check.js';
import { runCli } from '../helpers/run-cli.js';
import { damagePage } from './damage.js';

/*
 * The store as the commands see it: a damaged store is refused before any write and at serve
 * and watch start (exit 2, the file named, what to do), `store check` finds it on demand, and
 * commands that only read never create a store at a mistyped path.
 */

const dir = mkdtempSync(join(tmpdir(), 'cw-store-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sound = join(dir, 'sound.db');
const damaged = join(dir, 'damaged.db');
const config = join(dir, 'cloudward.yaml');

beforeAll(async () => {
  for (const db of [sound, damaged]) {
    const r = await runCli(['--db', db, '-q', 'scan', '--demo', '--no-progress', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
  }
  damagePage(damaged);
  writeFileSync(
    config,
    'audits:\n  nightly: { providers: [demo], schedule: "0 2 * * *" }\nproviders:\n  demo: { type: demo }\n',
  );
});

const damageMessage = (stderr: string) => {
  expect(stderr).toContain(`store ${damaged}: is damaged: SQLite's check found: `);
  expect(stderr).toContain('restore it from a backup');
  expect(stderr).toContain('cloudward store check');
};

describe('cloudward store check', () => {
  it('a sound store: one line, exit 0', async () => {
    const r = await runCli(['--db', sound, 'store', 'check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^store ${sound} \\(SQLite, [\\d.]+ [kM]B, schema version (\\d+) of \\1\\): ok \\(integrity_check in [\\d.]+ s\\)\\n$`,
      ),
    );
  });

  it('a damaged store: the problems and what to do, exit 2, the file untouched', async () => {
    const before = readFileSync(damaged);
    const r = await runCli(['--db', damaged, 'store', 'check']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^store ${damaged} \\(SQLite, .*\\): DAMAGED: \\d+ problems? \\(integrity_check`),
    );
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toMatch(/^What to do: restore it from a backup/);
    const json = await runCli(['--db', damaged, 'store', 'check', '--quick', '--json']);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as StoreCheck;
    expect(parsed).toMatchObject({ type: 'sqlite', location: damaged, ok: false, method: 'quick_check' });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(readFileSync(damaged).equals(before)).toBe(true);
  });
});

describe('a damaged store is refused before any write', () => {
  it('scan: exit 2 naming the file, nothing written', async () => {
    const before = readFileSync(damaged);
    const r = await runCli(['--db', damaged, '-q', 'scan', '--demo', 'day2', '--no-progress']);
    expect(r.code).toBe(2);
    damageMessage(r.stderr);
    expect(readFileSync(damaged).equals(before)).toBe(true);
  });

  it('findings mute: exit 2', async () => {
    const r = await runCli(['--db', damaged, 'findings', 'mute', 'abcdef', '--owner', 'a', '--reason', 'b']);
    expect(r.code).toBe(2);
    damageMessage(r.stderr);
  });

  it('serve refuses to start', async () => {
    const r = await runCli(['--db', damaged, 'serve', '--port', '0']);
    expect(r.code).toBe(2);
    damageMessage(r.stderr);
  });

  it('watch refuses to start', async () => {
    const before = readFileSync(damaged);
    const r = await runCli(['--db', damaged, '--config', config, 'watch', '--no-http']);
    expect(r.code).toBe(2);
    damageMessage(r.stderr);
    expect(readFileSync(damaged).equals(before)).toBe(true);
  });
});

describe('commands that only read never create a store at a mistyped path', () => {
  const typo = join(dir, 'no-such-dir', 'cloudwrad.db');
  const reads: [string, string[]][] = [
    ['findings list', ['findings', 'list']],
    ['findings show', ['findings', 'show', 'abcdef']],
    ['report', ['report']],
    ['diff', ['diff']],
    ['history', ['history', 'web-1']],
    ['frameworks show', ['frameworks', 'show', 'cloudward-baseline-1.0']],
    ['serve', ['serve', '--port', '0']],
    ['store check', ['store', 'check']],
  ];
  for (const [name, args] of reads) {
    it(`${name}: exit 2 naming the path`, async () => {
      const r = await runCli(['--db', typo, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`store ${typo}: no store here (the file does not exist)`);
      expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    });
  }

  it('findings mute does not create one either (a mute needs a stored finding)', async () => {
    const r = await runCli(['--db', typo, 'findings', 'mute', 'abcdef', '--owner', 'a', '--reason', 'b']);
    expect(r.code).toBe(2);
    expect(existsSync(typo)).toBe(false);
  });

  it('scan creates it', async () => {
    const fresh = join(dir, 'new-dir', 'cloudward.db');
    const r = await runCli(['--db', fresh, '-q', 'scan', '--demo', '--no-progress', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });
});

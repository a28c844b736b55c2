import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from './fixtures.js';

/*
 * Item 19 of issue 9: an --output that cannot be written is refused before any work (exit 2),
 * not after the scan was collected and stored.
 */

const dir = tempDir('cw-out-');
const aDirectory = join(dir, 'reports');
mkdirSync(aDirectory);
const aFile = join(dir, 'plain-file');
writeFileSync(aFile, 'x');
const readOnly = join(dir, 'read-only');
mkdirSync(readOnly);
chmodSync(readOnly, 0o555);
const root = process.getuid?.() === 0;

const BAD: [string, string, string][] = [
  ['a missing directory', join(dir, 'no-such-dir', 'report.json'), 'does not exist'],
  ['a directory', aDirectory, 'is a directory'],
  ['a path under a file', join(aFile, 'report.json'), 'not a directory'],
  ...(root
    ? []
    : ([['an unwritable directory', join(readOnly, 'report.json'), 'no permission']] as [
        string,
        string,
        string,
      ][])),
];

async function scanCount(db: string): Promise<number> {
  if (!existsSync(db)) return 0;
  const store = await openStore({ type: 'sqlite', path: db });
  try {
    return (await store.listScans({ limit: 100 })).length;
  } finally {
    await store.close();
  }
}

describe('a bad --output path is refused before scanning', () => {
  it.each(BAD)('scan: %s', async (_what, path, reason) => {
    const db = join(dir, `scan-${Math.random().toString(16).slice(2)}.db`);
    const r = await runCli([
      '--db',
      db,
      'scan',
      '--demo',
      '--format',
      'json',
      '--output',
      path,
      '--no-progress',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output');
    expect(r.stderr).toContain(reason);
    expect(await scanCount(db)).toBe(0);
  });

  it('scan --save-snapshot too', async () => {
    const db = join(dir, 'snap.db');
    const r = await runCli(['--db', db, 'scan', '--demo', '--save-snapshot', aDirectory, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--save-snapshot');
    expect(await scanCount(db)).toBe(0);
  });

  it.each(BAD)('report: %s', async (_what, path, reason) => {
    const db = join(dir, 'report.db');
    await runCli(['--db', db, 'scan', '--demo', '--quiet', '--no-progress']);
    const r = await runCli(['--db', db, 'report', '--output', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(reason);
  });

  it.each(BAD)('detect: %s', async (_what, path, reason) => {
    const logs = join(dir, 'trail.json');
    writeFileSync(logs, JSON.stringify({ Records: [] }));
    const r = await runCli([
      '--db',
      join(dir, 'd.db'),
      'detect',
      '--type',
      'cloudtrail',
      '--path',
      logs,
      '--output',
      path,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(reason);
  });

  it('frameworks coverage: a missing directory', async () => {
    const r = await runCli(['frameworks', 'coverage', '--output', join(dir, 'nope', 'coverage.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });

  it('a good path still works', async () => {
    const out = join(dir, 'ok.json');
    const r = await runCli([
      '--db',
      join(dir, 'ok.db'),
      'scan',
      '--demo',
      '--format',
      'json',
      '--output',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerRulesCommand } from '../../../src/cli/rules.js';

async function run(args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  const program = new Command('cloudward').exitOverride();
  registerRulesCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'cloudward', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { out, exitCode };
}

describe('cloudward rules', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigma-cli-'));
    good = join(dir, 'good');
    await mkdir(good);
    await writeFile(
      join(good, 'root.yml'),
      'title: Root used\nid: r-1\nlevel: high\nlogsource: {product: aws, service: cloudtrail}\ndetection: {s: {userIdentity.type: Root}, condition: s}\n',
    );
    await writeFile(
      join(good, 'nsg.yml'),
      'title: NSG opened\nlevel: medium\nlogsource: {product: azure, service: activitylogs}\ndetection: {s: {operationName: x}, condition: s}\n',
    );
    await writeFile(
      join(dir, 'bad.yml'),
      'title: Uses expand\nlogsource: {product: aws}\ndetection: {s: {"a|expand": "%x%"}, condition: s}\n',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('validate lists each failure as file: title: reason and a summary, and exits 1', async () => {
    const { out, exitCode } = await run(['rules', 'validate', dir]);
    expect(out).toMatch(/^bad\.yml: Uses expand: .*"expand".*not supported$/m);
    expect(out).toMatch(/^3 rules: 2 compiled, 1 failed$/m);
    expect(out).toMatch(/^aws\s+1 compiled\s+1 failed$/m);
    expect(exitCode).toBe(1);
  });

  it('validate exits 0 when every rule compiles', async () => {
    const { out, exitCode } = await run(['rules', 'validate', good]);
    expect(out).toMatch(/2 rules: 2 compiled, 0 failed/);
    expect(out).toMatch(/runs on: .*aws\/cloudtrail 1/);
    expect(exitCode).toBeUndefined();
  });

  it('validate --json gives the counts and failures', async () => {
    const { out } = await run(['rules', 'validate', dir, '--json']);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ loaded: 3, compiled: 2, failed: 1 });
    expect(report.byProduct.azure).toEqual({ loaded: 1, compiled: 1, failed: 0 });
    expect(report.failures[0]).toMatchObject({ title: 'Uses expand' });
  });

  it('list shows rules with level and source', async () => {
    const { out } = await run(['rules', 'list', good]);
    expect(out).toMatch(/aws\/cloudtrail\s+high\s+rule\s+Root used\s+\[r-1\]/);
    expect(out).toMatch(/azure\/activitylogs\s+medium\s+rule\s+NSG opened/);
    expect(out).toMatch(/^2 rules$/m);
  });

  it('list reports an unreadable directory', async () => {
    await expect(run(['rules', 'list', join(dir, 'missing')])).rejects.toThrow(/cannot read rules/);
  });
});

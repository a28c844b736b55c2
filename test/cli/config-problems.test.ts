import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/audit/catalogue.js';
import { EXIT } from '../../src/cli/errors.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/run-cli.js';

/** Config problems as a terminal shows them: each ends with ` (at FILE:LINE:COL)`, and fits the width. */

const home = mkdtempSync(join(tmpdir(), 'cw-config-problems-'));
const deep = join(home, 'a-rather-long-directory-name/holding/the-operations-team/configuration');
mkdirSync(deep, { recursive: true });
const file = join(deep, 'cloudward.yaml');
writeFileSync(
  file,
  [
    'checks:',
    '  aws.ec2.unrestricted_ingress_authorized_ports_only:',
    '    params:',
    '      authorized_tcp_ports: [80, 70000]',
    '  common.logging.retention_at_least_365_days:',
    '    params: { min_days: -1 }',
    '',
  ].join('\n'),
);

function loadProblems(): string[] {
  try {
    loadConfig({
      files: [file],
      cwd: home,
      env: {},
      systemFile: join(home, 'none'),
      userFile: join(home, 'none'),
      catalogue: builtinCatalogue,
    });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config problems on a terminal', () => {
  it('wrap to 80 columns, a long location going on below, with nothing lost', async () => {
    const r = await runCli(['config', 'validate', file], {
      COLUMNS: '80',
      HOME: home,
      XDG_CONFIG_HOME: home,
    });
    expect(r.code).toBe(EXIT.input);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('cloudward: invalid configuration:');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    // every problem is there, location included, once the line breaks are taken out
    const problems = loadProblems();
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.length > 80 && p.includes(` (at ${file}:`))).toBe(true);
    const squeezed = r.stderr.replace(/\s+/g, '');
    for (const p of problems) expect(squeezed).toContain(p.replace(/\s+/g, ''));
    // a continuation line is indented under its problem's start
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
    expect(lines.some((l) => l.startsWith('      '))).toBe(true);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapes, nonColourEscapes, overWide, plain, screen } from './ansi.js';
import { tempDir } from './fixtures.js';

/*
 * Item 11 of issue 9, on a real terminal: the CLI runs under `script` (a pseudo terminal) set to
 * 80 columns. The summary of `scan --demo` fits, keeps only complete colour sequences, and a
 * warning logged while the progress bar is drawn never lands on the bar's line.
 */

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
// The CLI runs as JavaScript: build it from the sources (inside node_modules so that its package
// imports and the package root resolve as they do for dist/cli/main.js), one file per module as
// tsc writes dist/: the check registry finds the checks by walking its folder, so every check
// module is an entry of its own.
const cacheDir = join(process.cwd(), 'node_modules', '.cache', `cloudward-test-cli-${process.pid}`);
const main = join(cacheDir, 'cli', 'main.js');
const dir = tempDir('cw-pty-');

/** Runs the CLI in a pseudo terminal of `cols` columns; returns what the terminal received. */
function onTerminal(args: string[], cols = 80): string {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const command = `stty cols ${cols} rows 50; ${process.execPath} ${main} ${quoted}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TERM: 'xterm-256color',
    CLOUDWARD_DB: join(dir, 'pty.db'),
  };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.COLUMNS;
  return execFileSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
}

/** The report without the log lines (stderr shares the terminal; the terminal wraps a long log line). */
const output = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^(info|warn|error|debug) /.test(plain(l)))
    .join('\n');

describe.skipIf(!hasScript)('on an 80-column terminal', () => {
  beforeAll(async () => {
    const src = join(process.cwd(), 'src');
    const checks = readdirSync(join(src, 'checks'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(src, 'checks', f));
    await build({
      input: [join(src, 'cli', 'main.ts'), ...checks],
      platform: 'node',
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:/.test(id),
      output: { dir: cacheDir, format: 'esm', preserveModules: true, preserveModulesRoot: src },
      logLevel: 'silent',
    });
  }, 120_000);

  afterAll(() => {
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('scan --demo prints a short summary that fits, with colour and no broken escape sequence', () => {
    const raw = onTerminal(['scan', '--demo', '--no-progress']);
    const text = raw.replace(/\r\n/g, '\n');
    expect(text).toMatch(/TOP FINDINGS/);
    expect(text).toContain('COULD NOT EVALUATE');
    expect(nonColourEscapes(text)).toEqual([]);
    expect(escapes(text).length).toBeGreaterThan(0); // it is in colour
    expect(overWide(output(text), 80)).toEqual([]);
    // every line closes what it opens: no colour runs across a line break
    for (const line of text.split('\n')) {
      const codes = escapes(line).map((e) => e.slice(2, -1));
      const opens = codes.filter((c) => /^(1|2|3[1-7]|9[0-7])$/.test(c)).length;
      const closes = codes.filter((c) => c === '22' || c === '39').length;
      expect(closes, plain(line)).toBeGreaterThanOrEqual(opens);
    }
    // a summary, not the whole list (447 lines before summaries; about 90 now that the demo
    // holds three clouds' could-not-evaluate examples)
    expect(text.split('\n').length).toBeLessThan(100);
  });

  it('the full list on request also fits 80 columns', () => {
    const text = onTerminal(['scan', '--demo', 'day2', '--no-progress', '--details']).replace(/\r\n/g, '\n');
    expect(text).toMatch(/FAILING FINDINGS \(\d+\)/);
    expect(text).toMatch(/RESOLVED BY THIS SCAN/);
    expect(nonColourEscapes(text)).toEqual([]);
    expect(overWide(output(text), 80)).toEqual([]);
  });

  it('a warning logged during collection is on its own line, never on the progress bar', () => {
    const raw = onTerminal(['scan', '--demo', 'day3']);
    const rows = screen(raw, 80);
    // the demo's denied RDS collection is logged while the bar is drawn
    const warn = rows.filter((l) => l.includes('aws.rds.db_instance'));
    expect(warn.length).toBeGreaterThan(0);
    for (const l of warn) expect(l.startsWith('warn')).toBe(true);
    expect(rows.filter((l) => l.includes('collecting ['))).toEqual([]);
  });
});

import type { Command } from 'commander';
import { terminalJson } from '../core/terminal-text.js';
import type { StoreCheck } from '../store/check.js';
import { contextOf } from './context.js';
import { EXIT, setExitCode } from './errors.js';
import { printData } from './terminal.js';

interface CheckOptions {
  store?: string;
  quick?: boolean;
  json?: boolean;
}

const PROBLEMS_SHOWN = 20;

function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}

/** The result for people: one line, then the problems and what to do. */
export function renderCheck(c: StoreCheck, advice: string): string {
  const what = [
    c.type === 'sqlite' ? 'SQLite' : 'PostgreSQL',
    ...(c.facts.bytes !== undefined ? [size(c.facts.bytes)] : []),
    `schema version ${c.schema.version} of ${c.schema.expected}`,
  ].join(', ');
  const took = `${c.method} in ${(c.ms / 1000).toFixed(1)} s`;
  const lines = [
    c.ok
      ? `store ${c.location} (${what}): ok (${took})`
      : `store ${c.location} (${what}): DAMAGED: ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'} (${took})`,
  ];
  for (const p of c.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${p}`);
  if (c.problems.length > PROBLEMS_SHOWN) lines.push(`  ... and ${c.problems.length - PROBLEMS_SHOWN} more`);
  for (const n of c.notes) lines.push(`  note: ${n}`);
  if (!c.ok) lines.push(`What to do: ${advice}.`);
  return `${lines.join('\n')}\n`;
}

export function registerStoreCommand(program: Command): void {
  const store = program.command('store').description('Look after the store: check it for damage');
  store
    .command('check')
    .description('Check the store for damage without writing to it (exit 0: sound, 2: damaged or unreadable)')
    .option('--store <name>', 'a store of the config (default: defaults.store; --db names a SQLite file)')
    .option('--quick', 'SQLite: PRAGMA quick_check (skips comparing indexes with their tables)')
    .option('--json', 'the result as JSON')
    .addHelpText(
      'after',
      `
SQLite: runs PRAGMA integrity_check over the whole file (or quick_check with --quick) on a
read-only connection, and reads the schema version. PostgreSQL: checks that the schema is a
Cloudward store at the version this release expects, reads every table to its end, and looks
for invalid indexes. Nothing is created, migrated or repaired.

Commands that write (scan, watch, detect, findings mute) run quick_check before their first
write, and serve and watch at start, so a damaged store is refused before it gets worse.

Examples:
  cloudward store check
  cloudward --db ~/audits/prod.db store check --quick
  cloudward store check --store team --json`,
    )
    .action(async (opts: CheckOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const target = ctx.storeConfig(opts.store);
      // loaded with the command: it brings the PostgreSQL driver
      const { adviceFor, checkStore } = await import('../store/check.js');
      const result = await checkStore(target, opts.quick ? { quick: true } : {});
      if (opts.json) printData(`${terminalJson(result, 2)}\n`);
      else ctx.print(renderCheck(result, adviceFor(result)));
      setExitCode(result.ok ? EXIT.ok : EXIT.input);
    });
}

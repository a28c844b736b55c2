import type { Command } from 'commander';
import { stringify } from 'yaml';
import { loadConfig } from '../config/load.js';
import { redact } from '../core/logger.js';
import { contextOf } from './context.js';

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('The effective configuration');
  config
    .command('print')
    .description(
      'Print the effective config: built-in defaults, then each file in layering order (secrets redacted)',
    )
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const { config: cfg, sources } = contextOf(cmd).config;
      const safe = redact(cfg, -20);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ sources, config: safe }, null, 2)}\n`);
        return;
      }
      const head = ['# effective config, layered from: built-in defaults', ...sources.map((s) => `#   ${s}`)];
      process.stdout.write(`${head.join('\n')}\n${stringify(safe)}`);
    });
  config
    .command('validate')
    .description('Validate the config layers (or the given files on top of the defaults)')
    .argument('[files...]', 'config files to validate')
    .action((files: string[], _o: object, cmd: Command) => {
      const ctx = contextOf(cmd);
      const loaded = files.length ? loadConfig({ files }) : ctx.config;
      process.stdout.write(
        `config is valid (${loaded.sources.length ? loaded.sources.join(', ') : 'built-in defaults only'})\n`,
      );
    });
}

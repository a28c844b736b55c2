import type { Command } from 'commander';
import { stringify } from 'yaml';
import { builtinCatalogue } from '../audit/catalogue.js';
import { loadConfig } from '../config/load.js';
import { redact } from '../core/logger.js';
import { terminalJson } from '../core/terminal-text.js';
import { contextOf } from './context.js';
import { printData, printText } from './terminal.js';

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
        printData(`${terminalJson({ sources, config: safe }, 2)}\n`);
        return;
      }
      const head = ['# effective config, layered from: built-in defaults', ...sources.map((s) => `#   ${s}`)];
      printText(`${head.join('\n')}\n${stringify(safe)}`, false);
    });
  config
    .command('validate')
    .description('Validate the config layers (or the given files on top of the defaults)')
    .argument('[files...]', 'config files to validate')
    .action((files: string[], _o: object, cmd: Command) => {
      const ctx = contextOf(cmd);
      const loaded = files.length ? loadConfig({ files, catalogue: builtinCatalogue }) : ctx.config;
      printText(
        `config is valid (${loaded.sources.length ? loaded.sources.join(', ') : 'built-in defaults only'})\n`,
        false,
      );
    });
}

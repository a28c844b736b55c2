import type { Command } from 'commander';
import { builtinCatalogue } from '../audit/catalogue.js';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { StoreConfig } from '../config/schema.js';
import { createLogger, type Logger } from '../core/logger.js';
import { type OpenStoreOptions, openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';
import { printText, terminalWidth } from './terminal.js';

export interface GlobalOptions {
  config?: string[];
  db?: string;
  logFormat?: 'text' | 'json';
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  quiet?: boolean;
  color?: boolean;
}

/** What every command needs, created lazily so `--help` and `checks list` touch no file. */
export class CliContext {
  private loaded?: LoadedConfig;
  private stores: Store[] = [];
  /** while a progress line is drawn on stderr, log lines go through it (printed above it) */
  progress: { log(line: string): void } | undefined;
  readonly logger: Logger;

  constructor(readonly opts: GlobalOptions) {
    const quiet = opts.quiet ?? false;
    this.logger = createLogger({
      level: quiet ? 'warn' : (opts.logLevel ?? 'info'),
      format: opts.logFormat ?? 'text',
      color: this.color(process.stderr),
      write: (line) => (this.progress ? this.progress.log(line) : process.stderr.write(`${line}\n`)),
    });
  }

  /** Text for people on stdout, through the terminal boundary (src/cli/terminal.ts). */
  print(text: string): void {
    printText(text, this.color());
  }

  /** The width to lay stdout text out in. */
  get width(): number {
    return terminalWidth(process.stdout);
  }

  /** Colour only on a TTY, and never when NO_COLOR is set or --no-color given. */
  color(stream: NodeJS.WriteStream = process.stdout): boolean {
    return this.opts.color !== false && !process.env.NO_COLOR && stream.isTTY === true;
  }

  get config(): LoadedConfig {
    this.loaded ??= loadConfig({ files: this.opts.config ?? [], catalogue: builtinCatalogue });
    return this.loaded;
  }

  /** The config of a store (the default store without a name), with --db applied. */
  storeConfig(name?: string): StoreConfig {
    const { config } = this.config;
    const key = name ?? config.defaults.store;
    const sc: StoreConfig | undefined = config.stores[key];
    if (!sc)
      throw new UserError(
        `stores.${key}: no such store (config has: ${Object.keys(config.stores).join(', ')})`,
      );
    return this.opts.db ? { type: 'sqlite', path: this.opts.db } : sc;
  }

  /**
   * The store of an audit (or the default store); --db / CLOUDWARD_DB override the sqlite path.
   * By default it must exist (commands that only read never create a store at a mistyped
   * path); commands that write pass `{ create: true, verify: true }`: the store is created if
   * missing and checked for damage before anything is written.
   */
  async store(name?: string, opts: OpenStoreOptions = {}): Promise<Store> {
    const store = await openStore(this.storeConfig(name), { create: false, ...opts });
    this.stores.push(store);
    return store;
  }

  async close(): Promise<void> {
    for (const s of this.stores.splice(0)) await s.close();
  }
}

export function contextOf(cmd: Command): CliContext {
  return new CliContext(cmd.optsWithGlobals<GlobalOptions>());
}

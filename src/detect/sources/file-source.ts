import type { EventRecord } from '../event.js';
import { listLogFiles, openBytes } from './files.js';
import type { LogFormat } from './format.js';
import type { SplitterStats } from './json-splitter.js';
import { BaseSource, errorMessage, pause, type SourceOptions } from './source.js';
import { decodeText, TransportError } from './text-stream.js';

export interface FileSourceOptions extends SourceOptions {
  /** receives the JSON splitter statistics of each file (benchmarks and tests) */
  onSplitterStats?: (file: string, stats: SplitterStats) => void;
}

/**
 * Events from local files: one file, a directory tree walked in delivery order, or stdin ('-').
 * With `follow`, the tree is walked again every poll interval and files not seen before are read.
 */
export class FileSource extends BaseSource {
  constructor(
    private readonly path: string,
    private readonly format: LogFormat,
    name: string,
    private readonly opts: FileSourceOptions = {},
  ) {
    super(name, opts);
  }

  protected async *readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    if (this.path === '-') {
      yield* this.readFile('-', signal);
      return;
    }
    const seen = new Set<string>();
    for (;;) {
      const files = await listLogFiles(this.path, { suffixes: this.format.suffixes }, this.log);
      for (const file of files) {
        if (signal?.aborted) return;
        if (seen.has(file)) continue;
        seen.add(file);
        yield* this.readFile(file, signal);
      }
      if (!this.follow || !(await pause(this.pollIntervalMs, signal))) return;
    }
  }

  private async *readFile(file: string, signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    const where = file === '-' ? '<stdin>' : file;
    const ctx = {
      file: where,
      origin: this.name,
      log: this.log,
      onSplitterStats: this.opts.onSplitterStats
        ? (s: SplitterStats) => this.opts.onSplitterStats?.(where, s)
        : undefined,
    };
    try {
      for await (const ev of this.format.readText(decodeText(openBytes(file), where, this.log), ctx)) {
        yield ev;
        if (signal?.aborted) return;
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const cause = err.cause instanceof Error ? errorMessage(err.cause) : String(err.cause);
      this.log.report(where, { offset: err.offset }, `cannot read: ${cause}`);
    }
  }
}

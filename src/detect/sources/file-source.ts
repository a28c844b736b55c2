import { readFile, stat } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { EventRecord } from '../event.js';
import { listLogFiles, openBytes } from './files.js';
import type { LogFormat, ReadContext } from './format.js';
import type { SplitterStats } from './json-splitter.js';
import { BaseSource, errorMessage, pause, type SourceOptions } from './source.js';
import { decodeText, isGzip, TransportError } from './text-stream.js';

export interface FileSourceOptions extends SourceOptions {
  /** receives the JSON splitter statistics of each file (benchmarks and tests) */
  onSplitterStats?: (file: string, stats: SplitterStats) => void;
  /**
   * A file whose (decompressed) text is at most this many bytes is read whole and parsed at
   * once, which costs a third less than splitting it; larger files are streamed in bounded
   * memory (default 64 MiB; 0 streams every file).
   */
  wholeFileMaxBytes?: number;
  /** told where a whole file's records lie in its text, where that is known (see `ReadContext.onRecordSpans`) */
  onRecordSpans?: (file: string, text: string, base: number, spans: readonly number[]) => void;
  /** whole file names a directory walk reads besides the format's suffixes (VPC flow: CloudWatch Logs exports) */
  names?: RegExp;
}

const WHOLE_FILE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Events handed out between two turns of the event loop, as one batch. Events come from memory
 * without any I/O, so without a turn now and then the next file's read and gunzip (I/O callbacks)
 * would wait until this file is done instead of running beside it.
 */
const EVENTS_PER_TURN = 256;

const gunzipAsync = promisify(gunzip);

/** How a file is read: its whole text, its bytes (a gzip that does not inflate whole), or streamed. */
type Loaded = { text: string } | { bytes: Buffer } | { stream: true } | { error: unknown };

async function* oneChunk<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/**
 * Events from local files: one file, a directory tree walked in delivery order, or stdin ('-').
 * With `follow`, the tree is walked again every poll interval and files not seen before are read.
 * While one file's events are handed out, the next file is read and gunzipped in the background.
 */
export class FileSource extends BaseSource {
  private readonly wholeMax: number;

  constructor(
    private readonly path: string,
    private readonly format: LogFormat,
    name: string,
    private readonly opts: FileSourceOptions = {},
  ) {
    super(name, opts);
    this.wholeMax = opts.wholeFileMaxBytes ?? WHOLE_FILE_MAX_BYTES;
  }

  protected async *readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    for await (const batch of this.readEventBatches(signal)) yield* batch;
  }

  protected override async *readEventBatches(signal: AbortSignal | undefined): AsyncIterable<EventRecord[]> {
    if (this.path === '-') {
      yield* this.readFile('-', this.contextFor('-', { stream: true }), { stream: true }, signal);
      return;
    }
    const seen = new Set<string>();
    for (;;) {
      const files = await listLogFiles(
        this.path,
        { suffixes: this.format.suffixes, names: this.opts.names },
        this.log,
      );
      const todo = files.filter((f) => !seen.has(f));
      let next = todo.length > 0 ? this.load(todo[0] as string) : undefined;
      for (let i = 0; i < todo.length && next; i++) {
        const file = todo[i] as string;
        const loaded = await next;
        next = i + 1 < todo.length ? this.load(todo[i + 1] as string) : undefined;
        if (signal?.aborted) return;
        seen.add(file);
        const ctx = this.contextFor(file, loaded);
        const whole = this.wholeEvents(ctx, loaded);
        if (!whole) {
          yield* this.readFile(file, ctx, loaded, signal);
          continue;
        }
        // made at their full size: grown from empty by push, a batch's arrays came to three times its size
        let batch = new Array<EventRecord>(EVENTS_PER_TURN);
        let n = 0;
        for (const ev of whole) {
          batch[n++] = ev;
          if (n === EVENTS_PER_TURN) {
            yield batch;
            batch = new Array<EventRecord>(EVENTS_PER_TURN);
            n = 0;
            if (signal?.aborted) return;
            await nextTurn();
          }
        }
        if (n > 0) {
          batch.length = n;
          yield batch;
        }
      }
      if (!this.follow || !(await pause(this.pollIntervalMs, signal))) return;
    }
  }

  /** Reads a file small enough to hold whole and inflates it off the main thread; never rejects. */
  private async load(file: string): Promise<Loaded> {
    try {
      const st = await stat(file);
      if (!st.isFile() || st.size > this.wholeMax) return { stream: true };
      const bytes = await readFile(file);
      if (!isGzip(bytes)) return { text: bytes.toString('utf8') };
      try {
        // An output buffer the size of the text inflates it in one go on the thread pool, and zlib then
        // hands back that buffer instead of copying several into one. The gzip trailer holds the size
        // (of the last member, modulo 4 GiB): trusted only when it is at least the compressed size.
        const trailer = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
        const expected = trailer >= bytes.length ? trailer + 64 : bytes.length * 16;
        const chunkSize = Math.min(this.wholeMax, Math.max(64 * 1024, expected));
        const text = await gunzipAsync(bytes, { maxOutputLength: this.wholeMax, chunkSize });
        return { text: text.toString('utf8') };
      } catch {
        // truncated, corrupt or too large once inflated: streaming says where and keeps what it can
        return { bytes };
      }
    } catch (error) {
      return { error };
    }
  }

  private contextFor(file: string, loaded: Loaded): ReadContext {
    const where = file === '-' ? '<stdin>' : file;
    return {
      file: where,
      origin: this.name,
      log: this.log,
      onSplitterStats: this.opts.onSplitterStats
        ? (s: SplitterStats) => this.opts.onSplitterStats?.(where, s)
        : undefined,
      whole: 'text' in loaded,
      onRecordSpans: this.opts.onRecordSpans
        ? (text: string, base: number, spans: readonly number[]) =>
            this.opts.onRecordSpans?.(where, text, base, spans)
        : undefined,
    };
  }

  /**
   * A whole file's events when its text parses at once (CloudTrail's own files): handed out by the caller's
   * own loop, without a generator (and promises) per event in between. Null: readFile reads it.
   */
  private wholeEvents(ctx: ReadContext, loaded: Loaded): Iterable<EventRecord> | null {
    if (!('text' in loaded) || !this.format.wholeTextEvents) return null;
    const events = this.format.wholeTextEvents(loaded.text, ctx);
    // declined: the streaming way reads it, without trying the one-parse way again
    if (!events) ctx.whole = false;
    return events;
  }

  private async *readFile(
    file: string,
    ctx: ReadContext,
    loaded: Loaded,
    signal: AbortSignal | undefined,
  ): AsyncIterable<EventRecord[]> {
    const where = ctx.file;
    try {
      if ('error' in loaded) throw new TransportError(where, 0, loaded.error);
      const chunks =
        'text' in loaded
          ? oneChunk(loaded.text)
          : decodeText('bytes' in loaded ? oneChunk(loaded.bytes) : openBytes(file), where, this.log);
      let n = 0;
      for await (const ev of this.format.readText(chunks, ctx)) {
        // streamed events one at a time, as they are parsed
        yield [ev];
        if (signal?.aborted) return;
        if (++n % EVENTS_PER_TURN === 0) await nextTurn();
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const cause = err.cause instanceof Error ? errorMessage(err.cause) : String(err.cause);
      this.log.report(where, { offset: err.offset }, `cannot read: ${cause}`);
    }
  }
}

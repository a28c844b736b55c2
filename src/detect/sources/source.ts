import type { EventRecord, SourcePosition } from '../event.js';

/** Something in the input that could not be read as an event; reading goes on after it. */
export interface SourceProblem {
  /** file path, s3://bucket/key, log group or queue the problem is in */
  file: string;
  /** line (line-based input), record index (records arrays) or byte offset (compressed input) */
  position: Omit<SourcePosition, 'file'>;
  reason: string;
}

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface SourceStats {
  events: number;
  /** records read but deliberately not turned into events (e.g. GCP entries that are not audit logs) */
  skipped: number;
  problems: number;
}

export interface LogSource {
  /** the source name, copied into com.origin_key of every event */
  name: string;
  read(opts?: ReadOptions): AsyncIterable<EventRecord>;
  /**
   * The same events as `read`, a batch at a time, for sources that have many in memory at once (files
   * read whole): the caller's loop then costs no promise per event. Undefined where there is no gain.
   */
  readBatches?(opts?: ReadOptions): AsyncIterable<readonly EventRecord[]>;
  /** problems of the current or last read (the first `maxProblems`; stats.problems counts all) */
  problems: SourceProblem[];
  stats: SourceStats;
  /**
   * Acknowledge an event of a queue-backed source when autoAck is off: the message is deleted
   * from the queue. Undefined for sources that need no acknowledgement.
   */
  ack?: (event: EventRecord) => Promise<void>;
}

export interface SourceOptions {
  /** overrides the default name `<type>:<location>` */
  name?: string;
  /** called for every problem as it is found */
  onProblem?: (problem: SourceProblem) => void;
  /** how many problems `problems` keeps (default 1000); all are still counted and passed to onProblem */
  maxProblems?: number;
  /** keep polling for new files, objects or messages until the read's signal aborts */
  follow?: boolean;
  /** pause between polls in follow mode (default 30 s) */
  pollIntervalMs?: number;
}

/** Collects the problems and counters of one read; every reader reports through it. */
export class ProblemLog {
  readonly problems: SourceProblem[] = [];
  readonly stats: SourceStats = { events: 0, skipped: 0, problems: 0 };
  constructor(
    private readonly onProblem?: (p: SourceProblem) => void,
    private readonly maxProblems = 1000,
  ) {}

  report(file: string, position: Omit<SourcePosition, 'file'>, reason: string): void {
    // a copy: readers may hand over a position object they refill for every record
    const p: SourceProblem = { file, position: { ...position }, reason };
    this.stats.problems += 1;
    if (this.problems.length < this.maxProblems) this.problems.push(p);
    this.onProblem?.(p);
  }

  reset(): void {
    this.problems.length = 0;
    this.stats.events = 0;
    this.stats.skipped = 0;
    this.stats.problems = 0;
  }
}

/** Base for sources: owns the problem log so that `problems` and `stats` always reflect the last read. */
export abstract class BaseSource implements LogSource {
  protected readonly log: ProblemLog;
  protected readonly follow: boolean;
  protected readonly pollIntervalMs: number;

  constructor(
    readonly name: string,
    opts: SourceOptions = {},
  ) {
    this.log = new ProblemLog(opts.onProblem, opts.maxProblems);
    this.follow = opts.follow ?? false;
    this.pollIntervalMs = opts.pollIntervalMs ?? 30_000;
  }

  get problems(): SourceProblem[] {
    return this.log.problems;
  }

  get stats(): SourceStats {
    return this.log.stats;
  }

  /**
   * The source's events, counted. A plain iterator over readEvents rather than another async generator:
   * each generator an event passes through costs it several promises, which a large log pays per event.
   * A source with batches hands them out one by one from the batch in hand.
   */
  read(opts: ReadOptions = {}): AsyncIterable<EventRecord> {
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<EventRecord> => {
        this.log.reset();
        if (this.readEventBatches) return this.flatten(this.readEventBatches(opts.signal), opts.signal);
        const inner = this.readEvents(opts.signal)[Symbol.asyncIterator]();
        const stats = this.log.stats;
        const counted = (r: IteratorResult<EventRecord>): IteratorResult<EventRecord> => {
          if (!r.done) stats.events += 1;
          return r;
        };
        return {
          next: () => inner.next().then(counted),
          return: (value?: unknown) =>
            inner.return ? inner.return(value) : Promise.resolve({ done: true as const, value }),
        };
      },
    };
  }

  /** Batches of events, counted; undefined when the source has no batches of its own. */
  get readBatches(): ((opts?: ReadOptions) => AsyncIterable<readonly EventRecord[]>) | undefined {
    const own = this.readEventBatches;
    if (!own) return undefined;
    return (opts: ReadOptions = {}) => ({
      [Symbol.asyncIterator]: (): AsyncIterator<readonly EventRecord[]> => {
        this.log.reset();
        const inner = own.call(this, opts.signal)[Symbol.asyncIterator]();
        const stats = this.log.stats;
        const counted = (r: IteratorResult<readonly EventRecord[]>) => {
          if (!r.done) stats.events += r.value.length;
          return r;
        };
        return {
          next: () => inner.next().then(counted),
          return: (value?: unknown) =>
            inner.return ? inner.return(value) : Promise.resolve({ done: true as const, value }),
        };
      },
    });
  }

  /** Events one by one from batches: a promise already settled per event while the batch lasts. */
  private flatten(
    batches: AsyncIterable<readonly EventRecord[]>,
    signal: AbortSignal | undefined,
  ): AsyncIterator<EventRecord> {
    const inner = batches[Symbol.asyncIterator]();
    const stats = this.log.stats;
    let batch: readonly EventRecord[] = [];
    let at = 0;
    let ended = false;
    const finish = async (value?: unknown): Promise<IteratorResult<EventRecord>> => {
      if (!ended) {
        ended = true;
        await inner.return?.(value);
      }
      return { done: true, value: undefined };
    };
    const pull = async (): Promise<IteratorResult<EventRecord>> => {
      for (;;) {
        if (ended) return { done: true, value: undefined };
        const r = await inner.next();
        if (r.done) {
          ended = true;
          return { done: true, value: undefined };
        }
        batch = r.value;
        at = 0;
        if (batch.length > 0) {
          stats.events += 1;
          return { done: false, value: batch[at++] as EventRecord };
        }
      }
    };
    return {
      next: () => {
        if (at < batch.length) {
          // as the generator did: an abort is noticed before the next event, not after the batch
          if (signal?.aborted) return finish();
          stats.events += 1;
          return Promise.resolve({ done: false, value: batch[at++] as EventRecord });
        }
        return pull();
      },
      return: (value?: unknown) => finish(value),
    };
  }

  /** Optional: the events in batches (see `readBatches`); `readEvents` is then not used by `read`. */
  protected readEventBatches?(signal: AbortSignal | undefined): AsyncIterable<readonly EventRecord[]>;

  protected abstract readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord>;
}

/** Waits `ms` unless the signal aborts first; resolves false when aborted. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    const name = err.name && err.name !== 'Error' ? err.name : typeof code === 'string' ? code : '';
    return name ? `${name}: ${err.message}` : err.message;
  }
  return String(err);
}

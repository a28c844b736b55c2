import type { EventRecord, SourcePosition } from '../event.js';
import { FieldError } from './fields.js';
import {
  type JsonValue,
  RecordSlices,
  readJsonRecords,
  splitWholeText,
  wholeTextRecords,
} from './json-records.js';
import type { SplitterStats } from './json-splitter.js';
import type { ProblemLog } from './source.js';

/**
 * A log format: how the text of one file, S3 object or message becomes events. Transports
 * (files, S3, CloudWatch Logs, SQS) are shared; formats differ per cloud and log type.
 */

export interface ReadContext {
  /** file path, s3://bucket/key, or log group / queue: where events and problems are located */
  file: string;
  /** the source name, for com.origin_key */
  origin: string;
  log: ProblemLog;
  onSplitterStats?: (stats: SplitterStats) => void;
  /** the chunks are one string holding the whole file, which a format may parse at once */
  whole?: boolean;
  /**
   * Told where records of a whole text lie in it, when that is known for free (a slice of records parsed
   * at once): the record at index `base + k` of the file is `text.slice(spans[k], spans[k + 1] - 1)`,
   * exactly as the file has it. The array is reused once this returns.
   */
  onRecordSpans?: (text: string, base: number, spans: readonly number[]) => void;
}

export type Position = Omit<SourcePosition, 'file'>;

export interface LogFormat {
  /** file name suffixes (lower case) read when walking a directory */
  suffixes: readonly string[];
  /** every event in the text of one file or object */
  readText(chunks: AsyncIterable<string>, ctx: ReadContext): AsyncIterable<EventRecord>;
  /** the events of one message (a CloudWatch Logs event, a queue message) */
  readMessage(message: string, ctx: ReadContext, position: Position): EventRecord[];
  /**
   * The events of a whole file's text when it parses at once (one records container on one line, as
   * CloudTrail delivers it), handed out without a promise per event; null when the text needs
   * `readText` (pretty-printed, JSON lines, concatenated or malformed), which then reads it.
   */
  wholeTextEvents?(text: string, ctx: ReadContext): Iterable<EventRecord> | null;
}

/** Turns one parsed record into an event; throws FieldError for a field of the wrong type. */
export type ToEvent = (value: unknown, ctx: ReadContext, position: Position) => EventRecord | null;

export function describePosition(p: Position): string {
  if (p.index !== undefined)
    return p.line !== undefined ? `line ${p.line} record ${p.index}` : `record ${p.index}`;
  if (p.line !== undefined) return `line ${p.line}`;
  return p.offset !== undefined ? `byte ${p.offset}` : '';
}

/** Runs toEvent, turning a FieldError into a reported problem for this event only. */
export function convert(
  toEvent: ToEvent,
  value: unknown,
  ctx: ReadContext,
  position: Position,
): EventRecord | null {
  try {
    return toEvent(value, ctx, position);
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    ctx.log.report(
      ctx.file,
      position,
      `${describePosition(position)}: ${err.message}; event skipped`.trimStart(),
    );
    return null;
  }
}

/** A JSON log format: records arrays, top-level arrays or JSON lines, each record mapped by toEvent. */
export function jsonFormat(spec: {
  suffixes: readonly string[];
  arrayKeys: readonly string[];
  toEvent: ToEvent;
}): LogFormat {
  const recordEvents = (records: unknown[], ctx: ReadContext) => new RecordEvents(records, ctx, spec.toEvent);
  return {
    suffixes: spec.suffixes,
    wholeTextEvents(text, ctx) {
      const slices = RecordSlices.of(text, spec.arrayKeys);
      if (slices) return new SlicedEvents(slices, text, ctx, spec.arrayKeys, spec.toEvent);
      const records = wholeTextRecords(text, spec.arrayKeys);
      return records ? recordEvents(records, ctx) : null;
    },
    async *readText(chunks, ctx) {
      if (ctx.whole) {
        const text = (await chunks[Symbol.asyncIterator]().next()).value ?? '';
        const records = wholeTextRecords(text, spec.arrayKeys);
        if (records) {
          yield* recordEvents(records, ctx);
          return;
        }
        chunks = oneChunk(text);
      }
      const records = readJsonRecords(chunks, ctx.file, ctx.log, {
        arrayKeys: spec.arrayKeys,
        onSplitterStats: ctx.onSplitterStats,
      });
      for await (const { value, position } of records) {
        const ev = convert(spec.toEvent, value, ctx, position);
        if (ev) yield ev;
      }
    },
    readMessage(message, ctx, position) {
      let value: unknown;
      try {
        value = JSON.parse(message);
      } catch (err) {
        ctx.log.report(ctx.file, position, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }
      const ev = convert(spec.toEvent, value, ctx, position);
      return ev ? [ev] : [];
    },
  };
}

/**
 * The events of parsed records, in order, from `at`; `base` is the index in the file of `records[0]`.
 * An iterator of its own rather than a generator: a generator made a result object per event, and each
 * record's position was an object too, which `toEvent` only reads (the event keeps a copy; a reported
 * problem copies it). Both are one object here, refilled for every record; `for...of` reads a result
 * before asking for the next one. `SlicedEvents` loads each slice's records into one of these.
 */
class RecordEvents implements IterableIterator<EventRecord> {
  private readonly position = { line: 1, index: 0 };
  private readonly result: IteratorResult<EventRecord> = { done: false, value: undefined as never };
  private base = 0;

  constructor(
    private records: unknown[],
    private readonly ctx: ReadContext,
    private readonly toEvent: ToEvent,
    private at = 0,
  ) {}

  /** Reads `records` next, `records[0]` being the record at `base` in the file. */
  load(records: unknown[], base: number): void {
    this.records = records;
    this.at = 0;
    this.base = base;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<EventRecord> {
    const records = this.records;
    const result = this.result;
    while (this.at < records.length) {
      const at = this.at++;
      this.position.index = this.base + at;
      const ev = convert(this.toEvent, records[at], this.ctx, this.position);
      // the array would keep every record of the file alive until its end
      records[at] = undefined;
      if (ev) {
        result.value = ev;
        return result;
      }
    }
    return { done: true, value: undefined };
  }
}

/**
 * The events of a whole file parsed a slice of records at a time (`RecordSlices`), each slice read by
 * one `RecordEvents`. When a slice does not parse, the rest of the file is read the way it was before
 * slicing: its whole text parsed at once, or else split as a stream, from the first record not handed
 * out yet.
 */
class SlicedEvents implements IterableIterator<EventRecord> {
  private readonly slice: RecordEvents;
  /** index in the file of the next slice's first record */
  private base = 0;
  private rest: Iterator<EventRecord> | null = null;

  constructor(
    private readonly slices: RecordSlices,
    private readonly text: string,
    private readonly ctx: ReadContext,
    private readonly keys: readonly string[],
    private readonly toEvent: ToEvent,
  ) {
    this.slice = new RecordEvents([], ctx, toEvent);
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<EventRecord> {
    for (;;) {
      if (this.rest) return this.rest.next();
      const r = this.slice.next();
      if (!r.done) return r;
      const next = this.slices.next();
      if (next === null) this.rest = this.fallBack(this.base);
      else if (next.length === 0) return { done: true, value: undefined };
      else {
        this.slice.load(next, this.base);
        const spans = this.ctx.onRecordSpans && this.slices.spans();
        if (spans) this.ctx.onRecordSpans?.(this.text, this.base, spans);
        this.base += next.length;
      }
    }
  }

  private fallBack(from: number): Iterator<EventRecord> {
    this.slice.load([], from);
    const whole = wholeTextRecords(this.text, this.keys);
    if (whole) return new RecordEvents(whole, this.ctx, this.toEvent, from);
    const split = splitWholeText(this.text, this.ctx.file, this.ctx.log, this.splitOptions(), from);
    return convertAll(split, this.ctx, this.toEvent);
  }

  private splitOptions() {
    return { arrayKeys: this.keys, onSplitterStats: this.ctx.onSplitterStats };
  }
}

function* convertAll(
  values: Iterable<JsonValue>,
  ctx: ReadContext,
  toEvent: ToEvent,
): Generator<EventRecord> {
  for (const { value, position } of values) {
    const ev = convert(toEvent, value, ctx, position);
    if (ev) yield ev;
  }
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

export const JSON_SUFFIXES = ['.json', '.json.gz', '.jsonl', '.jsonl.gz', '.ndjson', '.ndjson.gz'] as const;

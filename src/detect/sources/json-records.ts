import type { SourcePosition } from '../event.js';
import {
  describeStart,
  itemByteOffset,
  JsonRecordSplitter,
  type SplitIssue,
  type SplitterStats,
} from './json-splitter.js';
import { splitLines } from './lines.js';
import type { ProblemLog } from './source.js';

/**
 * Reads the JSON records of one file or object, whichever way the cloud wrote them:
 * - a records container, `{"Records": [...]}` (CloudTrail) or `{"records": [...]}` (Azure),
 *   possibly several concatenated, split as a stream;
 * - a top-level array (e.g. `gcloud logging read --format=json`);
 * - JSON lines, one record per line (CloudWatch or Event Hubs exports, Cloud Logging sinks).
 *   A line that itself holds a records container is expanded.
 * The layout is detected from the first 64 KiB. Broken records are reported with the file and
 * their line or index, and reading goes on.
 */

export interface JsonValue {
  value: unknown;
  position: Omit<SourcePosition, 'file'>;
}

export interface JsonRecordOptions {
  arrayKeys: readonly string[];
  maxItemChars?: number;
  /** receives the splitter statistics when the splitter was used (benchmarks, tests) */
  onSplitterStats?: (stats: SplitterStats) => void;
}

const PEEK_CHARS = 64 * 1024;

export type JsonLayout = 'lines' | 'split';

function firstKeyIsArray(text: string, keys: readonly string[]): boolean {
  const m = /^\{\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[/.exec(text);
  return m !== null && keys.includes(m[1] ?? '');
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** Decides between line-by-line parsing and the streaming splitter from the start of the input. */
export function detectLayout(peek: string, complete: boolean, keys: readonly string[]): JsonLayout {
  const text = peek.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'split';
  if (text.startsWith('{') && firstKeyIsArray(text, keys)) return 'split';
  const lines = text.split('\n');
  if (!complete) lines.pop();
  let tried = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (++tried > 32) break;
    try {
      if (isContainer(JSON.parse(line))) return 'lines';
    } catch {
      // a pretty-printed document or a broken line: keep looking
    }
  }
  return text.startsWith('{') ? 'split' : 'lines';
}

/**
 * The records of a whole text at once: one JSON.parse of the file instead of splitting it, when
 * the file is one records container (or a top-level array) on one line, as CloudTrail delivers
 * it. Null when the text is anything else (pretty-printed, concatenated, JSON lines, malformed):
 * the caller then reads it the streaming way, which locates every record and every problem.
 */
export function wholeTextRecords(text: string, keys: readonly string[]): unknown[] | null {
  // records on other lines than the first would be given the wrong line
  const newline = text.indexOf('\n');
  if (newline >= 0 && text.slice(newline).trim() !== '') return null;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = text.charCodeAt(start);
  if (first !== 0x7b && first !== 0x5b) return null; // { or [
  let value: unknown;
  try {
    value = JSON.parse(start ? text.slice(start) : text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) return value;
  if (!isContainer(value)) return null;
  const obj = value as Record<string, unknown>;
  let records: unknown[] | null = null;
  for (const key of keys) {
    if (!(key in obj)) continue;
    const arr = obj[key];
    if (records !== null || !Array.isArray(arr)) return null;
    records = arr;
  }
  return records;
}

/**
 * Records parsed per slice of a whole text: few enough that a slice's records die young, and that its text
 * (copied between brackets for JSON.parse, about 60 KB) is young too; 256 records (over 128 KB, the
 * large-object space) were slower than one parse of the whole file.
 */
export const SLICE_RECORDS = 64;

function firstKeyOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key in value) return key;
  return undefined;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * A one-line records container (or top-level array) parsed a slice of records at a time instead of
 * with one JSON.parse: a whole file's records then no longer stay alive while it is detected on, and
 * the collector stops copying them from scavenge to scavenge. A cut goes before the text that opens
 * the first record (`},{"eventVersion":` in CloudTrail's files) and proves itself: a slice parses as
 * an array only if its text is whole records, and the slices, the opening and the closing together
 * are then the whole text, so its records are the slices' in order. The text is not scanned here.
 * `next` answers the next slice's records, an empty array at the end, or null when a slice does not
 * parse (a cut inside a record, a broken record): the caller then reads the file the way it always has,
 * after the records it already has.
 */
export class RecordSlices {
  private at: number;
  /** the last slice's record starts, then the start the record after its last one would have */
  private readonly bounds: number[] = [];
  /** the last slice's records, while the bounds are those of a cut per record */
  private counted: unknown[] | null = null;

  private constructor(
    private readonly text: string,
    from: number,
    private readonly end: number,
    private readonly cut: string,
    /** the key every record opens with where a cut is made (`eventVersion` in CloudTrail's files) */
    private readonly firstKey: string,
  ) {
    this.at = from;
  }

  /** Null when the text is not one line opening with `[` or `{"<key>":[` and closing alike. */
  static of(text: string, keys: readonly string[]): RecordSlices | null {
    // records on other lines than the first would be given the wrong line
    const newline = text.indexOf('\n');
    if (newline >= 0 && text.slice(newline).trim() !== '') return null;
    let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let closing = ']';
    if (text.charCodeAt(from) === 0x5b) from += 1;
    else {
      const open = /^\{"([A-Za-z]+)":\[/.exec(text.slice(from, from + 64));
      if (!open || !keys.includes(open[1] ?? '')) return null;
      from += open[0].length;
      closing = ']}';
    }
    let end = text.length;
    while (end > from && isJsonSpace(text.charCodeAt(end - 1))) end--;
    if (!text.endsWith(closing, end)) return null;
    end -= closing.length;
    const first = /^\{"(?:[^"\\]|\\.)*":/.exec(text.slice(from, from + 256));
    if (!first || end <= from) return null;
    const firstKey = JSON.parse(first[0].slice(1, -1)) as string;
    return new RecordSlices(text, from, end, `},${first[0]}`, firstKey);
  }

  next(): unknown[] | null {
    const { text, end, bounds } = this;
    this.counted = null;
    if (this.at >= end) return [];
    bounds.length = 0;
    bounds.push(this.at);
    let cut = this.at;
    for (let n = 0; n < SLICE_RECORDS; n++) {
      cut = text.indexOf(this.cut, cut + 1);
      if (cut < 0 || cut + 1 >= end) {
        cut = end - 1;
        bounds.push(end + 1);
        break;
      }
      bounds.push(cut + 2);
    }
    let records: unknown;
    try {
      records = JSON.parse(`[${text.slice(this.at, cut + 1)}]`);
    } catch {
      return null;
    }
    // the closing bracket is the slice's own: the slice was whole records
    if (!Array.isArray(records) || records.length === 0) return null;
    this.at = cut + 2;
    if (records.length === bounds.length - 1) this.counted = records;
    return records;
  }

  /**
   * Where the last slice's records lie in the text, when that is known: record k of the slice is
   * `text.slice(spans[k], spans[k + 1] - 1)`. Null when not (the array is reused by the next slice).
   * Ask before handing the records out: it looks at them.
   */
  spans(): readonly number[] | null {
    // Only the slice's last cut is proven by the parse. The ones inside it are the records' bounds when
    // every record opens with the cut's key (each bound between two records is then a cut) and there are
    // as many cuts as bounds (none is the cut text inside a record, e.g. a nested object with that key).
    const records = this.counted;
    if (records === null) return null;
    for (const record of records) if (firstKeyOf(record) !== this.firstKey) return null;
    return this.bounds;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function* readJsonRecords(
  chunks: AsyncIterable<string>,
  file: string,
  log: ProblemLog,
  opts: JsonRecordOptions,
): AsyncGenerator<JsonValue> {
  const it = chunks[Symbol.asyncIterator]();
  const peeked: string[] = [];
  let peekLen = 0;
  let complete = false;
  while (peekLen < PEEK_CHARS) {
    const r = await it.next();
    if (r.done) {
      complete = true;
      break;
    }
    peeked.push(r.value);
    peekLen += r.value.length;
  }
  if (peekLen === 0) return;
  const layout = detectLayout(peeked.join(''), complete, opts.arrayKeys);
  async function* all(): AsyncGenerator<string> {
    yield* peeked;
    peeked.length = 0;
    if (complete) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  try {
    if (layout === 'lines') yield* fromLines(all(), file, log, opts);
    else yield* fromSplitter(all(), file, log, opts);
  } finally {
    await it.return?.();
  }
}

function* expand(value: unknown, line: number, file: string, log: ProblemLog, keys: readonly string[]) {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++)
      yield { value: value[index], position: { line, index } };
    return;
  }
  if (isContainer(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of keys) {
      if (!(key in obj)) continue;
      const arr = obj[key];
      if (!Array.isArray(arr)) {
        log.report(file, { line }, `"${key}" is not an array (found ${arr === null ? 'null' : typeof arr})`);
        return;
      }
      for (let index = 0; index < arr.length; index++) yield { value: arr[index], position: { line, index } };
      return;
    }
  }
  yield { value, position: { line } };
}

async function* fromLines(
  chunks: AsyncIterable<string>,
  file: string,
  log: ProblemLog,
  opts: JsonRecordOptions,
): AsyncGenerator<JsonValue> {
  const lines = splitLines(chunks, {
    maxLineChars: opts.maxItemChars,
    onTooLong: (line, max) => log.report(file, { line }, `line is longer than ${max} characters; skipped`),
  });
  for await (const { text, line } of lines) {
    const trimmed = text.trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      log.report(file, { line }, `not JSON: ${describe(err)}`);
      continue;
    }
    yield* expand(value, line, file, log, opts.arrayKeys);
  }
}

/** Reports the splitter's issues where they are. */
function reportSplitIssues(issues: SplitIssue[], file: string, log: ProblemLog): void {
  for (const is of issues) {
    const position: Omit<SourcePosition, 'file'> = { line: is.line };
    if (is.index !== undefined) position.index = is.index;
    if (is.offset !== undefined) position.offset = is.offset;
    log.report(file, position, is.reason);
  }
}

/**
 * One run of the splitter over a file's chunks: `push` gives each chunk's records (those before
 * `skipBelow`, an index, passed over: a caller that already has them), `end` reports the issues the
 * end of the text shows, `close` gives the splitter's statistics (in a `finally`, so that a run stopped
 * early gives them too).
 */
class SplitRun {
  private readonly splitter: JsonRecordSplitter;

  constructor(
    private readonly file: string,
    private readonly log: ProblemLog,
    private readonly opts: JsonRecordOptions,
    private readonly skipBelow = 0,
  ) {
    this.splitter = new JsonRecordSplitter({ arrayKeys: opts.arrayKeys, maxItemChars: opts.maxItemChars });
  }

  *push(chunk: string): Generator<JsonValue> {
    const { file, log } = this;
    const { items, issues } = this.splitter.push(chunk);
    reportSplitIssues(issues, file, log);
    for (const item of items) {
      if (item.kind === 'element' && item.index < this.skipBelow) continue;
      let value: unknown;
      try {
        value = JSON.parse(item.text);
      } catch (err) {
        const offset = itemByteOffset(item);
        const start = describeStart(item.line, item.column, offset);
        if (item.kind === 'element')
          log.report(
            file,
            { line: item.line, index: item.index, offset },
            `record ${item.index} (at ${start}) is not valid JSON: ${describe(err)}; skipped`,
          );
        else
          log.report(
            file,
            { line: item.line, offset },
            `the JSON value at ${start} is not valid JSON: ${describe(err)}`,
          );
        continue;
      }
      if (item.kind === 'element') yield { value, position: { line: item.line, index: item.index } };
      else yield* expand(value, item.line, file, log, this.opts.arrayKeys);
    }
  }

  end(): void {
    reportSplitIssues(this.splitter.end().issues, this.file, this.log);
  }

  close(): void {
    this.opts.onSplitterStats?.(this.splitter.stats);
  }
}

async function* fromSplitter(
  chunks: AsyncIterable<string>,
  file: string,
  log: ProblemLog,
  opts: JsonRecordOptions,
): AsyncGenerator<JsonValue> {
  const run = new SplitRun(file, log, opts);
  try {
    for await (const chunk of chunks) yield* run.push(chunk);
    run.end();
  } finally {
    run.close();
  }
}

/**
 * A whole text read the streaming way, as `readJsonRecords` reads a records container or a top-level
 * array, synchronously; the records before `skipBelow` are passed over (a caller that already has them).
 */
export function* splitWholeText(
  text: string,
  file: string,
  log: ProblemLog,
  opts: JsonRecordOptions,
  skipBelow: number,
): Generator<JsonValue> {
  const run = new SplitRun(file, log, opts, skipBelow);
  try {
    yield* run.push(text);
    run.end();
  } finally {
    run.close();
  }
}

/**
 * Both ends of `CompactWire`: how a detect worker thread sends the CloudTrail events whose rules only feed
 * correlations (`CompactWriter`, in the worker), and how the main thread reads them back (`CompactReader`).
 * Such an event crosses as what the correlations read of it, in columns, and its record as text, which the
 * main thread parses only for the rare correlation finding that describes it.
 */
import type { FindingRecord } from '../core/record.js';
import { StringPool } from '../core/string-pool.js';
import type { DetectionPipeline } from './detector.js';
import type { EventRecord } from './event.js';
import type { LaterEvent } from './recent-events.js';
import { fieldsRead, KnownFields } from './sigma/correlator.js';
import type { CompiledCorrelation, CompiledDetection } from './sigma/types.js';
import { cloudTrailEvent } from './sources/cloudtrail.js';
import { ProblemLog } from './sources/source.js';
import { type StatefulFacts, statefulFacts } from './stateful/facts.js';
import type { CompactWire, OwnWire } from './worker-protocol.js';

/** What a worker's reader was given for a file: a record read again must read the same. */
export function readerContext(file: string, origin: string) {
  // the reader had no problem with these records: a problem here would be a bug, not the log's
  return {
    file,
    origin,
    log: new ProblemLog((p) => {
      throw new Error(`a record a worker read does not read again: ${p.reason}`);
    }),
  };
}

const ID_KEY = '"eventID":"';

/**
 * The text of each record of the file being read, as the file has it, where the reader said where it lies
 * (`onRecordSpans`: records parsed a slice at a time). Copying it costs far less than writing the parsed
 * record out again with `JSON.stringify`, which was most of a worker's cost of sending compact events.
 */
export class RecordTexts {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Starts on a new file: nothing is known of its records yet. */
  reset(): void {
    this.text = '';
    this.starts.length = 0;
    this.ends.length = 0;
  }

  /** `onRecordSpans` of the file's reader. */
  readonly onSpans = (text: string, base: number, spans: readonly number[]): void => {
    this.text = text;
    for (let k = 0; k + 1 < spans.length; k++) {
      this.starts[base + k] = spans[k] as number;
      this.ends[base + k] = (spans[k + 1] as number) - 1;
    }
  };

  /** The text of the file being read (the one the spans are in). */
  get fileText(): string {
    return this.text;
  }

  /**
   * Where the event's record lies in the file's text (`[start, end)`): the record at `index` on line 1
   * (where a slice's records are), if its span is known and holds the event's id and no other (a check
   * that the span is this record).
   */
  span(event: EventRecord, at: { line?: number; index?: number }): [number, number] | undefined {
    const index = at.index;
    if (at.line !== 1 || index === undefined) return undefined;
    const start = this.starts[index];
    const end = this.ends[index];
    const id = event.raw.eventID;
    if (start === undefined || end === undefined || typeof id !== 'string') return undefined;
    const text = this.text;
    // one record has one id: a span holding two ids is two records (an id needing escapes is not found
    // as written here, and the record is then written out); the id is near a record's end, so the last
    // one is looked for from the end
    const found = text.indexOf(ID_KEY, start);
    const after = found + ID_KEY.length;
    const alone =
      found >= 0 &&
      after + id.length < end &&
      text.startsWith(id, after) &&
      text.charCodeAt(after + id.length) === 0x22 &&
      text.lastIndexOf(ID_KEY, end - ID_KEY.length) === found;
    return alone ? [start, end] : undefined;
  }
}

/** A file's `OwnWire`, filled event by event in the worker. */
export class OwnWriter {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indexes: number[] = [];
  private readonly rules: number[] = [];
  private covered = 0;

  /** Adds the event at `index` (line 1) whose record is `[start, end)` of the file's text. */
  add(span: readonly [number, number], index: number, rules: readonly number[]): void {
    this.starts.push(span[0]);
    this.ends.push(span[1]);
    this.covered += span[1] - span[0];
    this.indexes.push(index);
    this.rules.push(rules.length, ...rules);
  }

  done(fileText: string): OwnWire | undefined {
    if (this.starts.length === 0) return undefined;
    const wire = {
      indexes: Int32Array.from(this.indexes),
      rules: Int32Array.from(this.rules),
    };
    // most of the file: sent whole, which copies it once, where joining the records copied each
    if (this.covered * 2 >= fileText.length)
      return {
        ...wire,
        text: fileText,
        starts: Int32Array.from(this.starts),
        ends: Int32Array.from(this.ends),
      };
    // one after another as in a records array, so that runs of them parse at once (`OwnRecords`)
    const parts: string[] = [];
    const starts = new Int32Array(this.starts.length);
    const ends = new Int32Array(this.starts.length);
    let length = 0;
    for (let k = 0; k < this.starts.length; k++) {
      const part = fileText.slice(this.starts[k], this.ends[k]);
      parts.push(part);
      starts[k] = length;
      length += part.length;
      ends[k] = length;
      length += 1;
    }
    return { ...wire, text: parts.join(','), starts, ends };
  }
}

/** Records parsed with one `JSON.parse` where they follow each other in the text: fewer, larger parses. */
const RUN_RECORDS = 32;

/** The records of a file's `OwnWire`, in order, on the main thread. */
export class OwnRecords {
  private run: unknown[] = [];
  /** the index of the run's first record */
  private from = 0;
  /** the next event's place in `wire.rules` */
  private rulesAt = 0;
  private k = 0;

  constructor(
    private readonly wire: OwnWire,
    private readonly file: string,
  ) {}

  /** The next event's record, its index on line 1 and its rules. */
  next(): { raw: unknown; index: number; rules: number[] } {
    const { starts, indexes, rules } = this.wire;
    const k = this.k;
    if (k >= starts.length) throw new Error(`a worker sent too few records for ${this.file}`);
    this.k += 1;
    const n = rules[this.rulesAt] as number;
    const at = this.rulesAt + 1;
    this.rulesAt = at + n;
    return {
      raw: this.record(k),
      index: indexes[k] as number,
      rules: Array.from(rules.subarray(at, at + n)),
    };
  }

  private record(k: number): unknown {
    const i = k - this.from;
    if (i >= 0 && i < this.run.length) return this.run[i];
    const { text, starts, ends } = this.wire;
    // the records after this one that follow it, a comma apart (each span is one record: the worker checked)
    let m = 1;
    while (
      m < RUN_RECORDS &&
      k + m < starts.length &&
      starts[k + m] === (ends[k + m - 1] as number) + 1 &&
      text.charCodeAt(ends[k + m - 1] as number) === 0x2c
    )
      m++;
    this.run = [];
    if (m > 1) {
      const run = JSON.parse(`[${text.slice(starts[k], ends[k + m - 1])}]`) as unknown;
      if (Array.isArray(run) && run.length === m) {
        this.run = run;
        this.from = k;
        return run[0];
      }
    }
    return JSON.parse(text.slice(starts[k], ends[k])) as unknown;
  }
}

/** A file's `CompactWire`, filled event by event in the worker. */
export class CompactWriter {
  private readonly pool = new StringPool();
  private readonly references: string[] = [];
  private readonly ints: number[] = [];
  private readonly others: unknown[] = [];
  private readonly parts: string[] = [];
  private readonly ends: number[] = [];
  private readonly indexes: number[] = [];
  private readonly facts: unknown[] | undefined;
  private length = 0;

  /**
   * `reads[r]`: the fields the correlations read of an event rule `r` matched (`fieldsRead`);
   * `stateful`: send what the stateful detections read of each event too.
   */
  constructor(
    private readonly detections: readonly CompiledDetection[],
    private readonly reads: readonly (readonly string[])[],
    stateful: boolean,
  ) {
    this.facts = stateful ? [] : undefined;
  }

  /**
   * Adds an event that `rules` (indexes in the detections) matched, at position `at` in its file; `text` is
   * its record as the file has it when known (it is then sent as is, else written out again).
   */
  add(
    event: EventRecord,
    rules: readonly number[],
    at: { line?: number; index?: number },
    text?: string,
  ): void {
    const ints = this.ints;
    const pool = this.pool;
    // ids are unique: a list of their own, not looked up in the pool
    ints.push(pool.id(event.com.time), rules.length);
    this.references.push(event.com.reference);
    for (const r of rules) {
      ints.push(r);
      const rule = this.detections[r] as CompiledDetection;
      for (const name of this.reads[r] ?? []) {
        const v = rule.resolveField(event.raw, name);
        if (typeof v === 'string') ints.push(pool.id(v));
        else if (v === null || v === undefined || typeof v === 'symbol') ints.push(-1);
        else ints.push(-2 - (this.others.push(v) - 1));
      }
    }
    const part = text ?? JSON.stringify([at, event.raw]);
    this.indexes.push(text === undefined ? -1 : (at.index as number));
    this.parts.push(part);
    this.length += part.length;
    this.ends.push(this.length);
    this.facts?.push(statefulFacts(event));
  }

  /** Adds an event no rule matched: its time and id (and stateful facts) are all the main thread reads. */
  addUnmatched(event: EventRecord): void {
    this.ints.push(this.pool.id(event.com.time), 0);
    this.references.push(event.com.reference);
    this.facts?.push(statefulFacts(event));
  }

  done(): CompactWire | undefined {
    if (this.references.length === 0) return undefined;
    return {
      strings: JSON.stringify(this.pool.strings),
      references: JSON.stringify(this.references),
      ints: Int32Array.from(this.ints),
      others: JSON.stringify(this.others),
      blob: this.parts.join(''),
      ends: Int32Array.from(this.ends),
      indexes: Int32Array.from(this.indexes),
      ...(this.facts ? { facts: JSON.stringify(this.facts) } : {}),
    };
  }
}

/** A compact event's record, made into its event (as the worker's reader made it) only when asked for. */
class CompactEvent implements LaterEvent {
  private made: EventRecord | undefined;
  constructor(
    private readonly wire: CompactWire,
    private readonly k: number,
    private readonly file: string,
    private readonly origin: string,
    private readonly reference: string,
  ) {}

  event(): EventRecord {
    if (this.made) return this.made;
    const { blob, ends, indexes } = this.wire;
    const k = this.k;
    const text = blob.slice(k === 0 ? 0 : (ends[k - 1] as number), ends[k] as number);
    const index = indexes[k] as number;
    // the record as the file has it (at `index` on line 1), or [position, record] written out again
    const [at, raw] =
      index >= 0
        ? [{ line: 1, index }, JSON.parse(text) as Record<string, unknown>]
        : (JSON.parse(text) as [Record<string, number>, Record<string, unknown>]);
    const event = cloudTrailEvent(raw, readerContext(this.file, this.origin), at);
    if (!event) throw new Error(`a record a worker read is not a CloudTrail event (${this.file})`);
    if (event.com.reference !== this.reference)
      throw new Error(
        `the record of event ${this.reference} a worker sent does not read back as that event (${this.file}); read it with --workers 1`,
      );
    this.made = event;
    return event;
  }
}

/**
 * Reads the compact events of a file (`CompactWire`) one by one, in item order: `next()` moves to the
 * next one, whose time, id and rules it then holds, and answers the correlator's field reads of it.
 */
export class CompactReader extends KnownFields {
  /** per detection (by index): field -> its position among the values a worker sends */
  private readonly positions: Map<string, number>[];
  private strings: string[] = [];
  private references: string[] = [];
  private others: unknown[] = [];
  private wire: CompactWire | undefined;
  private file = '';
  private origin = '';
  private pos = 0;
  /** events read so far, and of them those matched (each with a record in the blob) */
  private k = 0;
  private matched = 0;
  private facts: (StatefulFacts | null)[] | undefined;
  time = '';
  reference = '';
  readonly rules: CompiledDetection[] = [];
  /** where each rule's values start in the ints */
  private readonly bases: number[] = [];
  /** each rule's index in the detections */
  private readonly indexes: number[] = [];

  constructor(
    private readonly detections: readonly CompiledDetection[],
    correlations: readonly CompiledCorrelation[],
  ) {
    super();
    this.positions = detections.map((d) => new Map(fieldsRead(correlations, d).map((f, i) => [f, i])));
  }

  /** Starts on a file's compact events. */
  load(wire: CompactWire | undefined, file: string, origin: string): void {
    this.wire = wire;
    this.file = file;
    this.origin = origin;
    this.pos = 0;
    this.k = 0;
    this.matched = 0;
    this.strings = wire ? (JSON.parse(wire.strings) as string[]) : [];
    this.references = wire ? (JSON.parse(wire.references) as string[]) : [];
    this.others = wire ? (JSON.parse(wire.others) as unknown[]) : [];
    this.facts = wire?.facts ? (JSON.parse(wire.facts) as (StatefulFacts | null)[]) : undefined;
  }

  /** Moves to the next compact event: `rules` is then empty for an event no rule matched. */
  next(): void {
    const wire = this.wire;
    if (!wire) throw new Error(`a worker sent no compact events for ${this.file}`);
    const ints = wire.ints;
    let p = this.pos;
    this.time = this.strings[ints[p++] as number] as string;
    this.reference = this.references[this.k] as string;
    const n = ints[p++] as number;
    this.rules.length = n;
    this.bases.length = n;
    this.indexes.length = n;
    for (let i = 0; i < n; i++) {
      const r = ints[p++] as number;
      const rule = this.detections[r];
      if (!rule) throw new Error(`a worker sent an unknown rule (${r})`);
      this.rules[i] = rule;
      this.bases[i] = p;
      this.indexes[i] = r;
      p += (this.positions[r] as Map<string, number>).size;
    }
    this.pos = p;
    this.k += 1;
    if (n > 0) this.matched += 1;
  }

  /** The event at hand (one rules matched), made from its record when asked for. */
  later(): LaterEvent {
    return new CompactEvent(
      this.wire as CompactWire,
      this.matched - 1,
      this.file,
      this.origin,
      this.reference,
    );
  }

  /** The detections the event at hand raises in the pipeline (`process` for an event sent so). */
  detectIn(pipeline: DetectionPipeline): FindingRecord[] {
    return this.rules.length === 0
      ? pipeline.processUnmatched(this.time, this.reference)
      : pipeline.processKnown(this.time, this.reference, this.rules, this, this.later());
  }

  /** What the stateful detections read of the event at hand. */
  statefulFacts(): StatefulFacts | null {
    return this.facts?.[this.k - 1] ?? null;
  }

  get(rule: CompiledDetection, name: string): unknown {
    const i = this.rules.indexOf(rule);
    const at = i < 0 ? undefined : this.positions[this.indexes[i] as number]?.get(name);
    if (at === undefined)
      throw new Error(`a worker did not send ${name} of events ${rule.meta.title} matched`);
    const code = (this.wire as CompactWire).ints[(this.bases[i] as number) + at] as number;
    if (code >= 0) return this.strings[code];
    if (code === -1) return null;
    return this.others[-2 - code];
  }
}

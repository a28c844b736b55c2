/** Messages between the detect worker threads and the main thread. */
import type { EventRecord, SourcePosition } from './event.js';
import type { SourceProblem, SourceType } from './sources/index.js';
import type { StatefulFacts } from './stateful/facts.js';

export interface WorkerSetup {
  type: SourceType;
  /** the source name the main thread's own source would have (copied into every event) */
  sourceName: string;
  ruleDirs: string[];
  builtin: boolean;
  /** send what the stateful detections read of every event (default true); false when none run */
  stateful?: boolean;
}

export interface ToWorker {
  seq: number;
  file: string;
}

/** One thing met in a file, in read order. */
export type FileItem =
  | { kind: 'event'; event: EventRecord; rules: number[] }
  /** an event no rule matched: its time and id, and for CloudTrail what the stateful detections read */
  | { kind: 'time'; time: string; reference: string; facts?: StatefulFacts }
  | { kind: 'problem'; problem: SourceProblem };

/**
 * A FileItem as a worker sends it. A matched CloudTrail event crosses as its record and position only
 * (`record`): the main thread makes the same event of them with the format's own `cloudTrailEvent`, which
 * halves what it parses (the event's `com` and `ext` repeat its record's fields).
 */
export type WireItem =
  | FileItem
  /** the next event of the file's `CompactWire` */
  | 0
  /** the next event of the file's `OwnWire` */
  | 1
  | {
      kind: 'record';
      raw: Record<string, unknown>;
      /** the record's position in the file (`line` and `index`, or what else the reader gave) */
      at: Omit<SourcePosition, 'file'>;
      rules: number[];
    };

/**
 * A file's matched CloudTrail events that raise findings of their own and whose records cross as the
 * file's own text (no `JSON.stringify` of the parsed record in the worker), in columns; each stands in
 * the items as `1`. The k-th is the record at `indexes[k]` on line 1, `text.slice(starts[k], ends[k])`,
 * matched by the rules listed in `rules` (per event: their number, then their indexes). `text` is the
 * file's whole text when these records are most of it (no copy of each in the worker), else them alone.
 */
export interface OwnWire {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  indexes: Int32Array;
  rules: Int32Array;
}

/**
 * A file's CloudTrail events that raise no finding of their own, in columns: those no rule matched (their
 * time and id) and those matched only by rules that feed correlations, as what the correlations read of
 * them (`fieldsRead` per rule); each stands in the items as `0`.
 * Per event, in `ints`: the time's index in `strings`, the number of rules (0: unmatched), then per rule
 * its index and one value per field it reads: an index in `strings`, -1 for missing or null, or
 * `-2 - i` for `others[i]` (a value that is not a string). The record of the k-th matched one is in `blob`,
 * ending at `ends[k]`, parsed only when a correlation finding describes it: the record's own text in the
 * file when `indexes[k]` is its index there (on line 1), else (-1) `JSON.stringify([at, raw])` with its
 * position.
 */
export interface CompactWire {
  /** string[] as JSON: times and string values, each once per file */
  strings: string;
  /** string[] as JSON: each event's id */
  references: string;
  ints: Int32Array;
  /** unknown[] as JSON */
  others: string;
  blob: string;
  ends: Int32Array;
  indexes: Int32Array;
  /** (StatefulFacts | null)[] as JSON, one per event, when the stateful detections run */
  facts?: string;
}

export type FromWorker =
  | { kind: 'ready'; keys: string[] }
  /** items: WireItem[] as JSON (events are JSON data) */
  | {
      kind: 'file';
      seq: number;
      items: string;
      skipped: number;
      compact?: CompactWire;
      own?: OwnWire;
      /** how long reading the file took the worker (for `MainShare`) */
      ms?: number;
    }
  | { kind: 'error'; seq: number; message: string };

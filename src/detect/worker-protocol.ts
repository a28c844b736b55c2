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
  | {
      kind: 'record';
      raw: Record<string, unknown>;
      /** the record's position in the file (`line` and `index`, or what else the reader gave) */
      at: Omit<SourcePosition, 'file'>;
      rules: number[];
    };

export type FromWorker =
  | { kind: 'ready'; keys: string[] }
  /** items: WireItem[] as JSON (events are JSON data) */
  | { kind: 'file'; seq: number; items: string; skipped: number }
  | { kind: 'error'; seq: number; message: string };

/** Messages between the detect worker threads and the main thread. */
import type { FindingRecord } from '../core/record.js';
import type { EventRecord } from './event.js';
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

/**
 * What the main thread needs of an event beyond its time: the standalone findings the worker built
 * (in rule order), the event itself when it feeds a correlation, and the stateful facts.
 */
export interface EventDetail {
  reference: string;
  /** the event's raw record, shared by its findings (absent when `event` holds it) */
  raw?: Record<string, unknown>;
  /**
   * the standalone findings, each with `raw`, `ext.rule` and `com.recommendation` left out (0, 0, ''):
   * the main thread puts back the event's raw and the rule's parts, so none crosses once per finding
   */
  findings?: FindingRecord[];
  /** index in `ruleSet.detections` of the rule of each finding */
  rules?: number[];
  /**
   * the event, when one of its rules feeds a correlation (the correlator reads its fields); without
   * findings its raw holds only the members the correlator reads, the whole record is at `rawAt`
   */
  event?: EventRecord;
  /** where the event's whole raw record is in the file's `raws`, as JSON text: [start, end) */
  rawAt?: [number, number];
  /** with `event`: every rule it matched */
  matched?: number[];
  /** CloudTrail, when stateful detections run: what they read of the event */
  facts?: StatefulFacts;
}

/**
 * One file's events in read order, as columns: `times[i]` is event i's time (epoch ms, NaN when it
 * does not parse), `details[i]` the index of its entry in `details` JSON (-1: nothing but its time).
 * Problems come with the number of events read before them, to be reported in order.
 */
export interface FileBatch {
  times: Float64Array;
  details: Int32Array;
  /** EventDetail[] as JSON: one string crosses to the main thread much faster than a structured clone */
  json: string;
  /** the whole raw records of the events sent with a partial raw, as JSON text end to end (see rawAt) */
  raws: string;
  problems: { at: number; problem: SourceProblem }[];
  /** records deliberately not turned into events */
  skipped: number;
}

export type FromWorker =
  | { kind: 'ready'; keys: string[] }
  | ({ kind: 'file'; seq: number } & FileBatch)
  | { kind: 'error'; seq: number; message: string };

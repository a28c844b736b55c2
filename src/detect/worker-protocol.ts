/** Messages between the detect worker threads and the main thread. */
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

/** One thing met in a file, in read order. */
export type FileItem =
  | { kind: 'event'; event: EventRecord; rules: number[] }
  /** an event no rule matched: its time and id, and for CloudTrail what the stateful detections read */
  | { kind: 'time'; time: string; reference: string; facts?: StatefulFacts }
  | { kind: 'problem'; problem: SourceProblem };

export type FromWorker =
  | { kind: 'ready'; keys: string[] }
  /** items: FileItem[] as JSON (events are JSON data) */
  | { kind: 'file'; seq: number; items: string; skipped: number }
  | { kind: 'error'; seq: number; message: string };

/**
 * The parallel detect path for file sources: worker threads read and match whole files, the caller
 * consumes their results strictly in file order (the delivery order of the tree), so that correlations,
 * findings and storage see the same event sequence as a single-threaded read. At most `window` files are
 * read ahead of the one being consumed, so memory does not grow with the input.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventRecord } from './event.js';
import type { LaterEvent } from './recent-events.js';
import { fieldsRead, KnownFields } from './sigma/correlator.js';
import type { CompiledCorrelation, CompiledDetection } from './sigma/types.js';
import { cloudTrailEvent } from './sources/cloudtrail.js';
import { listLogFiles } from './sources/files.js';
import { type SourceSpec, walkOptionsFor } from './sources/index.js';
import { ProblemLog, type SourceProblem } from './sources/source.js';
import type { StatefulFacts } from './stateful/facts.js';
import type { CompactWire, FileItem, FromWorker, WireItem, WorkerSetup } from './worker-protocol.js';

export type { FileItem, WorkerSetup } from './worker-protocol.js';

/** The files a `path` source reads, in the order it reads them; problems (unreadable paths) are reported. */
export function listSourceFiles(
  spec: SourceSpec & { path: string },
  onProblem: (p: SourceProblem) => void,
): Promise<string[]> {
  return listLogFiles(spec.path, walkOptionsFor(spec), new ProblemLog(onProblem));
}

/**
 * The worker script: CLOUDWARD_DETECT_WORKER (a built script, for tests run from the TypeScript sources),
 * else worker-detect.js beside this module; undefined when there is none (running from sources).
 */
export function detectWorkerUrl(): URL | undefined {
  const override = process.env.CLOUDWARD_DETECT_WORKER;
  if (override) return pathToFileURL(override);
  const url = new URL('./worker-detect.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface ParallelReadOptions extends WorkerSetup {
  /** files in delivery order */
  files: readonly string[];
  workers: number;
  /** the main thread's detection rules (rule keys, in `ruleSet.detections` order); workers must agree */
  ruleKeys: readonly string[];
  /** files read ahead of the one being consumed (default 2 per worker) */
  window?: number;
  /** the worker script (default: detectWorkerUrl()) */
  workerUrl?: URL;
}

export interface FileResult {
  file: string;
  /** `0`: the next event of `compact` */
  items: (FileItem | 0)[];
  /** the events sent as what the correlations read of them (see `CompactWire`) */
  compact?: CompactWire;
  /** records deliberately not turned into events */
  skipped: number;
}

/** What a worker's reader was given for a file: a record read again must read the same. */
function readerContext(file: string, origin: string) {
  // the reader had no problem with these records: a problem here would be a bug, not the log's
  return {
    file,
    origin,
    log: new ProblemLog((p) => {
      throw new Error(`a record a worker read does not read again: ${p.reason}`);
    }),
  };
}

/** A worker's items with the events sent as their records made again, as the worker's reader made them. */
function fileItems(wire: WireItem[], file: string, origin: string): (FileItem | 0)[] {
  const ctx = readerContext(file, origin);
  const items = wire as (FileItem | 0)[];
  for (let i = 0; i < wire.length; i++) {
    const it = wire[i] as WireItem;
    if (it === 0 || it.kind !== 'record') continue;
    const event = cloudTrailEvent(it.raw, ctx, it.at);
    if (!event) throw new Error(`a record a worker read is not a CloudTrail event (${file})`);
    items[i] = { kind: 'event', event, rules: it.rules };
  }
  return items;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/** Each file's events (matched against the rules) and problems, file by file in the order given. */
export async function* readFilesParallel(opts: ParallelReadOptions): AsyncGenerator<FileResult> {
  const { files } = opts;
  if (files.length === 0) return;
  const count = Math.max(1, Math.min(opts.workers, files.length));
  const window = Math.max(count, opts.window ?? count * 2);
  const url = opts.workerUrl ?? detectWorkerUrl();
  if (!url)
    throw new Error('no detect worker script (worker-detect.js); build the package or use --workers 1');
  const setup: WorkerSetup = {
    type: opts.type,
    sourceName: opts.sourceName,
    ruleDirs: opts.ruleDirs,
    builtin: opts.builtin,
    stateful: opts.stateful,
  };
  const results = new Map<number, { file: string; items: string; skipped: number; compact?: CompactWire }>();
  const idle: Worker[] = [];
  let failure: Error | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(url, { workerData: setup });
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') {
        if (!sameKeys(m.keys, opts.ruleKeys))
          failure ??= new Error('a detect worker loaded other rules than the main thread');
        idle.push(w);
      } else if (m.kind === 'file') {
        results.set(m.seq, {
          file: files[m.seq] ?? '',
          items: m.items,
          skipped: m.skipped,
          compact: m.compact,
        });
        idle.push(w);
      } else {
        failure ??= new Error(`detect worker failed on ${files[m.seq]}: ${m.message}`);
      }
      notify();
    });
    w.on('error', (e) => {
      failure ??= e;
      notify();
    });
    w.on('exit', (code) => {
      if (!done) failure ??= new Error(`a detect worker stopped (exit code ${code})`);
      notify();
    });
    return w;
  });
  try {
    let sent = 0;
    let next = 0;
    while (next < files.length) {
      if (failure) throw failure;
      while (idle.length > 0 && sent < files.length && sent - next < window) {
        idle.pop()?.postMessage({ seq: sent, file: files[sent] });
        sent += 1;
      }
      const result = results.get(next);
      if (result) {
        results.delete(next);
        next += 1;
        yield {
          file: result.file,
          items: fileItems(JSON.parse(result.items) as WireItem[], result.file, opts.sourceName),
          skipped: result.skipped,
          ...(result.compact ? { compact: result.compact } : {}),
        };
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    done = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** A compact event's record, made into its event (as the worker's reader made it) only when asked for. */
class CompactEvent implements LaterEvent {
  private made: EventRecord | undefined;
  constructor(
    private readonly blob: string,
    private readonly start: number,
    private readonly end: number,
    private readonly file: string,
    private readonly origin: string,
  ) {}

  event(): EventRecord {
    if (this.made) return this.made;
    const [at, raw] = JSON.parse(this.blob.slice(this.start, this.end)) as [
      Record<string, number>,
      Record<string, unknown>,
    ];
    const event = cloudTrailEvent(raw, readerContext(this.file, this.origin), at);
    if (!event) throw new Error(`a record a worker read is not a CloudTrail event (${this.file})`);
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
  private others: unknown[] = [];
  private wire: CompactWire | undefined;
  private file = '';
  private origin = '';
  private pos = 0;
  private k = 0;
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
    this.strings = wire ? (JSON.parse(wire.strings) as string[]) : [];
    this.others = wire ? (JSON.parse(wire.others) as unknown[]) : [];
    this.facts = wire?.facts ? (JSON.parse(wire.facts) as (StatefulFacts | null)[]) : undefined;
  }

  /** Moves to the next compact event. */
  next(): void {
    const wire = this.wire;
    if (!wire) throw new Error(`a worker sent no compact events for ${this.file}`);
    const ints = wire.ints;
    let p = this.pos;
    this.time = this.strings[ints[p++] as number] as string;
    this.reference = this.strings[ints[p++] as number] as string;
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
  }

  /** The event at hand, made from its record when asked for. */
  later(): CompactEvent {
    const wire = this.wire as CompactWire;
    const k = this.k - 1;
    return new CompactEvent(
      wire.blob,
      k === 0 ? 0 : (wire.ends[k - 1] as number),
      wire.ends[k] as number,
      this.file,
      this.origin,
    );
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

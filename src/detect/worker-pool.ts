/**
 * The parallel detect path for file sources: worker threads read and match whole files, the caller
 * consumes their results strictly in file order (the delivery order of the tree), so that correlations,
 * findings and storage see the same event sequence as a single-threaded read. At most `window` files are
 * read ahead of the one being consumed, so memory does not grow with the input.
 */
import { existsSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OwnRecords, readerContext } from './compact-events.js';
import type { EventRecord } from './event.js';
import { MainShare } from './main-share.js';
import { cloudTrailEvent } from './sources/cloudtrail.js';
import { listLogFiles } from './sources/files.js';
import { type SourceSpec, walkOptionsFor } from './sources/index.js';
import { ProblemLog, type SourceProblem } from './sources/source.js';
import type { CompactWire, FileItem, FromWorker, OwnWire, WireItem, WorkerSetup } from './worker-protocol.js';

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
  /** worker threads (at most one per file) */
  workers: number;
  /**
   * the main thread reads a share of the files itself (`MainFile` results), as many as keeps it as busy as
   * the workers (`MainShare`); with one file only, it reads that one and starts no worker
   */
  mainReads?: boolean;
  /** the main thread's detection rules (rule keys, in `ruleSet.detections` order); workers must agree */
  ruleKeys: readonly string[];
  /** files read ahead of the one being consumed (default 2 per reading thread) */
  window?: number;
  /** the worker script (default: detectWorkerUrl()) */
  workerUrl?: URL;
}

/** A file a worker read. */
export interface FileResult {
  file: string;
  /** `0`: the next event of `compact`; made as they are read, once */
  items: Iterable<FileItem | 0>;
  /** the events sent as what the correlations read of them (see `CompactWire`) */
  compact?: CompactWire;
  /** the records of the events with findings of their own sent as the file's text (see `OwnWire`) */
  own?: OwnWire;
  /** records deliberately not turned into events */
  skipped: number;
}

/** A file the main thread reads itself, the way a single-threaded run reads its files (`mainReads`). */
export interface MainFile {
  file: string;
  main: true;
}

/**
 * A worker's items with the events sent as their records (parsed, or the file's own text in `own`) made
 * again, as the worker's reader made them: one at a time, as they are consumed, so that each event is
 * garbage before the next is made (a file's events made at once outlived the young generation).
 */
function* fileItems(
  wire: WireItem[],
  file: string,
  origin: string,
  own: OwnWire | undefined,
): Generator<FileItem | 0> {
  const ctx = readerContext(file, origin);
  const records = own && new OwnRecords(own, file);
  for (const it of wire) {
    if (it === 0 || (it !== 1 && it.kind !== 'record')) {
      yield it;
      continue;
    }
    let event: EventRecord | null;
    let rules: number[];
    if (it === 1) {
      if (!records) throw new Error(`a worker sent too few records for ${file}`);
      const next = records.next();
      event = cloudTrailEvent(next.raw, ctx, { line: 1, index: next.index });
      rules = next.rules;
    } else {
      event = cloudTrailEvent(it.raw, ctx, it.at);
      rules = it.rules;
    }
    if (!event) throw new Error(`a record a worker read is not a CloudTrail event (${file})`);
    yield { kind: 'event', event, rules };
  }
}

/**
 * Files a worker holds at once: the one it reads and the next, so that it goes on to that one while the
 * main thread is busy (reading a file itself, or finishing one) and cannot answer it.
 */
const WORKER_QUEUE = 2;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Each file's events (matched against the rules) and problems, file by file in the order given: read by a
 * worker (`FileResult`), or, with `mainReads`, left for the main thread to read (`MainFile`).
 */
export function readFilesParallel(
  opts: ParallelReadOptions & { mainReads: true },
): AsyncGenerator<FileResult | MainFile>;
export function readFilesParallel(
  opts: ParallelReadOptions & { mainReads?: false },
): AsyncGenerator<FileResult>;
export async function* readFilesParallel(opts: ParallelReadOptions): AsyncGenerator<FileResult | MainFile> {
  const { files } = opts;
  if (files.length === 0) return;
  const count = opts.mainReads
    ? Math.max(0, Math.min(opts.workers, files.length - 1))
    : Math.max(1, Math.min(opts.workers, files.length));
  const share = opts.mainReads ? new MainShare(count) : undefined;
  const window = Math.max(count, opts.window ?? (count + (share ? 1 : 0)) * WORKER_QUEUE);
  const url = count > 0 ? (opts.workerUrl ?? detectWorkerUrl()) : undefined;
  if (count > 0 && !url)
    throw new Error('no detect worker script (worker-detect.js); build the package or use --workers 1');
  const setup: WorkerSetup = {
    type: opts.type,
    sourceName: opts.sourceName,
    ruleDirs: opts.ruleDirs,
    builtin: opts.builtin,
    stateful: opts.stateful,
  };
  const results = new Map<
    number,
    { file: string; items: string; skipped: number; compact?: CompactWire; own?: OwnWire; bytes: number }
  >();
  /** files the main thread reads (by index), decided as they come up in order */
  const mainFiles = new Set<number>();
  let nextIsMain: boolean | undefined;
  /** files sent to each ready worker and not yet answered */
  const inFlight = new Map<Worker, number>();
  let failure: Error | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  let sent = 0;
  let next = 0;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const sizeOf = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  /** The ready worker with the fewest files to read, if one has fewer than `WORKER_QUEUE`. */
  const leastBusy = (): Worker | undefined => {
    let best: Worker | undefined;
    let least = WORKER_QUEUE;
    for (const [w, n] of inFlight)
      if (n < least) {
        best = w;
        least = n;
      }
    return best;
  };
  /** Hands files ahead to workers (and marks the main thread's), as far as the window allows. */
  const dispatch = (): void => {
    while (sent < files.length && sent - next < window) {
      nextIsMain ??= share ? share.nextIsMain() : false;
      if (nextIsMain) mainFiles.add(sent);
      else {
        const worker = leastBusy();
        if (!worker) return;
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        worker.postMessage({ seq: sent, file: files[sent] });
      }
      sent += 1;
      nextIsMain = undefined;
    }
  };
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(url as URL, { workerData: setup });
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') {
        if (!sameKeys(m.keys, opts.ruleKeys))
          failure ??= new Error('a detect worker loaded other rules than the main thread');
        inFlight.set(w, 0);
      } else if (m.kind === 'file') {
        const file = files[m.seq] ?? '';
        // the file's size, taken once: the measures of its reading and of its finishing are per byte
        const bytes = share ? sizeOf(file) : 0;
        results.set(m.seq, {
          file,
          items: m.items,
          skipped: m.skipped,
          compact: m.compact,
          own: m.own,
          bytes,
        });
        if (share && m.ms !== undefined) share.observe('worker', bytes, m.ms);
        inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
      } else {
        failure ??= new Error(`detect worker failed on ${files[m.seq]}: ${m.message}`);
      }
      // a worker done with a file takes the next at once, not when the main thread comes back for results
      if (!failure && !done) dispatch();
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
    while (next < files.length) {
      if (failure) throw failure;
      dispatch();
      const file = files[next] ?? '';
      if (mainFiles.delete(next)) {
        next += 1;
        const started = performance.now();
        yield { file, main: true };
        share?.observe('self', sizeOf(file), performance.now() - started);
        continue;
      }
      const result = results.get(next);
      if (result) {
        results.delete(next);
        next += 1;
        const started = performance.now();
        yield {
          file: result.file,
          items: fileItems(JSON.parse(result.items) as WireItem[], result.file, opts.sourceName, result.own),
          skipped: result.skipped,
          ...(result.compact ? { compact: result.compact } : {}),
          ...(result.own ? { own: result.own } : {}),
        };
        share?.observe('finish', result.bytes, performance.now() - started);
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

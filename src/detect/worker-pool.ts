/**
 * The parallel detect path for file sources: worker threads read and match whole files, the caller
 * consumes their results strictly in file order (the delivery order of the tree), so that correlations,
 * findings and storage see the same event sequence as a single-threaded read. At most `window` files are
 * read ahead of the one being consumed, so memory does not grow with the input.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readerContext } from './compact-events.js';
import type { EventRecord } from './event.js';
import { cloudTrailEvent } from './sources/cloudtrail.js';
import { listLogFiles } from './sources/files.js';
import { type SourceSpec, walkOptionsFor } from './sources/index.js';
import { ProblemLog, type SourceProblem } from './sources/source.js';
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

/**
 * A worker's items with the events sent as their records (parsed, or the file's own text in `texts`) made
 * again, as the worker's reader made them.
 */
function fileItems(wire: WireItem[], file: string, origin: string, texts: string): (FileItem | 0)[] {
  const ctx = readerContext(file, origin);
  const items = wire as (FileItem | 0)[];
  let start = 0;
  for (let i = 0; i < wire.length; i++) {
    const it = wire[i] as WireItem;
    if (it === 0 || (it.kind !== 'record' && it.kind !== 'own')) continue;
    let event: EventRecord | null;
    if (it.kind === 'own') {
      const raw = JSON.parse(texts.slice(start, it.end)) as unknown;
      start = it.end;
      event = cloudTrailEvent(raw, ctx, { line: 1, index: it.index });
    } else event = cloudTrailEvent(it.raw, ctx, it.at);
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
  const results = new Map<
    number,
    { file: string; items: string; skipped: number; compact?: CompactWire; texts: string }
  >();
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
          texts: m.texts ?? '',
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
          items: fileItems(
            JSON.parse(result.items) as WireItem[],
            result.file,
            opts.sourceName,
            result.texts,
          ),
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

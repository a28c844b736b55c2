import { basename, dirname } from 'node:path';
import type { EventRecord } from '../detect/event.js';
import type { Checkpoint } from '../detect/sources/checkpoint.js';
import { listLogFiles } from '../detect/sources/files.js';
import { openSource, type SourceProblem, type SourceSpec, walkOptionsFor } from '../detect/sources/index.js';
import { ProblemLog, pause } from '../detect/sources/source.js';

/**
 * A local log directory read with follow semantics and a checkpoint. Log files are delivered
 * into per-day (per-region, per-account) directories with names that sort in delivery order, so
 * the checkpoint keeps, per directory, the last file read to its end and how many events of
 * the file in progress were handled. A restart skips what was handled and goes on from there.
 * As with S3 delivery, a file that arrives later with a name before the last one read in its
 * directory is not read.
 */

export interface FilePosition {
  dir: string;
  name: string;
  /** events of the file handled so far */
  events: number;
  /** the file was read to its end */
  done: boolean;
}

export interface FileTreeItem {
  event?: EventRecord;
  position: FilePosition;
}

interface DirState {
  /** the last file read to its end */
  after?: string;
  current?: { name: string; events: number };
}

function parseState(text: string | undefined, where: string): Record<string, DirState> {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`checkpoint ${where}: not JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Error(`checkpoint ${where}: expected {"<directory>": {"after": "<file>", "current": {...}}}`);
  }
  const out: Record<string, DirState> = {};
  for (const [dir, s] of Object.entries(v)) {
    if (typeof s !== 'object' || s === null)
      throw new Error(`checkpoint ${where}: entry "${dir}" is not an object`);
    const st = s as { after?: unknown; current?: { name?: unknown; events?: unknown } };
    const entry: DirState = {};
    if (typeof st.after === 'string') entry.after = st.after;
    if (st.current && typeof st.current.name === 'string' && Number.isInteger(st.current.events)) {
      entry.current = { name: st.current.name, events: st.current.events as number };
    }
    out[dir] = entry;
  }
  return out;
}

export class FileTreeReader {
  /** what is committed (in the checkpoint) */
  private state?: Record<string, DirState>;
  /** how far reading got: files read to their end are not read again by the next poll */
  private progress?: Record<string, DirState>;
  readonly log: ProblemLog;

  constructor(
    private readonly spec: SourceSpec & { path: string },
    readonly name: string,
    private readonly checkpoint: Checkpoint,
    private readonly opts: {
      follow: boolean;
      pollIntervalMs: number;
      onProblem?: (p: SourceProblem) => void;
    },
  ) {
    this.log = new ProblemLog(opts.onProblem);
  }

  private get key(): string {
    return `files:${this.spec.path}`;
  }

  private async loadState(): Promise<Record<string, DirState>> {
    this.state ??= parseState(await this.checkpoint.get(this.key), this.key);
    return this.state;
  }

  /** Records that everything up to `p` is handled. */
  async commit(p: FilePosition): Promise<void> {
    const state = await this.loadState();
    advance(state, p);
    await this.checkpoint.set(this.key, JSON.stringify(state));
  }

  async *read(signal?: AbortSignal): AsyncIterable<FileTreeItem> {
    const walk = walkOptionsFor(this.spec);
    this.progress ??= structuredClone(await this.loadState());
    const state = this.progress;
    for (;;) {
      const files = await listLogFiles(this.spec.path, walk, this.log);
      for (const file of files) {
        if (signal?.aborted) return;
        const dir = dirname(file);
        const name = basename(file);
        const st = state[dir];
        if (st?.after !== undefined && name <= st.after) continue;
        const skip = st?.current?.name === name ? st.current.events : 0;
        const src = openSource(
          { ...this.spec, path: file },
          { name: this.name, ...(this.opts.onProblem ? { onProblem: this.opts.onProblem } : {}) },
        );
        let n = 0;
        for await (const event of src.read(signal ? { signal } : {})) {
          n += 1;
          if (n <= skip) continue;
          const position = { dir, name, events: n, done: false };
          advance(state, position);
          yield { event, position };
          if (signal?.aborted) return;
        }
        if (signal?.aborted) return;
        this.log.stats.events += Math.max(0, n - skip);
        const end = { dir, name, events: n, done: true };
        advance(state, end);
        yield { position: end };
      }
      if (!this.opts.follow || !(await pause(this.opts.pollIntervalMs, signal))) return;
    }
  }
}

/** Moves a directory's state to position `p`. */
function advance(state: Record<string, DirState>, p: FilePosition): void {
  const prev = state[p.dir] ?? {};
  state[p.dir] = p.done
    ? { after: prev.after && prev.after > p.name ? prev.after : p.name }
    : { ...(prev.after ? { after: prev.after } : {}), current: { name: p.name, events: p.events } };
}

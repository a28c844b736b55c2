import { join } from 'node:path';
import { type ResolvedLogSource, resolveLogSource } from '../audit/detection.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { EventRecord } from '../detect/event.js';
import { type Checkpoint, FileCheckpoint } from '../detect/sources/checkpoint.js';
import { type LogSource, openSource, type SourceProblem, type SourceSpec } from '../detect/sources/index.js';
import { type FilePosition, FileTreeReader } from './file-tree-reader.js';
import { GatedCheckpoint, type WorkTracker } from './work-tracker.js';

export interface WatchedSource extends ResolvedLogSource {
  /** where the service keeps this source's checkpoint */
  checkpointPath: string;
}

/** The log sources of the config (validated when it loaded), each with its checkpoint file. */
export function watchedSources(config: Pick<Config, 'logs'>, checkpointDir: string): WatchedSource[] {
  return Object.entries(config.logs).map(([name, entry]) => {
    const source = resolveLogSource(name, entry);
    return { ...source, checkpointPath: source.checkpoint ?? join(checkpointDir, `${name}.checkpoint.json`) };
  });
}

export interface SourceRunnerDeps {
  /** handles one event; work it starts in the background goes to the tracker */
  handle: (event: EventRecord) => Promise<void>;
  /** called when the source has read what is there for now (end of a pass over the input) */
  onIdle?: () => Promise<void>;
  tracker: WorkTracker;
  logger: Logger;
  onProblem: (p: SourceProblem) => void;
  /** read what is there and stop (no follow) */
  once: boolean;
  /** where the checkpoint is kept (watch replicas: the shared store); default the source's file */
  checkpoint?: Checkpoint;
}

/** Checkpoints of a directory are written at most this often while events flow, and at each file's end. */
const COMMIT_EVERY_MS = 1000;

/**
 * Reads one log source until the signal aborts (or, with `once`, to the end of what is there),
 * handing each event to the service. A checkpoint is saved only after the events before it were
 * handled and their background work ended.
 */
export class SourceRunner {
  started = false;
  failed: string | null = null;

  constructor(
    readonly source: WatchedSource,
    private readonly deps: SourceRunnerDeps,
  ) {}

  private checkpoint(): Checkpoint {
    return this.deps.checkpoint ?? new FileCheckpoint(this.source.checkpointPath);
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      if (this.source.spec.path !== undefined && this.source.spec.path !== '-') await this.runTree(signal);
      else await this.runSource(signal);
    } catch (e) {
      this.failed = (e as Error).message;
      throw e;
    }
  }

  private async runTree(signal: AbortSignal): Promise<void> {
    const checkpoint = this.checkpoint();
    const reader = new FileTreeReader(
      this.source.spec as SourceSpec & { path: string },
      this.source.name,
      checkpoint,
      { follow: !this.deps.once, pollIntervalMs: this.source.pollMs, onProblem: this.deps.onProblem },
    );
    this.started = true;
    let pending: FilePosition | undefined;
    let lastCommit = Date.now();
    const commit = async () => {
      if (!pending) return;
      const p = pending;
      pending = undefined;
      await this.deps.tracker.settled();
      await reader.commit(p);
      lastCommit = Date.now();
    };
    for await (const item of reader.read(signal)) {
      if (item.event) await this.deps.handle(item.event);
      pending = item.position;
      if (item.position.done || Date.now() - lastCommit >= COMMIT_EVERY_MS) await commit();
    }
    // stopped or drained: what was handled is committed once its work has ended
    await commit();
    await this.deps.onIdle?.();
  }

  private async runSource(signal: AbortSignal): Promise<void> {
    const queue = this.source.spec.queue_url !== undefined;
    const checkpoint = new GatedCheckpoint(this.checkpoint(), this.deps.tracker);
    const source: LogSource = openSource(this.source.spec, {
      name: this.source.name,
      follow: !this.deps.once,
      pollIntervalMs: this.source.pollMs,
      checkpoint,
      onProblem: this.deps.onProblem,
      // a queue message is deleted only once its event's work has ended
      ...(queue ? { autoAck: false } : {}),
    });
    this.started = true;
    for await (const event of source.read({ signal })) {
      await this.deps.handle(event);
      if (queue && source.ack) {
        await this.deps.tracker.settled();
        await source.ack(event);
      }
    }
    await this.deps.tracker.settled();
    await this.deps.onIdle?.();
  }
}

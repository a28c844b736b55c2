import type { Checkpoint } from '../detect/sources/checkpoint.js';

/**
 * Work started for events already read (a recheck, an alert): a checkpoint is saved only once
 * the work of every event before it has ended, so a restart never skips an event whose effects
 * were not stored.
 */
export class WorkTracker {
  private readonly pending = new Set<Promise<unknown>>();
  private poisoned = false;

  /** From now on settled() refuses: no checkpoint is written after an unclean stop. */
  poison(): void {
    this.poisoned = true;
  }

  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined);
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every piece of work tracked so far has ended (failed ones too). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
    if (this.poisoned)
      throw new Error('stopping before the work of earlier events ended: checkpoint not saved');
  }
}

/** A checkpoint whose writes wait for the tracked work: a source's own checkpoint, made safe. */
export class GatedCheckpoint implements Checkpoint {
  constructor(
    private readonly inner: Checkpoint,
    private readonly tracker: WorkTracker,
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.tracker.settled();
    await this.inner.set(key, value);
  }
}

/**
 * What stateful detections remember between events and across restarts: small JSON values under
 * a kind and a key, each with the time after which it is forgotten. The store keeps them
 * (SQLite or PostgreSQL, src/store/detection-state-*.ts); StateCache holds the ones in use in
 * memory, bounded, and writes the changed ones back in batches.
 */
import type { DetectionStateStore, StateEntry } from '../../core/detection-state.js';

export type { DetectionStateStore, StateEntry } from '../../core/detection-state.js';

/** State in memory, for runs without a store and for tests (bounded by `max` entries). */
export class MemoryStateStore implements DetectionStateStore {
  readonly location = ':memory:';
  private readonly map = new Map<string, StateEntry>();

  constructor(private readonly max = 200_000) {}

  async getState(kind: string, keys: readonly string[], nowMs: number): Promise<Map<string, StateEntry>> {
    const out = new Map<string, StateEntry>();
    for (const key of keys) {
      const e = this.map.get(`${kind}\u001f${key}`);
      if (e && e.expires_ms >= nowMs) out.set(key, structuredClone(e));
    }
    return out;
  }

  async putState(kind: string, entries: readonly StateEntry[]): Promise<void> {
    for (const e of entries) {
      const k = `${kind}\u001f${e.key}`;
      this.map.delete(k);
      this.map.set(k, structuredClone(e));
      if (this.map.size > this.max) {
        const oldest = this.map.keys().next();
        if (!oldest.done) this.map.delete(oldest.value);
      }
    }
  }

  async pruneState(nowMs: number): Promise<number> {
    let n = 0;
    for (const [k, e] of this.map) {
      if (e.expires_ms < nowMs) {
        this.map.delete(k);
        n += 1;
      }
    }
    return n;
  }

  async close(): Promise<void> {}
}

/**
 * The entries of one kind in use, in front of the store: reads go to the store once per key,
 * writes wait for flush(). At most `max` entries are held; beyond that the least recently used
 * clean ones are dropped (dirty ones are written first).
 */
export class StateCache<V> {
  private readonly entries = new Map<string, { value: V; expires_ms: number } | null>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly store: DetectionStateStore,
    readonly kind: string,
    private readonly max = 50_000,
  ) {}

  /** The value under `key`, or undefined when none is remembered (or it expired by `nowMs`). */
  async get(key: string, nowMs: number): Promise<V | undefined> {
    let e = this.entries.get(key);
    if (e === undefined) {
      const found = (await this.store.getState(this.kind, [key], nowMs)).get(key);
      e = found ? { value: found.value as V, expires_ms: found.expires_ms } : null;
      await this.remember(key, e);
    } else {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e && e.expires_ms >= nowMs ? e.value : undefined;
  }

  async set(key: string, value: V, expiresMs: number): Promise<void> {
    this.entries.delete(key);
    await this.remember(key, { value, expires_ms: expiresMs });
    this.dirty.add(key);
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const out: StateEntry[] = [];
    for (const key of this.dirty) {
      const e = this.entries.get(key);
      if (e) out.push({ key, value: e.value, expires_ms: e.expires_ms });
    }
    this.dirty.clear();
    await this.store.putState(this.kind, out);
  }

  private async remember(key: string, e: { value: V; expires_ms: number } | null): Promise<void> {
    this.entries.set(key, e);
    if (this.entries.size <= this.max) return;
    const oldest = this.entries.keys().next();
    if (oldest.done) return;
    if (this.dirty.has(oldest.value)) await this.flush();
    this.entries.delete(oldest.value);
  }
}

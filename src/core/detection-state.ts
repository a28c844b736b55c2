/**
 * What stateful detections remember between events and across restarts (src/detect/stateful/):
 * small JSON values under a kind and a key, each with the time after which it is forgotten. The
 * store keeps them (SQLite or PostgreSQL, src/store/detection-state-*.ts).
 */

export interface StateEntry {
  key: string;
  value: unknown;
  /** epoch ms after which the entry is forgotten (its baseline window ended) */
  expires_ms: number;
}

export interface DetectionStateStore {
  readonly location: string;
  /** The live entries of `kind` among `keys` (expired ones are absent). */
  getState(kind: string, keys: readonly string[], nowMs: number): Promise<Map<string, StateEntry>>;
  /** Inserts or replaces entries, in one transaction. */
  putState(kind: string, entries: readonly StateEntry[]): Promise<void>;
  /** Deletes entries that expired before `nowMs`; returns how many. */
  pruneState(nowMs: number): Promise<number>;
  close(): Promise<void>;
}

import type Database from 'better-sqlite3';
import type { DetectionStateStore, StateEntry } from '../core/detection-state.js';
import { messageOf, StoreError } from './errors.js';
import { describeSqliteError, type OpenOptions, openDatabase, storeLocation } from './sqlite-file.js';

/*
 * What the stateful detections remember (src/detect/stateful/), in the SQLite store's
 * `detection_state` table (migration 6), on a connection of its own.
 */

/** Keys read per statement (SQLite's parameter limit is far above). */
const CHUNK = 500;

class SqliteDetectionState implements DetectionStateStore {
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  private run<T>(what: string, fn: () => T): T {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  async getState(kind: string, keys: readonly string[], nowMs: number): Promise<Map<string, StateEntry>> {
    return this.run(`reading ${kind} state`, () => {
      const out = new Map<string, StateEntry>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const part = keys.slice(i, i + CHUNK);
        const rows = this.db
          .prepare(
            `SELECT key, value, expires_ms FROM detection_state
              WHERE kind = ? AND expires_ms >= ? AND key IN (${part.map(() => '?').join(', ')})`,
          )
          .all(kind, nowMs, ...part) as { key: string; value: string; expires_ms: number }[];
        for (const r of rows) {
          let value: unknown;
          try {
            value = JSON.parse(r.value);
          } catch (err) {
            throw new StoreError(
              this.location,
              `${kind} state ${r.key} holds unreadable JSON (${messageOf(err)})`,
            );
          }
          out.set(r.key, { key: r.key, value, expires_ms: r.expires_ms });
        }
      }
      return out;
    });
  }

  async putState(kind: string, entries: readonly StateEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.run(`storing ${entries.length} ${kind} state entries`, () => {
      const put = this.db.prepare(
        `INSERT INTO detection_state (kind, key, value, expires_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms`,
      );
      this.db
        .transaction(() => {
          for (const e of entries) {
            if (!Number.isFinite(e.expires_ms))
              throw new StoreError(this.location, `${kind} state ${e.key}: expires_ms is not a time`);
            put.run(kind, e.key, JSON.stringify(e.value), Math.round(e.expires_ms));
          }
        })
        .immediate();
    });
  }

  async pruneState(nowMs: number): Promise<number> {
    return this.run(
      'forgetting expired detection state',
      () => this.db.prepare('DELETE FROM detection_state WHERE expires_ms < ?').run(nowMs).changes,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens the detection state of the SQLite store at `path` (creating and migrating it as openSqliteStore does). */
export function openSqliteDetectionState(
  path: string,
  options: Pick<OpenOptions, 'verify' | 'create'> = {},
): DetectionStateStore {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  db.pragma('synchronous = NORMAL');
  return new SqliteDetectionState(db, location);
}

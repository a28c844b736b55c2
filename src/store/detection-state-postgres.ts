import type { DetectionStateStore, StateEntry } from '../core/detection-state.js';
import { StoreError } from './errors.js';
import type { PgSession } from './postgres-connection.js';

/*
 * What the stateful detections remember, in a PostgreSQL store's `detection_state` table (PG
 * migration 4): the same rows as the SQLite store, over the store's pool.
 */

export class PostgresDetectionState implements DetectionStateStore {
  private closed = false;

  constructor(private readonly pg: PgSession) {}

  get location(): string {
    return this.pg.location;
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(this.location, `${what}: the store is closed`));
    return this.pg.run(what, fn);
  }

  getState(kind: string, keys: readonly string[], nowMs: number): Promise<Map<string, StateEntry>> {
    return this.run(`reading ${kind} state`, async () => {
      const rows = await this.pg.query<{ key: string; value: unknown; expires_ms: string }>(
        `SELECT key, value, expires_ms FROM ${this.pg.s}.detection_state
          WHERE kind = $1 AND expires_ms >= $2 AND key = ANY($3::text[])`,
        [kind, nowMs, keys],
      );
      return new Map(
        rows.map((r) => [r.key, { key: r.key, value: r.value, expires_ms: Number(r.expires_ms) }]),
      );
    });
  }

  putState(kind: string, entries: readonly StateEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.run(`storing ${entries.length} ${kind} state entries`, async () => {
      for (const e of entries) {
        if (!Number.isFinite(e.expires_ms))
          throw new StoreError(this.location, `${kind} state ${e.key}: expires_ms is not a time`);
      }
      // one statement: the entries as parallel arrays
      await this.pg.query(
        `INSERT INTO ${this.pg.s}.detection_state (kind, key, value, expires_ms)
         SELECT $1, k, v::jsonb, x FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(k, v, x)
         ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms`,
        [
          kind,
          entries.map((e) => e.key),
          entries.map((e) => JSON.stringify(e.value)),
          entries.map((e) => Math.round(e.expires_ms)),
        ],
      );
    });
  }

  pruneState(nowMs: number): Promise<number> {
    return this.run('forgetting expired detection state', async () => {
      const rows = await this.pg.query<{ n: string }>(
        `WITH gone AS (DELETE FROM ${this.pg.s}.detection_state WHERE expires_ms < $1 RETURNING 1)
         SELECT COUNT(*) AS n FROM gone`,
        [nowMs],
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  /** The store's pool stays open: it is the store's to close. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import {
  type ClaimedRow,
  deadLocalOwner,
  type EnqueueRequest,
  type EnqueueResult,
  leaseOwner,
  type Outbox,
  type OutboxItem,
  type OutboxPayload,
  type OutboxStats,
} from './outbox.js';
import { describeSqliteError, type OpenOptions, openDatabase, storeLocation } from './sqlite-file.js';

/*
 * The outbox in a SQLite store file (migrations 3 and 9), on its own connection. The guarantees are
 * the Outbox interface's (outbox.ts); one write transaction per call, taken IMMEDIATE so it
 * waits for the write lock instead of failing.
 */

// the outbox's types, for callers that import them from here
export type * from './outbox.js';

interface RawRow {
  id: string;
  notifier: string;
  dedup_key: string;
  payload: string;
  attempts: number;
  max_attempts: number;
  created_at: string;
}

/** Releases leases held by processes of this host that are gone (killed, crashed). */
export function releaseDeadLeases(db: Database.Database): number {
  const rows = db
    .prepare("SELECT DISTINCT lease_owner FROM outbox WHERE status = 'pending' AND lease_owner IS NOT NULL")
    .pluck()
    .all() as string[];
  let released = 0;
  for (const owner of rows) {
    if (!deadLocalOwner(owner)) continue;
    released += db
      .prepare(
        "UPDATE outbox SET lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL WHERE status = 'pending' AND lease_owner = ?",
      )
      .run(owner).changes;
  }
  return released;
}

/** Opens the outbox in the SQLite store file at `path` (its own connection; migrates the file). */
export async function openSqliteOutbox(
  path: string,
  options: Pick<OpenOptions, 'verify' | 'create'> = {},
): Promise<Outbox> {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  try {
    db.transaction(() => releaseDeadLeases(db)).immediate();
  } catch (err) {
    db.close();
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  return new SqliteOutbox(db, location);
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

class SqliteOutbox implements Outbox {
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  private run<T>(what: string, fn: () => T): T {
    if (this.closed) throw new StoreError(this.location, `${what}: the outbox is closed`);
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  private write<T>(what: string, fn: () => T): T {
    return this.run(what, () => this.db.transaction(fn).immediate());
  }

  async releaseDeadLeases(): Promise<number> {
    return this.write('releasing the leases of dead senders', () => releaseDeadLeases(this.db));
  }

  async enqueue(req: EnqueueRequest, now = new Date()): Promise<EnqueueResult> {
    return this.write(`enqueueing an alert for ${req.notifier}`, () => this.enqueueOne(req, now, new Map()));
  }

  async enqueueMany(reqs: readonly EnqueueRequest[], now = new Date()): Promise<EnqueueResult[]> {
    if (reqs.length === 0) return [];
    return this.write(`enqueueing ${reqs.length} alert(s)`, () => {
      const recorded = new Map<string, boolean>();
      return reqs.map((r) => this.enqueueOne(r, now, recorded));
    });
  }

  /**
   * Inside a write transaction: whether this call may write the request (its recording, if it
   * has one, is marked by this call, not an earlier one). `recorded` holds this call's answers.
   */
  private firstRecording(req: EnqueueRequest, nowMs: number, recorded: Map<string, boolean>): boolean {
    if (req.recording === undefined) return true;
    const pair = JSON.stringify([req.recording, req.notifier]);
    let first = recorded.get(pair);
    if (first === undefined) {
      first =
        this.db
          .prepare(
            'INSERT INTO outbox_recordings (recording, notifier, created_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          )
          .run(req.recording, req.notifier, nowMs).changes === 1;
      recorded.set(pair, first);
    }
    return first;
  }

  /** Inside a write transaction. */
  private enqueueOne(req: EnqueueRequest, now: Date, recorded: Map<string, boolean>): EnqueueResult {
    const nowMs = now.getTime();
    if (!this.firstRecording(req, nowMs, recorded))
      return { id: null, enqueued: 0, duplicates: req.items.length, merged: false };
    {
      const seenKey = this.db.prepare(
        `SELECT 1 FROM outbox_keys k JOIN outbox o ON o.id = k.outbox_id
          WHERE k.notifier = ? AND k.dedup_key = ? AND k.created_ms > ? AND o.status <> 'failed' LIMIT 1`,
      );
      const fresh: OutboxItem[] = [];
      const batchKeys = new Set<string>();
      for (const item of req.items) {
        if (batchKeys.has(item.key)) continue;
        batchKeys.add(item.key);
        if (req.dedup_window_ms > 0 && seenKey.get(req.notifier, item.key, nowMs - req.dedup_window_ms))
          continue;
        fresh.push(item);
      }
      const duplicates = req.items.length - fresh.length;
      if (fresh.length === 0) return { id: null, enqueued: 0, duplicates, merged: false };
      const addKey = this.db.prepare(
        'INSERT INTO outbox_keys (notifier, dedup_key, outbox_id, created_ms) VALUES (?, ?, ?, ?)',
      );

      if (req.merge) {
        const open = this.db
          .prepare(
            `SELECT id, payload FROM outbox
              WHERE notifier = ? AND dedup_key = ? AND status = 'pending' AND attempts = 0 AND lease_token IS NULL
              ORDER BY created_ms LIMIT 1`,
          )
          .get(req.notifier, req.dedup_key) as { id: string; payload: string } | undefined;
        if (open) {
          const payload = JSON.parse(open.payload) as OutboxPayload;
          payload.items.push(...fresh.map((i) => i.value));
          this.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(payload), open.id);
          for (const i of fresh) addKey.run(req.notifier, i.key, open.id, nowMs);
          return { id: open.id, enqueued: fresh.length, duplicates, merged: true };
        }
      }

      const id = randomUUID();
      const due = req.not_before && req.not_before.getTime() > nowMs ? req.not_before : now;
      const payload: OutboxPayload = { ...req.envelope, id, items: fresh.map((i) => i.value) };
      this.db
        .prepare(
          `INSERT INTO outbox (id, notifier, dedup_key, payload, status, attempts, max_attempts, created_at,
                               created_ms, next_attempt_at, next_attempt_ms)
           VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          req.notifier,
          req.dedup_key,
          JSON.stringify(payload),
          req.max_attempts,
          now.toISOString(),
          nowMs,
          due.toISOString(),
          due.getTime(),
        );
      for (const i of fresh) addKey.run(req.notifier, i.key, id, nowMs);
      return { id, enqueued: fresh.length, duplicates, merged: false };
    }
  }

  async claim(
    batch: number,
    leaseMs: number,
    opts: { notifiers?: readonly string[]; now?: Date } = {},
  ): Promise<ClaimedRow[]> {
    const nowMs = (opts.now ?? new Date()).getTime();
    const names = opts.notifiers;
    if (names?.length === 0) return [];
    return this.write('claiming alerts', () => {
      const rows = this.db
        .prepare(
          `SELECT id, notifier, dedup_key, payload, attempts, max_attempts, created_at FROM outbox
            WHERE status = 'pending' AND next_attempt_ms <= ?
              AND (lease_until_ms IS NULL OR lease_until_ms <= ?)
              ${names ? `AND notifier IN (${inList(names.length)})` : ''}
            ORDER BY next_attempt_ms, attempts DESC, created_ms LIMIT ?`,
        )
        .all(nowMs, nowMs, ...(names ?? []), batch) as RawRow[];
      const lease = this.db.prepare(
        `UPDATE outbox SET lease_token = ?, lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1
          WHERE id = ?`,
      );
      return rows.map((r): ClaimedRow => {
        const token = randomUUID();
        lease.run(token, leaseOwner(), nowMs + leaseMs, r.id);
        return {
          id: r.id,
          notifier: r.notifier,
          dedup_key: r.dedup_key,
          payload: JSON.parse(r.payload) as OutboxPayload,
          attempts: r.attempts + 1,
          max_attempts: r.max_attempts,
          created_at: r.created_at,
          lease_token: token,
        };
      });
    });
  }

  async markDelivered(id: string, now = new Date()): Promise<boolean> {
    return this.write(`marking alert ${id} delivered`, () => {
      // Whoever holds the lease now, the receiver has it: never send it again.
      const changed = this.db
        .prepare(
          `UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_token = NULL, lease_owner = NULL,
                  lease_until_ms = NULL, last_error = NULL
            WHERE id = ? AND status = 'pending'`,
        )
        .run(now.toISOString(), id).changes;
      return changed === 1;
    });
  }

  async markFailed(
    id: string,
    leaseToken: string,
    error: string,
    retryAt: Date | null,
  ): Promise<'retrying' | 'failed' | 'lost'> {
    return this.write(`recording a failed delivery of alert ${id}`, () => {
      const row = this.db
        .prepare(
          "SELECT attempts, max_attempts FROM outbox WHERE id = ? AND status = 'pending' AND lease_token = ?",
        )
        .get(id, leaseToken) as { attempts: number; max_attempts: number } | undefined;
      if (!row) return 'lost';
      const final = retryAt === null || row.attempts >= row.max_attempts;
      const due = retryAt ?? new Date();
      this.db
        .prepare(
          `UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = ?, next_attempt_ms = ?,
                  lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL
            WHERE id = ?`,
        )
        .run(final ? 'failed' : 'pending', error.slice(0, 1000), due.toISOString(), due.getTime(), id);
      return final ? 'failed' : 'retrying';
    });
  }

  async release(id: string, leaseToken: string, at: Date): Promise<void> {
    this.write(`releasing alert ${id}`, () => {
      this.db
        .prepare(
          `UPDATE outbox SET attempts = MAX(0, attempts - 1), next_attempt_at = ?, next_attempt_ms = ?,
                  lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL
            WHERE id = ? AND status = 'pending' AND lease_token = ?`,
        )
        .run(at.toISOString(), at.getTime(), id, leaseToken);
    });
  }

  async postpone(notifier: string, until: Date): Promise<number> {
    return this.write(`postponing the alerts of ${notifier}`, () => {
      return this.db
        .prepare(
          `UPDATE outbox SET next_attempt_at = ?, next_attempt_ms = ?
            WHERE notifier = ? AND status = 'pending' AND lease_token IS NULL AND next_attempt_ms < ?`,
        )
        .run(until.toISOString(), until.getTime(), notifier, until.getTime()).changes;
    });
  }

  async nextAttemptAt(notifiers?: readonly string[]): Promise<Date | null> {
    if (notifiers?.length === 0) return null;
    return this.run('reading the outbox', () => {
      const ms = this.db
        .prepare(
          `SELECT MIN(MAX(next_attempt_ms, COALESCE(lease_until_ms, 0))) FROM outbox WHERE status = 'pending'
            ${notifiers ? `AND notifier IN (${inList(notifiers.length)})` : ''}`,
        )
        .pluck()
        .get(...(notifiers ?? [])) as number | null;
      return ms === null ? null : new Date(ms);
    });
  }

  async stats(): Promise<OutboxStats> {
    return this.run('reading outbox statistics', () => {
      const rows = this.db
        .prepare('SELECT notifier, status, COUNT(*) AS n FROM outbox GROUP BY notifier, status')
        .all() as { notifier: string; status: 'pending' | 'delivered' | 'failed'; n: number }[];
      const out: OutboxStats = {
        pending: 0,
        delivered: 0,
        failed: 0,
        oldest_pending_at: null,
        by_notifier: {},
      };
      for (const r of rows) {
        const s = out.by_notifier[r.notifier] ?? { pending: 0, delivered: 0, failed: 0, last_error: null };
        out.by_notifier[r.notifier] = s;
        s[r.status] += r.n;
        out[r.status] += r.n;
      }
      const errors = this.db
        .prepare(
          `SELECT notifier, last_error FROM outbox o WHERE last_error IS NOT NULL AND created_ms =
             (SELECT MAX(created_ms) FROM outbox i WHERE i.notifier = o.notifier AND i.last_error IS NOT NULL)`,
        )
        .all() as { notifier: string; last_error: string }[];
      for (const e of errors) {
        const s = out.by_notifier[e.notifier];
        if (s) s.last_error = e.last_error;
      }
      out.oldest_pending_at =
        (this.db
          .prepare("SELECT created_at FROM outbox WHERE status = 'pending' ORDER BY created_ms LIMIT 1")
          .pluck()
          .get() as string | undefined) ?? null;
      return out;
    });
  }

  async failures(since: Date) {
    return this.run(
      'reading failed alerts',
      () =>
        this.db
          .prepare(
            `SELECT id, notifier, attempts, last_error FROM outbox
            WHERE status = 'failed' AND next_attempt_ms >= ? ORDER BY next_attempt_ms DESC`,
          )
          .all(since.getTime()) as {
          id: string;
          notifier: string;
          attempts: number;
          last_error: string | null;
        }[],
    );
  }

  async prune(before: Date): Promise<number> {
    return this.write('pruning the outbox', () => {
      const ids = this.db
        .prepare("SELECT id FROM outbox WHERE status IN ('delivered', 'failed') AND created_ms < ?")
        .pluck()
        .all(before.getTime()) as string[];
      const delKeys = this.db.prepare('DELETE FROM outbox_keys WHERE outbox_id = ?');
      const delRow = this.db.prepare('DELETE FROM outbox WHERE id = ?');
      for (const id of ids) {
        delKeys.run(id);
        delRow.run(id);
      }
      this.db.prepare('DELETE FROM outbox_recordings WHERE created_ms < ?').run(before.getTime());
      return ids.length;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

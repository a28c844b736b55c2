import { randomUUID } from 'node:crypto';
import type pg from 'pg';
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
import type { PgSession } from './postgres-connection.js';

/*
 * The outbox of a PostgreSQL store (migrations 3 and 9), over the store's pool, with the guarantees of
 * the Outbox interface (outbox.ts) for senders on several hosts: claim() locks the rows it
 * leases (FOR UPDATE SKIP LOCKED), so two senders never lease the same row, and enqueues take a
 * transaction-level advisory lock, so two writers never both find a dedup key unseen. The
 * statements are SQLite's (sqlite-outbox.ts) in PostgreSQL's spelling; *_ms columns are bigint,
 * which the driver returns as text.
 */

interface RawRow {
  id: string;
  notifier: string;
  dedup_key: string;
  payload: string;
  attempts: number;
  max_attempts: number;
  created_at: string;
}

export class PostgresOutbox implements Outbox {
  private closed = false;

  constructor(private readonly pg: PgSession) {}

  get location(): string {
    return this.pg.location;
  }

  private get t(): string {
    return `${this.pg.s}.outbox`;
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(this.location, `${what}: the outbox is closed`));
    return this.pg.run(what, fn);
  }

  private write<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.run(what, () => this.pg.tx(fn));
  }

  /** Releases leases held by processes of this host that are gone (killed, crashed). */
  async releaseDeadLeases(): Promise<number> {
    return this.write('releasing the leases of dead senders', async (c) => {
      const owners = await c.query<{ lease_owner: string }>(
        `SELECT DISTINCT lease_owner FROM ${this.t} WHERE status = 'pending' AND lease_owner IS NOT NULL`,
      );
      let released = 0;
      for (const { lease_owner: owner } of owners.rows) {
        if (!deadLocalOwner(owner)) continue;
        const res = await c.query(
          `UPDATE ${this.t} SET lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL
            WHERE status = 'pending' AND lease_owner = $1`,
          [owner],
        );
        released += res.rowCount ?? 0;
      }
      return released;
    });
  }

  async enqueue(req: EnqueueRequest, now = new Date()): Promise<EnqueueResult> {
    return this.write(`enqueueing an alert for ${req.notifier}`, async (c) => {
      await this.lockEnqueues(c);
      return this.enqueueOne(c, req, now, new Map());
    });
  }

  async enqueueMany(reqs: readonly EnqueueRequest[], now = new Date()): Promise<EnqueueResult[]> {
    if (reqs.length === 0) return [];
    return this.write(`enqueueing ${reqs.length} alert(s)`, async (c) => {
      await this.lockEnqueues(c);
      const recorded = new Map<string, boolean>();
      const out: EnqueueResult[] = [];
      for (const r of reqs) out.push(await this.enqueueOne(c, r, now, recorded));
      return out;
    });
  }

  /**
   * Inside a write transaction: whether this call may write the request (its recording, if it
   * has one, is marked by this call, not an earlier one). `recorded` holds this call's answers.
   */
  private async firstRecording(
    c: pg.PoolClient,
    req: EnqueueRequest,
    nowMs: number,
    recorded: Map<string, boolean>,
  ): Promise<boolean> {
    if (req.recording === undefined) return true;
    const pair = JSON.stringify([req.recording, req.notifier]);
    let first = recorded.get(pair);
    if (first === undefined) {
      const res = await c.query(
        `INSERT INTO ${this.pg.s}.outbox_recordings (recording, notifier, created_ms) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [req.recording, req.notifier, nowMs],
      );
      first = res.rowCount === 1;
      recorded.set(pair, first);
    }
    return first;
  }

  /** Held to the end of the transaction: enqueues into this store's outbox run one at a time. */
  private async lockEnqueues(c: pg.PoolClient): Promise<void> {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cloudward outbox ${this.pg.s}`]);
  }

  /** Inside a write transaction holding the enqueue lock. */
  private async enqueueOne(
    c: pg.PoolClient,
    req: EnqueueRequest,
    now: Date,
    recorded: Map<string, boolean>,
  ): Promise<EnqueueResult> {
    const nowMs = now.getTime();
    if (!(await this.firstRecording(c, req, nowMs, recorded)))
      return { id: null, enqueued: 0, duplicates: req.items.length, merged: false };
    const fresh: OutboxItem[] = [];
    const batchKeys = new Set<string>();
    for (const item of req.items) {
      if (batchKeys.has(item.key)) continue;
      batchKeys.add(item.key);
      if (req.dedup_window_ms > 0) {
        const seen = await c.query(
          `SELECT 1 FROM ${this.pg.s}.outbox_keys k JOIN ${this.t} o ON o.id = k.outbox_id
            WHERE k.notifier = $1 AND k.dedup_key = $2 AND k.created_ms > $3 AND o.status <> 'failed' LIMIT 1`,
          [req.notifier, item.key, nowMs - req.dedup_window_ms],
        );
        if ((seen.rowCount ?? 0) > 0) continue;
      }
      fresh.push(item);
    }
    const duplicates = req.items.length - fresh.length;
    if (fresh.length === 0) return { id: null, enqueued: 0, duplicates, merged: false };
    const addKeys = (id: string) =>
      c.query(
        `INSERT INTO ${this.pg.s}.outbox_keys (notifier, dedup_key, outbox_id, created_ms)
         SELECT $1, k, $2, $3 FROM unnest($4::text[]) AS k`,
        [req.notifier, id, nowMs, fresh.map((i) => i.key)],
      );

    if (req.merge) {
      const open = (
        await c.query<{ id: string; payload: string }>(
          `SELECT id, payload FROM ${this.t}
            WHERE notifier = $1 AND dedup_key = $2 AND status = 'pending' AND attempts = 0 AND lease_token IS NULL
            ORDER BY created_ms LIMIT 1 FOR UPDATE`,
          [req.notifier, req.dedup_key],
        )
      ).rows[0];
      if (open) {
        const payload = JSON.parse(open.payload) as OutboxPayload;
        payload.items.push(...fresh.map((i) => i.value));
        await c.query(`UPDATE ${this.t} SET payload = $1 WHERE id = $2`, [JSON.stringify(payload), open.id]);
        await addKeys(open.id);
        return { id: open.id, enqueued: fresh.length, duplicates, merged: true };
      }
    }

    const id = randomUUID();
    const due = req.not_before && req.not_before.getTime() > nowMs ? req.not_before : now;
    const payload: OutboxPayload = { ...req.envelope, id, items: fresh.map((i) => i.value) };
    await c.query(
      `INSERT INTO ${this.t} (id, notifier, dedup_key, payload, status, attempts, max_attempts, created_at,
                              created_ms, next_attempt_at, next_attempt_ms)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $8, $9)`,
      [
        id,
        req.notifier,
        req.dedup_key,
        JSON.stringify(payload),
        req.max_attempts,
        now.toISOString(),
        nowMs,
        due.toISOString(),
        due.getTime(),
      ],
    );
    await addKeys(id);
    return { id, enqueued: fresh.length, duplicates, merged: false };
  }

  async claim(
    batch: number,
    leaseMs: number,
    opts: { notifiers?: readonly string[]; now?: Date } = {},
  ): Promise<ClaimedRow[]> {
    const nowMs = (opts.now ?? new Date()).getTime();
    const names = opts.notifiers;
    if (names?.length === 0) return [];
    return this.write('claiming alerts', async (c) => {
      const rows = (
        await c.query<RawRow>(
          `SELECT id, notifier, dedup_key, payload, attempts, max_attempts, created_at FROM ${this.t}
            WHERE status = 'pending' AND next_attempt_ms <= $1
              AND (lease_until_ms IS NULL OR lease_until_ms <= $1)
              ${names ? 'AND notifier = ANY($3::text[])' : ''}
            ORDER BY next_attempt_ms, attempts DESC, created_ms LIMIT $2
            FOR UPDATE SKIP LOCKED`,
          names ? [nowMs, batch, [...names]] : [nowMs, batch],
        )
      ).rows;
      const owner = leaseOwner();
      const claimed: ClaimedRow[] = [];
      for (const r of rows) {
        const token = randomUUID();
        await c.query(
          `UPDATE ${this.t} SET lease_token = $1, lease_owner = $2, lease_until_ms = $3, attempts = attempts + 1
            WHERE id = $4`,
          [token, owner, nowMs + leaseMs, r.id],
        );
        claimed.push({
          id: r.id,
          notifier: r.notifier,
          dedup_key: r.dedup_key,
          payload: JSON.parse(r.payload) as OutboxPayload,
          attempts: r.attempts + 1,
          max_attempts: r.max_attempts,
          created_at: r.created_at,
          lease_token: token,
        });
      }
      return claimed;
    });
  }

  async markDelivered(id: string, now = new Date()): Promise<boolean> {
    return this.run(`marking alert ${id} delivered`, async () => {
      // Whoever holds the lease now, the receiver has it: never send it again.
      const rows = await this.pg.query(
        `UPDATE ${this.t} SET status = 'delivered', delivered_at = $1, lease_token = NULL, lease_owner = NULL,
                lease_until_ms = NULL, last_error = NULL
          WHERE id = $2 AND status = 'pending' RETURNING id`,
        [now.toISOString(), id],
      );
      return rows.length === 1;
    });
  }

  async markFailed(
    id: string,
    leaseToken: string,
    error: string,
    retryAt: Date | null,
  ): Promise<'retrying' | 'failed' | 'lost'> {
    return this.write(`recording a failed delivery of alert ${id}`, async (c) => {
      const row = (
        await c.query<{ attempts: number; max_attempts: number }>(
          `SELECT attempts, max_attempts FROM ${this.t}
            WHERE id = $1 AND status = 'pending' AND lease_token = $2 FOR UPDATE`,
          [id, leaseToken],
        )
      ).rows[0];
      if (!row) return 'lost';
      const final = retryAt === null || row.attempts >= row.max_attempts;
      const due = retryAt ?? new Date();
      await c.query(
        `UPDATE ${this.t} SET status = $1, last_error = $2, next_attempt_at = $3, next_attempt_ms = $4,
                lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL
          WHERE id = $5`,
        [final ? 'failed' : 'pending', error.slice(0, 1000), due.toISOString(), due.getTime(), id],
      );
      return final ? 'failed' : 'retrying';
    });
  }

  async release(id: string, leaseToken: string, at: Date): Promise<void> {
    await this.run(`releasing alert ${id}`, () =>
      this.pg.query(
        `UPDATE ${this.t} SET attempts = GREATEST(0, attempts - 1), next_attempt_at = $1, next_attempt_ms = $2,
                lease_token = NULL, lease_owner = NULL, lease_until_ms = NULL
          WHERE id = $3 AND status = 'pending' AND lease_token = $4`,
        [at.toISOString(), at.getTime(), id, leaseToken],
      ),
    );
  }

  async postpone(notifier: string, until: Date): Promise<number> {
    return this.run(`postponing the alerts of ${notifier}`, async () => {
      const rows = await this.pg.query(
        `UPDATE ${this.t} SET next_attempt_at = $1, next_attempt_ms = $2
          WHERE notifier = $3 AND status = 'pending' AND lease_token IS NULL AND next_attempt_ms < $2
          RETURNING id`,
        [until.toISOString(), until.getTime(), notifier],
      );
      return rows.length;
    });
  }

  async nextAttemptAt(notifiers?: readonly string[]): Promise<Date | null> {
    if (notifiers?.length === 0) return null;
    return this.run('reading the outbox', async () => {
      const [row] = await this.pg.query<{ ms: string | null }>(
        `SELECT MIN(GREATEST(next_attempt_ms, COALESCE(lease_until_ms, 0))) AS ms FROM ${this.t}
          WHERE status = 'pending' ${notifiers ? 'AND notifier = ANY($1::text[])' : ''}`,
        notifiers ? [[...notifiers]] : [],
      );
      return row?.ms == null ? null : new Date(Number(row.ms));
    });
  }

  async stats(): Promise<OutboxStats> {
    return this.run('reading outbox statistics', async () => {
      const rows = await this.pg.query<{
        notifier: string;
        status: 'pending' | 'delivered' | 'failed';
        n: string;
      }>(`SELECT notifier, status, COUNT(*) AS n FROM ${this.t} GROUP BY notifier, status`);
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
        s[r.status] += Number(r.n);
        out[r.status] += Number(r.n);
      }
      const errors = await this.pg.query<{ notifier: string; last_error: string }>(
        `SELECT notifier, last_error FROM ${this.t} o WHERE last_error IS NOT NULL AND created_ms =
           (SELECT MAX(created_ms) FROM ${this.t} i WHERE i.notifier = o.notifier AND i.last_error IS NOT NULL)`,
      );
      for (const e of errors) {
        const s = out.by_notifier[e.notifier];
        if (s) s.last_error = e.last_error;
      }
      const [oldest] = await this.pg.query<{ created_at: string }>(
        `SELECT created_at FROM ${this.t} WHERE status = 'pending' ORDER BY created_ms LIMIT 1`,
      );
      out.oldest_pending_at = oldest?.created_at ?? null;
      return out;
    });
  }

  async failures(since: Date) {
    return this.run('reading failed alerts', () =>
      this.pg.query<{ id: string; notifier: string; attempts: number; last_error: string | null }>(
        `SELECT id, notifier, attempts, last_error FROM ${this.t}
          WHERE status = 'failed' AND next_attempt_ms >= $1 ORDER BY next_attempt_ms DESC`,
        [since.getTime()],
      ),
    );
  }

  async prune(before: Date): Promise<number> {
    return this.write('pruning the outbox', async (c) => {
      // the rows' dedup keys go with them (ON DELETE CASCADE)
      const res = await c.query(
        `DELETE FROM ${this.t} WHERE status IN ('delivered', 'failed') AND created_ms < $1`,
        [before.getTime()],
      );
      await c.query(`DELETE FROM ${this.pg.s}.outbox_recordings WHERE created_ms < $1`, [before.getTime()]);
      return res.rowCount ?? 0;
    });
  }

  /** The pool is the store's: closing this view leaves the store open. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

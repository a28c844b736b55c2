import type pg from 'pg';

/*
 * Scan leases. Writers on several machines may share one database, so a running scan is not
 * owned by a pid but by a lease: a random token and an expiry on the database server's clock
 * (clock_timestamp(), so machines' clocks need not agree). A live writer renews it on every
 * batch and from a timer; a writer that died stops renewing, and once its lease has expired
 * any process that opens the store or begins a scan aborts the scan and deletes its rows.
 */

/** How long a scan stays owned without a renewal. */
export const DEFAULT_LEASE_MS = 5 * 60 * 1000;

/** A writer renews its lease this often (a third of it, so two renewals may fail in a row). */
export function renewEveryMs(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 3));
}

type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Extends the lease of a running scan that `token` owns. Returns false when the scan is no
 * longer ours (aborted by recovery after the lease ran out, or gone).
 */
export async function renewLease(
  db: Queryable,
  schema: string,
  scanId: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE ${schema}.scans
        SET lease_expires_at = clock_timestamp() + $3::bigint * interval '1 millisecond'
      WHERE id = $1 AND lease_token = $2 AND status = 'running'`,
    [scanId, token, leaseMs],
  );
  return res.rowCount === 1;
}

/**
 * Inside a transaction: marks every running scan whose lease has expired 'aborted' and deletes
 * its resources and results. Returns their ids. A writer renewing at the same moment holds
 * the scan row's lock, so its scan is judged on the renewed lease.
 */
export async function recoverExpiredScans(db: Queryable, schema: string, now: Date): Promise<string[]> {
  const gone = await db.query<{ id: string }>(
    `UPDATE ${schema}.scans
        SET status = 'aborted', finished_at = $1, lease_token = NULL, lease_expires_at = NULL
      WHERE status = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())
      RETURNING id`,
    [now.toISOString()],
  );
  const ids = gone.rows.map((r) => r.id);
  if (ids.length > 0) {
    await db.query(`DELETE FROM ${schema}.resources WHERE scan_id = ANY($1::text[])`, [ids]);
    await db.query(`DELETE FROM ${schema}.results WHERE scan_id = ANY($1::text[])`, [ids]);
  }
  return ids;
}

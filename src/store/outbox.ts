import { hostname } from 'node:os';

/*
 * The notification outbox, kept in the store (SQLite migrations 3 and 9, PostgreSQL migrations 3 and 9). An alert is written here before it is sent, claimed
 * with a lease by the process that sends it, and marked delivered once the receiver accepted it.
 *
 * Guarantees:
 * - A row marked delivered is never claimed again, by this process or any other.
 * - A row is claimed by one sender at a time: claim() leases it in a write transaction. A
 *   lease held by a process that died on this host is released when the outbox is next opened;
 *   any other lease (another host, a hung process) is released when it expires.
 * - A scan's alerts are recorded once per notifier (EnqueueRequest.recording), whatever the
 *   dedup window: recording them again (the scan resumed after a crash before its commit)
 *   writes nothing.
 * - At least once, not exactly once: a crash after the receiver accepted an alert and before
 *   markDelivered() committed sends it again. Receivers drop repeats by the alert's id (the
 *   webhook's X-Cloudward-Delivery header), which is the same on every attempt.
 */

export interface OutboxItem {
  /** dedup key: an item whose key was enqueued for the notifier within the window is dropped */
  key: string;
  value: unknown;
}

export interface EnqueueRequest {
  notifier: string;
  /** what the row is about: one finding, a run's digest, or a digest period */
  dedup_key: string;
  /** the rest of the payload; the row's payload is { ...envelope, id, items } */
  envelope: Record<string, unknown>;
  items: OutboxItem[];
  /** 0: no deduplication */
  dedup_window_ms: number;
  max_attempts: number;
  /** not sent before (the end of a digest period) */
  not_before?: Date;
  /** add the items to a pending row with the same notifier and dedup_key that no one has started sending */
  merge?: boolean;
  /**
   * The recording this request is part of (a scan's alerts: `scan:<scan id>`). The first call
   * that enqueues a request of a recording for a notifier marks the pair in the same
   * transaction; the requests of that recording and notifier in any later call are dropped as
   * duplicates, whatever the dedup window. So a scan resumed after its alerts were recorded and
   * before it committed records them once.
   */
  recording?: string;
}

export interface EnqueueResult {
  /** the row written or added to; null when every item was a duplicate */
  id: string | null;
  enqueued: number;
  duplicates: number;
  merged: boolean;
}

export interface OutboxPayload extends Record<string, unknown> {
  id: string;
  items: unknown[];
}

export interface ClaimedRow {
  id: string;
  notifier: string;
  dedup_key: string;
  payload: OutboxPayload;
  /** including this one */
  attempts: number;
  max_attempts: number;
  created_at: string;
  /** proves the claim in markFailed / release */
  lease_token: string;
}

export interface NotifierStats {
  pending: number;
  delivered: number;
  failed: number;
  last_error: string | null;
}

export interface OutboxStats extends Omit<NotifierStats, 'last_error'> {
  oldest_pending_at: string | null;
  by_notifier: Record<string, NotifierStats>;
}

export interface Outbox {
  readonly location: string;
  enqueue(req: EnqueueRequest, now?: Date): Promise<EnqueueResult>;
  /** several requests in one transaction (in order: later ones are deduplicated against earlier ones) */
  enqueueMany(reqs: readonly EnqueueRequest[], now?: Date): Promise<EnqueueResult[]>;
  /** leases up to `batch` due rows (of the given notifiers) for `leaseMs`; counts an attempt for each */
  claim(
    batch: number,
    leaseMs: number,
    opts?: { notifiers?: readonly string[]; now?: Date },
  ): Promise<ClaimedRow[]>;
  /** false when the row was already delivered or failed */
  markDelivered(id: string, now?: Date): Promise<boolean>;
  /**
   * Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null or
   * the row has used its attempts. 'lost' when the lease was no longer ours.
   */
  markFailed(
    id: string,
    leaseToken: string,
    error: string,
    retryAt: Date | null,
  ): Promise<'retrying' | 'failed' | 'lost'>;
  /** gives a claimed row back unattempted (its attempt is not counted), due at `at` */
  release(id: string, leaseToken: string, at: Date): Promise<void>;
  /**
   * Makes every pending, unclaimed row of a notifier wait until at least `until` (its receiver
   * is failing: they wait for the retry instead of being tried one after another). Returns how many.
   */
  postpone(notifier: string, until: Date): Promise<number>;
  /** when the next pending row (of these notifiers) is due, or null when none is pending */
  nextAttemptAt(notifiers?: readonly string[]): Promise<Date | null>;
  stats(): Promise<OutboxStats>;
  /** the rows of a notifier that failed for good since `since`, newest first */
  failures(
    since: Date,
  ): Promise<{ id: string; notifier: string; attempts: number; last_error: string | null }[]>;
  /**
   * Releases the leases held by processes of this host that are gone (killed, crashed), so
   * their rows are sent now instead of when the lease runs out; returns how many rows.
   */
  releaseDeadLeases(): Promise<number>;
  /**
   * deletes delivered and failed rows created before `before`, and the marks of recordings made
   * before it; returns how many rows
   */
  prune(before: Date): Promise<number>;
  close(): Promise<void>;
}

/** Who holds a lease: this host and process, so a lease left by a dead process can be told apart. */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for a lease owner that is a process of this host that is gone (killed, crashed). */
export function deadLocalOwner(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const pid = Number(owner.slice(at + 1));
  return owner.slice(0, at) === hostname() && Number.isInteger(pid) && !processAlive(pid);
}

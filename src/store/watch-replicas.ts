/*
 * What `cloudward watch` replicas share in PostgreSQL (migration 8): leases (the leader's, and
 * one per log source), the log sources' checkpoints, and the record of each scheduled run.
 * Expiries are on the database server's clock (clock_timestamp()), so the replicas' clocks need
 * not agree. Only a store many machines share has it (PostgreSQL): undefined on SQLite.
 */

/** A lease as its holder sees it: `term` grows each time the lease changes hands. */
export interface HeldLease {
  name: string;
  token: string;
  term: number;
}

export interface LeaseRow {
  name: string;
  holder: string;
  term: number;
  /** false once the expiry has passed (on the server's clock) */
  live: boolean;
}

/** A write fenced by a lease found the lease gone: another replica holds it now. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface WatchReplicaStore {
  /**
   * Takes the lease `name` for `leaseMs` when it is free or expired, or renews it when `token`
   * holds it. Returns the lease, or null when another holder's lease is still running.
   */
  acquireLease(name: string, holder: string, token: string, leaseMs: number): Promise<HeldLease | null>;
  /** gives the lease up at once (a clean stop), if `token` still holds it */
  releaseLease(name: string, token: string): Promise<void>;
  /** every lease, for status and tests */
  leases(): Promise<LeaseRow[]>;
  /** a log source's checkpoint value under `key` */
  getCheckpoint(source: string, key: string): Promise<string | undefined>;
  /**
   * Saves a checkpoint value, only while `lease` is held and unexpired (in the same transaction,
   * holding the lease row): a replica that lost the source cannot move its checkpoint.
   * Throws LeaseLostError otherwise.
   */
  setCheckpoint(source: string, key: string, value: string, lease: HeldLease, holder: string): Promise<void>;
  /**
   * Claims the run of an audit's schedule at `tick`, only while `lease` (the leader's) is held:
   * true when no replica claimed it, or when a leader of an earlier term claimed it and did not
   * finish it (killed mid-scan) or failed it: the new leader runs that tick again. A run taken
   * over unfinished keeps the scan id its leader noted (runScan), so its scan can be resumed.
   */
  claimRun(auditKey: string, tick: string, lease: HeldLease, holder: string): Promise<boolean>;
  /**
   * Notes the scan a claimed run started (a distributed scan, before it is created), only while
   * `lease` is held: a leader that takes the tick over finds it with runScan and resumes it.
   * Throws LeaseLostError otherwise.
   */
  noteRunScan(auditKey: string, tick: string, lease: HeldLease, scanId: string): Promise<void>;
  /** the scan noted for a run (noteRunScan or finishRun), or null */
  runScan(auditKey: string, tick: string): Promise<string | null>;
  /** marks a claimed run done (its scan committed, or failed for good) */
  finishRun(
    auditKey: string,
    tick: string,
    token: string,
    outcome: 'done' | 'failed',
    scanId?: string,
  ): Promise<void>;
}

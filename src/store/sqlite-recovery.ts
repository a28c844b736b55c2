import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * A running scan whose writer has not written for this long is abandoned even if a process
 * with its pid is alive (the pid may have been reused) or it ran on another host.
 */
export const STALE_WRITER_MS = 12 * 60 * 60 * 1000;

/** Scans being written by this thread: `${location}\0${token}`. */
const liveWriters = new Set<string>();

export interface WriterIdentity {
  host: string;
  pid: number;
  thread: number;
}

export function thisWriter(): WriterIdentity {
  return { host: hostname(), pid: process.pid, thread: threadId };
}

export function registerWriter(location: string, token: string): void {
  liveWriters.add(`${location}\0${token}`);
}

export function unregisterWriter(location: string, token: string): void {
  liveWriters.delete(`${location}\0${token}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RunningScanRow {
  id: string;
  writer_token: string | null;
  writer_host: string | null;
  writer_pid: number | null;
  writer_thread: number | null;
  heartbeat_ms: number | null;
}

/** True when no live writer can still be writing this scan. */
export function isAbandoned(
  row: RunningScanRow,
  location: string,
  nowMs: number,
  me = thisWriter(),
): boolean {
  if (row.writer_token === null || row.writer_pid === null || row.heartbeat_ms === null) return true;
  if (row.writer_host === me.host && row.writer_pid === me.pid) {
    // our own process: only this thread's registry is known; other worker threads may be alive
    return row.writer_thread === me.thread ? !liveWriters.has(`${location}\0${row.writer_token}`) : false;
  }
  if (nowMs - row.heartbeat_ms > STALE_WRITER_MS) return true;
  if (row.writer_host !== me.host) return false;
  return !processAlive(row.writer_pid);
}

/** Deletes the resources and results of a scan that will never be committed. */
export function dropScanRows(db: Database.Database, scanId: string): void {
  db.prepare('DELETE FROM resources WHERE scan_id = ?').run(scanId);
  db.prepare('DELETE FROM results WHERE scan_id = ?').run(scanId);
}

/**
 * Scans left 'running' by a process that died (a crash, SIGKILL, power loss) are marked
 * 'aborted' and their partial rows deleted, in one transaction. Returns their ids.
 */
export function recoverAbandonedScans(
  db: Database.Database,
  location: string,
  nowMs = Date.now(),
  /** called before the first write, when there is one to make */
  beforeWrite?: () => void,
): string[] {
  const recover = db.transaction((): string[] => {
    const running = db
      .prepare(
        `SELECT id, writer_token, writer_host, writer_pid, writer_thread, heartbeat_ms
           FROM scans WHERE status = 'running'`,
      )
      .all() as RunningScanRow[];
    const abandoned = running.filter((row) => isAbandoned(row, location, nowMs));
    if (abandoned.length > 0) beforeWrite?.();
    const mark = db.prepare(
      `UPDATE scans SET status = 'aborted', finished_at = ?, writer_token = NULL
        WHERE id = ? AND status = 'running'`,
    );
    for (const row of abandoned) {
      dropScanRows(db, row.id);
      mark.run(new Date(nowMs).toISOString(), row.id);
    }
    return abandoned.map((r) => r.id);
  });
  return recover.immediate();
}

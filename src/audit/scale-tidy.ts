import { Queue } from 'bullmq';
import type { QueueConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import { connectRedis } from '../queue/redis.js';
import type { AbandonOutcome, ScaleOutStore } from '../store/scale-out.js';
import { jobId, SCAN_QUEUE, type ScaleJob } from './scale-plan.js';

/*
 * Giving a distributed scan up (it failed for good, a new scan replaced it, or an operator
 * cleared it): the store marks it abandoned first, which fences every worker (a unit not
 * started is not run, one running writes nothing, an evaluation is not stored), then its jobs
 * still waiting in the queue are removed, so no worker takes them only to drop them.
 */

/** The job states a worker has not taken yet. */
const NOT_TAKEN = ['waiting', 'delayed', 'prioritized', 'paused'] as const;
const PAGE = 1000;

/** Removes the scan's jobs no worker has taken yet; returns how many were removed. */
export async function removeQueuedJobs(queue: Queue<ScaleJob>, scanId: string): Promise<number> {
  const prefix = `${jobId(scanId)}.`;
  const ids: string[] = [];
  // every id first: removing while paging would shift the pages
  for (const type of NOT_TAKEN) {
    for (let start = 0; ; start += PAGE) {
      const page = await queue.getRanges([type], start, start + PAGE - 1, true);
      ids.push(...page.filter((id) => id.startsWith(prefix)));
      if (page.length < PAGE) break;
    }
  }
  let removed = 0;
  // a job taken meanwhile is locked and stays: its worker finds the scan abandoned
  for (const id of new Set(ids)) removed += await queue.remove(id);
  return removed;
}

export interface AbandonResult {
  outcome: AbandonOutcome;
  /** jobs removed from the queue */
  removed: number;
}

/** Abandons the scan in the store, then removes its jobs from the queue (through `queue`). */
export async function abandonScan(
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  scanId: string,
  reason: string,
  committer = false,
): Promise<AbandonResult> {
  const outcome = await scale.abandonScan(scanId, reason, committer);
  const removed = outcome === 'abandoned' ? await removeQueuedJobs(queue, scanId) : 0;
  return { outcome, removed };
}

/** abandonScan with a connection of its own to the queue's Redis. */
export async function abandonScanOn(
  scale: ScaleOutStore,
  queueConfig: QueueConfig,
  scanId: string,
  reason: string,
): Promise<AbandonResult> {
  const outcome = await scale.abandonScan(scanId, reason);
  if (outcome !== 'abandoned') return { outcome, removed: 0 };
  const redis = await connectRedis(queueConfig);
  const queue = new Queue<ScaleJob>(SCAN_QUEUE, { connection: redis, prefix: queueConfig.prefix });
  try {
    return { outcome, removed: await removeQueuedJobs(queue, scanId) };
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** Logs what abandoning a scan did, once it was abandoned now. */
export function logAbandoned(logger: Logger, scanId: string, r: AbandonResult, reason: string): void {
  if (r.outcome !== 'abandoned') return;
  logger.warn(
    `scan ${scanId}: abandoned (${reason}); ${r.removed} queued job${r.removed === 1 ? '' : 's'} removed, its units no longer run`,
  );
}

import { Queue } from 'bullmq';
import type { ProviderConfig, QueueConfig } from '../config/schema.js';
import { factsNeeded } from '../core/check.js';
import {
  commitScan,
  type EvaluatedAccount,
  emptySummary,
  type ScanReport,
  ScanTally,
} from '../core/engine.js';
import { newRunId } from '../core/ids.js';
import type { Provider, UnitScope } from '../core/provider.js';
import type { ScanWriter } from '../core/scan-store.js';
import { isFirstFullScan } from '../notify/baseline.js';
import { configMutePredicate } from '../notify/mutes.js';
import { connectRedis } from '../queue/redis.js';
import type { PlannedUnitRow, ScaleOutStore } from '../store/scale-out.js';
import type { CheckSelection } from './resolve.js';
import type { AuditRunOptions } from './runner.js';
import {
  asUnitProvider,
  jobId,
  providerConfigHash,
  SCAN_QUEUE,
  type ScaleJob,
  type ScalePlan,
} from './scale-plan.js';
import { abandonScan, logAbandoned } from './scale-tidy.js';

export interface DistributedScanOptions extends AuditRunOptions {
  queue: QueueConfig;
  /** the audit's providers, by their config names (workers build them from their own config) */
  providers: { name: string; config: ProviderConfig; provider: Provider }[];
  selection: CheckSelection;
  label?: string | null;
  onProgress?: (done: number, total: number, what: string) => void;
  /** how often progress is read (default 250 ms) */
  pollMs?: number;
  /**
   * Resume this scan (its starting process died or lost Redis or PostgreSQL): queue again the
   * units not written yet and the evaluations not done, follow, commit. The audit, its checks and
   * providers must be those of the scan.
   */
  resume?: string;
  /**
   * Called with a new scan's id before anything of the scan is stored or queued: a caller that
   * may have to resume the scan after a crash keeps the id first (a rejection stops the scan).
   */
  beforeCreate?: (scanId: string) => Promise<void>;
  /** Stops following the scan (the units already queued stay, the scan can be resumed): it rejects. */
  signal?: AbortSignal;
  /**
   * A scan that fails after it was recorded is abandoned whatever the failure (its queued jobs
   * removed), not left to be resumed: for a caller that never resumes a failed run (watch). A
   * stop through `signal` is not a failure. Without it only the failures a resume cannot get
   * past abandon the scan.
   */
  abandonOnFailure?: boolean;
}

/** A scan that cannot be resumed: unknown, committed, of another audit, or planned otherwise now. */
export class ScanNotResumableError extends Error {
  override name = 'ScanNotResumableError';
}

/**
 * The scan cannot finish, resumed or not (a unit or an account's evaluation failed for good, or
 * the scan was abandoned elsewhere): its units are not worth running any more.
 */
export class ScanGivenUpError extends Error {
  override name = 'ScanGivenUpError';
}

/** How to pick a scan up again, for messages of a scan that stopped after it was recorded. */
export function resumeHint(auditKey: string, scanId: string): string {
  return `resume it with \`cloudward scan --audit ${auditKey} --distributed --resume ${scanId}\``;
}

const JOB_OPTS = {
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * `scan --distributed`: plans the scan's units, queues them for the workers, follows them, and
 * commits the scan itself once every account is evaluated: the accounts' evaluations are folded
 * in the order a one-process scan evaluates them, through the same code, so the scan is the same.
 */
export async function distributedScanAudit(o: DistributedScanOptions): Promise<ScanReport> {
  const scale = o.store.scaleOut;
  if (!scale) {
    throw new Error(
      `scan --distributed: audits.${o.audit.key} uses the store ${o.store.location}, which is not PostgreSQL: workers share a PostgreSQL store`,
    );
  }
  const redis = await connectRedis(o.queue);
  const queue = new Queue<ScaleJob>(SCAN_QUEUE, { connection: redis, prefix: o.queue.prefix });
  try {
    const collect = {
      types: new Set(o.audit.checks.flatMap((c) => c.uses)),
      facts: factsNeeded(o.audit.checks),
    };
    const units: { providerOrd: number; unit: UnitScope }[] = [];
    for (const [providerOrd, p] of o.providers.entries()) {
      for (const unit of await asUnitProvider(p.provider).planUnits(collect))
        units.push({ providerOrd, unit });
    }
    let scanId: string;
    let started: Date;
    let queued = units.map((u, index) => ({ ...u, index }));
    if (o.resume) {
      const plan = await resumable(o, scale, o.resume);
      scanId = plan.scanId;
      started = new Date(plan.startedAt);
      const planned = await scale.plannedUnitKeys(scanId);
      const missing = [...planned].filter((k) => !units.some((u) => u.unit.key === k));
      if (missing.length > 0 || planned.size !== units.length) {
        throw new ScanNotResumableError(
          `scan ${scanId} cannot be resumed: its units are no longer those the providers plan (${missing.length > 0 ? `${missing.slice(0, 3).join(', ')} no longer planned` : `${units.length} planned now, ${planned.size} then`}): start a new scan`,
        );
      }
      const done = await scale.doneUnits(scanId);
      queued = queued.filter((u) => !done.has(u.unit.key));
      o.logger.info(
        `scan ${scanId}: resumed, ${done.size} of ${units.length} units written, ${queued.length} queued again`,
      );
    } else {
      started = (o.now ?? (() => new Date()))();
      scanId = newRunId(started);
      await o.beforeCreate?.(scanId);
      const plan: ScalePlan = {
        scanId,
        auditKey: o.audit.key,
        startedAt: started.toISOString(),
        selection: o.selection,
        checkIds: o.audit.checks.map((c) => c.id),
        providers: o.providers.map((p) => ({ name: p.name, configHash: providerConfigHash(p.config) })),
      };
      const rows: PlannedUnitRow[] = units.map(({ providerOrd, unit }) => ({
        key: unit.key,
        provider_ord: providerOrd,
        account: unit.account,
        region: unit.region,
      }));
      await scale.createScan(scanId, o.audit.key, plan, rows);
      o.logger.info(`scan ${scanId}: ${units.length} units queued for the workers`);
    }
    const baseline = o.alerts ? await isFirstFullScan(o.store, o.audit.key) : false;
    const previous = await o.store.findingLives(o.audit.key);
    const mutes = await o.store.activeMutes(started);
    try {
      // a unit's job id is its place in the plan: queued again on resume, a job still known to the queue is not doubled
      for (let i = 0; i < queued.length; i += 500) {
        await queue.addBulk(
          queued.slice(i, i + 500).map(({ providerOrd, unit, index }) => ({
            name: 'unit',
            data: { kind: 'unit' as const, scanId, providerOrd, unit },
            opts: { jobId: jobId(scanId, 'u', index), attempts: o.queue.attempts, ...JOB_OPTS },
          })),
        );
      }
      if (o.resume) await queueReadyEvaluations(o, scale, queue, scanId, units);
      await follow(o, scanId, queue);
      if (!(await scale.beginCommit(scanId))) {
        const rec = await scale.scanRecord(scanId);
        throw new ScanGivenUpError(
          `scan ${scanId}: abandoned before its commit: ${rec?.abandoned ?? 'unknown reason'}`,
        );
      }
    } catch (e) {
      if (e instanceof Error) await failed(o, scale, queue, scanId, e);
      throw e;
    }

    const report = await commitDistributed(o, scale, scanId, started, baseline, previous, mutes).catch(
      async (e: unknown) => {
        if (e instanceof Error) await commitFailed(o, scale, queue, scanId, e);
        throw e;
      },
    );
    await scale.finishScan(scanId);
    await o.alerts?.deliver();
    return report;
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** Reads the accounts' evaluations back in order and commits the scan (its row, alerts, states). */
async function commitDistributed(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  scanId: string,
  started: Date,
  baseline: boolean,
  previous: Awaited<ReturnType<DistributedScanOptions['store']['findingLives']>>,
  mutes: Awaited<ReturnType<DistributedScanOptions['store']['activeMutes']>>,
): Promise<ScanReport> {
  const summary = emptySummary(scanId, o.audit.key, o.label ?? null, started.toISOString());
  const writer = await beginScanRow(o, summary);
  const tally = new ScanTally(summary);
  try {
    for await (const e of scale.evaluations(scanId)) {
      await tally.addAccount(writer, e.evaluation as EvaluatedAccount, o.logger);
    }
    // a provider that cannot split has no account to hold its unit's failure: the scan names it
    for (const u of await scale.failedUnits(scanId)) {
      if (u.account !== '*') continue;
      const p = o.providers[u.provider_ord];
      summary.errors.push({
        cloud: p?.config.type ?? 'unknown',
        account: '*',
        region: u.region,
        source: p?.name ?? `provider ${u.provider_ord}`,
        message: u.error,
      });
    }
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
  const configMute = configMutePredicate(o.mutes, started);
  return commitScan(
    {
      auditKey: o.audit.key,
      ...(configMute ? { configMute } : {}),
      ...(o.alerts
        ? {
            beforeCommit: (findings, id) =>
              (o.alerts as NonNullable<typeof o.alerts>).record(findings, baseline, id),
          }
        : {}),
    },
    writer,
    tally,
    { previous, mutes },
  );
}

/**
 * A commit that failed, for a caller that never resumes a failed run: the committer gives its
 * scan up, unless the scan's row committed (only the tidying after it failed).
 */
async function commitFailed(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  scanId: string,
  e: Error,
): Promise<void> {
  if (!o.abandonOnFailure || o.signal?.aborted) return;
  await tryAbandon(o, scale, queue, scanId, `its commit failed: ${e.message}`, true);
}

/**
 * A scan that stopped before its commit: abandoned when it cannot finish (or the caller never
 * resumes), and the error says so; otherwise the error says how to resume it.
 */
async function failed(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  scanId: string,
  e: Error,
): Promise<void> {
  const stopped = o.signal?.aborted === true;
  if (!(e instanceof ScanGivenUpError) && (stopped || !o.abandonOnFailure)) {
    e.message += `; ${resumeHint(o.audit.key, scanId)}`;
    return;
  }
  const reason = e.message.replace(new RegExp(`^scan ${scanId}: `), '');
  if (await tryAbandon(o, scale, queue, scanId, reason)) {
    e.message += '; the scan is abandoned (its waiting units were removed from the queue)';
  }
}

/**
 * Gives the scan up and logs what that did; true when it was abandoned now. The committer keeps
 * its scan when the scan's row committed (only the tidying after it failed). A failure to abandon
 * is only warned of: the error the caller reports is the scan's own.
 */
async function tryAbandon(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  scanId: string,
  reason: string,
  committer = false,
): Promise<boolean> {
  try {
    if (committer && (await o.store.getScan(scanId))) return false;
    const r = await abandonScan(scale, queue, scanId, reason, committer);
    logAbandoned(o.logger, scanId, r, reason);
    return r.outcome === 'abandoned';
  } catch (x) {
    o.logger.warn(`scan ${scanId}: could not be abandoned: ${(x as Error).message}`);
    return false;
  }
}

/** The plan of a scan that can be resumed by this audit, or an error saying why not. */
async function resumable(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  scanId: string,
): Promise<ScalePlan> {
  const rec = await scale.scanRecord(scanId);
  if (!rec) {
    throw new ScanNotResumableError(`--resume ${scanId}: no such scan in the store ${o.store.location}`);
  }
  if (rec.abandoned !== null) {
    throw new ScanNotResumableError(
      `--resume ${scanId}: the scan was abandoned (${rec.abandoned}): start a new scan`,
    );
  }
  if (rec.finished) throw new ScanNotResumableError(`--resume ${scanId}: the scan is committed already`);
  if (await o.store.getScan(scanId)) {
    // its committer died after the commit, before it cleared the units: cleared now
    await scale.finishScan(scanId);
    throw new ScanNotResumableError(`--resume ${scanId}: the scan is committed already`);
  }
  if (rec.auditKey !== o.audit.key) {
    throw new ScanNotResumableError(
      `--resume ${scanId}: the scan is of audit ${rec.auditKey}, not ${o.audit.key}`,
    );
  }
  const plan = rec.plan as ScalePlan;
  const ids = o.audit.checks.map((c) => c.id);
  if (ids.join(',') !== plan.checkIds.join(',')) {
    throw new ScanNotResumableError(
      `--resume ${scanId}: the config selects ${ids.length} checks for audit ${o.audit.key}, the scan ${plan.checkIds.length}: resume with the config of the scan`,
    );
  }
  const hashes = o.providers.map((p) => `${p.name}:${providerConfigHash(p.config)}`).join(',');
  if (hashes !== plan.providers.map((p) => `${p.name}:${p.configHash}`).join(',')) {
    throw new ScanNotResumableError(
      `--resume ${scanId}: the audit's providers differ from those of the scan: resume with the config of the scan`,
    );
  }
  return plan;
}

/**
 * On resume: the accounts whose units are all written may have lost their evaluation job with
 * the process that should have queued it; queued again under the same job id, so never twice.
 */
async function queueReadyEvaluations(
  o: DistributedScanOptions,
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  scanId: string,
  units: { providerOrd: number; unit: UnitScope }[],
): Promise<void> {
  for (const providerOrd of o.providers.keys()) {
    const accounts = [
      ...new Set(
        units
          .filter((u) => u.providerOrd === providerOrd && u.unit.account !== '*')
          .map((u) => u.unit.account),
      ),
    ];
    const ready = await scale.accountsReady(scanId, providerOrd, accounts);
    for (let i = 0; i < ready.length; i += 500) {
      await queue.addBulk(
        ready.slice(i, i + 500).map((account) => ({
          name: 'account',
          data: { kind: 'account' as const, scanId, providerOrd, account },
          opts: { jobId: jobId(scanId, 'a', providerOrd, account), attempts: 3, ...JOB_OPTS },
        })),
      );
    }
  }
}

/**
 * How long a resumed scan waits for the row of a committer that died mid-commit: the store's scan
 * lease (5 minutes, renewed while its writer lives) and a margin. The store then aborts that row
 * with what it wrote, and its old writer, were it only paused, is fenced out by the lease token.
 */
const HELD_ROW_WAIT_MS = 6 * 60_000;
const HELD_ROW_POLL_MS = 2_000;

/**
 * The scan's row in the store. A resumed scan whose committer died while writing it (tallying,
 * recording alerts, committing) finds the row still held by the dead writer's lease: it waits for
 * the lease to run out and takes the same id over, so what was recorded under the id (its alerts)
 * is not recorded twice.
 */
async function beginScanRow(
  o: DistributedScanOptions,
  summary: ReturnType<typeof emptySummary>,
): Promise<ScanWriter> {
  const deadline = Date.now() + HELD_ROW_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      return await o.store.beginScan(summary);
    } catch (e) {
      const held = o.resume !== undefined && /already exists/.test((e as Error).message);
      if (!held || Date.now() > deadline || o.signal?.aborted) throw e;
      if (!told) {
        told = true;
        o.logger.warn(
          `scan ${summary.id}: its row is still held by a committer that stopped mid-commit; taking it over when that writer's lease runs out (at most ${HELD_ROW_WAIT_MS / 60_000} minutes)`,
        );
      }
      await pause(HELD_ROW_POLL_MS, o.signal);
    }
  }
}

/** Waits until every unit is written and every account evaluated; throws when an account's evaluation failed for good. */
async function follow(o: DistributedScanOptions, scanId: string, queue: Queue<ScaleJob>): Promise<void> {
  const scale = o.store.scaleOut;
  if (!scale) return;
  let warnedNoWorker = false;
  let lastTick = 0;
  const signal = o.signal;
  for (;;) {
    if (signal?.aborted) throw new Error(`scan ${scanId}: no longer followed (stopped)`);
    const p = await scale.progress(scanId);
    o.onProgress?.(
      p.units.done + p.accounts.evaluated,
      p.units.total + Math.max(p.accounts.seen, p.accounts.evaluated),
      `${p.units.done}/${p.units.total} units, ${p.accounts.evaluated}/${p.accounts.seen} accounts evaluated`,
    );
    if (p.abandoned !== null) throw new ScanGivenUpError(`scan ${scanId}: abandoned: ${p.abandoned}`);
    const [failed] = p.accounts.failed;
    if (failed) {
      throw new ScanGivenUpError(
        `scan ${scanId}: the evaluation of account ${failed.account} failed: ${failed.failure}`,
      );
    }
    if (p.units.done === p.units.total && p.accounts.evaluated >= p.accounts.seen) return;
    const now = Date.now();
    if (now - lastTick > 5000) {
      lastTick = now;
      // a unit job failed for good without writing its unit (a worker refused the scan): the scan cannot finish
      const refused = (await queue.getFailed(0, 200).catch(() => [])).find(
        (j) => j?.data.kind === 'unit' && j.data.scanId === scanId,
      );
      if (refused?.data.kind === 'unit') {
        throw new ScanGivenUpError(
          `scan ${scanId}: unit ${refused.data.unit.key} failed on a worker: ${refused.failedReason}`,
        );
      }
      const workers = await queue.getWorkersCount().catch(() => -1);
      if (workers === 0 && !warnedNoWorker) {
        warnedNoWorker = true;
        o.logger.warn(
          `scan ${scanId}: no worker is connected to the queue: start \`cloudward worker --config ...\``,
        );
      }
    }
    await pause(o.pollMs ?? 250, signal);
  }
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

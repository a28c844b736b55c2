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
import { isFirstFullScan } from '../notify/baseline.js';
import { configMutePredicate } from '../notify/mutes.js';
import { connectRedis } from '../queue/redis.js';
import type { PlannedUnitRow } from '../store/scale-out.js';
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

export interface DistributedScanOptions extends AuditRunOptions {
  queue: QueueConfig;
  /** the audit's providers, by their config names (workers build them from their own config) */
  providers: { name: string; config: ProviderConfig; provider: Provider }[];
  selection: CheckSelection;
  label?: string | null;
  onProgress?: (done: number, total: number, what: string) => void;
  /** how often progress is read (default 250 ms) */
  pollMs?: number;
}

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
    const started = (o.now ?? (() => new Date()))();
    const scanId = newRunId(started);
    const baseline = o.alerts ? await isFirstFullScan(o.store, o.audit.key) : false;
    const previous = await o.store.findingLives(o.audit.key);
    const mutes = await o.store.activeMutes(started);
    const types = new Set(o.audit.checks.flatMap((c) => c.uses));
    const collect = { types, facts: factsNeeded(o.audit.checks) };

    const rows: PlannedUnitRow[] = [];
    const units: { providerOrd: number; unit: UnitScope }[] = [];
    for (const [providerOrd, p] of o.providers.entries()) {
      for (const unit of await asUnitProvider(p.provider).planUnits(collect)) {
        rows.push({ key: unit.key, provider_ord: providerOrd, account: unit.account, region: unit.region });
        units.push({ providerOrd, unit });
      }
    }
    const plan: ScalePlan = {
      scanId,
      auditKey: o.audit.key,
      startedAt: started.toISOString(),
      selection: o.selection,
      checkIds: o.audit.checks.map((c) => c.id),
      providers: o.providers.map((p) => ({ name: p.name, configHash: providerConfigHash(p.config) })),
    };
    await scale.createScan(scanId, o.audit.key, plan, rows);
    o.logger.info(`scan ${scanId}: ${units.length} units queued for the workers`);
    for (let i = 0; i < units.length; i += 500) {
      await queue.addBulk(
        units.slice(i, i + 500).map(({ providerOrd, unit }, k) => ({
          name: 'unit',
          data: { kind: 'unit' as const, scanId, providerOrd, unit },
          opts: {
            jobId: jobId(scanId, 'u', i + k),
            attempts: o.queue.attempts,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
    }

    await follow(o, scanId, queue);

    const summary = emptySummary(scanId, o.audit.key, o.label ?? null, started.toISOString());
    const writer = await o.store.beginScan(summary);
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
    const report = await commitScan(
      {
        auditKey: o.audit.key,
        ...(configMute ? { configMute } : {}),
        ...(o.alerts
          ? {
              beforeCommit: (findings) =>
                (o.alerts as NonNullable<typeof o.alerts>).record(findings, baseline),
            }
          : {}),
      },
      writer,
      tally,
      { previous, mutes },
    );
    await scale.finishScan(scanId);
    await o.alerts?.deliver();
    return report;
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** Waits until every unit is written and every account evaluated; throws when an account's evaluation failed for good. */
async function follow(o: DistributedScanOptions, scanId: string, queue: Queue<ScaleJob>): Promise<void> {
  const scale = o.store.scaleOut;
  if (!scale) return;
  let warnedNoWorker = false;
  let lastTick = 0;
  for (;;) {
    const p = await scale.progress(scanId);
    o.onProgress?.(
      p.units.done + p.accounts.evaluated,
      p.units.total + Math.max(p.accounts.seen, p.accounts.evaluated),
      `${p.units.done}/${p.units.total} units, ${p.accounts.evaluated}/${p.accounts.seen} accounts evaluated`,
    );
    const [failed] = p.accounts.failed;
    if (failed) {
      throw new Error(
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
        throw new Error(
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
    await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
  }
}

import { hostname } from 'node:os';
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Config, QueueConfig } from '../config/schema.js';
import { factsNeeded } from '../core/check.js';
import { type EvaluatedAccount, evaluateAccount } from '../core/engine.js';
import type { FindingContext } from '../core/evaluate.js';
import type { Logger } from '../core/logger.js';
import type { CollectOptions, UnitProvider } from '../core/provider.js';
import { loadFrameworks } from '../frameworks/framework.js';
import { createProvider } from '../providers/factory.js';
import { CredentialCache } from '../providers/kit/credential-cache.js';
import { NORMALISERS_REGISTRY } from '../providers/normalisers.js';
import { connectRedis } from '../queue/redis.js';
import { RedisSharedBudget, runWithUnitBudget, type UnitBudgetState } from '../queue/shared-budget.js';
import type { WorkerMetrics } from '../queue/worker-metrics.js';
import type { ScaleOutStore } from '../store/scale-out.js';
import type { Store } from '../store/store.js';
import { type ResolvedAudit, resolveAudit } from './resolve.js';
import {
  type AccountJob,
  asUnitProvider,
  jobId,
  providerConfigHash,
  SCAN_QUEUE,
  type ScaleJob,
  type ScalePlan,
  type UnitJob,
} from './scale-plan.js';

/*
 * A scale-out worker (`cloudward worker`): takes units from the queue, collects them and writes
 * their raw collections to PostgreSQL (once per unit, whoever runs it), and evaluates each
 * account once all its units are written. The process that started the scan commits it.
 */

interface ScanContext {
  plan: ScalePlan;
  audit: ResolvedAudit;
  providers: UnitProvider[];
  collect: CollectOptions;
  findingContext: FindingContext;
}

export interface ScaleWorkerOptions {
  config: Config;
  queue: QueueConfig;
  store: Store;
  logger: Logger;
  /** units run at once (default: the queue's concurrency) */
  concurrency?: number;
  /** counts what the worker runs (Prometheus) */
  metrics?: WorkerMetrics;
}

export interface ScaleWorker {
  readonly id: string;
  /** the queue's Redis connection is up */
  connected(): boolean;
  close(): Promise<void>;
}

/** The attempts of a job: the queue's `attempts`, or what the job was added with. */
function lastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

export async function startScaleWorker(o: ScaleWorkerOptions): Promise<ScaleWorker> {
  const scale = o.store.scaleOut;
  if (!scale) {
    throw new Error(
      `worker: the store ${o.store.location} is not PostgreSQL: workers on several machines share a PostgreSQL store`,
    );
  }
  const redis = await connectRedis(o.queue);
  const blocking = await connectRedis(o.queue, { blocking: true });
  const m = o.metrics;
  const budget = new RedisSharedBudget(redis, {
    prefix: o.queue.prefix,
    ...(m
      ? {
          onTake: () => m.budgetTokens.inc(),
          onWait: (_bucket: string, ms: number) => m.budgetWaitSeconds.inc(ms / 1000),
        }
      : {}),
  });
  // each scan gets its own providers; the roles they assume are kept for all of them
  const credentialCache = new CredentialCache();
  const id = `${hostname()}:${process.pid}`;
  const queue = new Queue<ScaleJob>(SCAN_QUEUE, { connection: redis, prefix: o.queue.prefix });
  const frameworks = loadFrameworks();
  const scans = new Map<string, Promise<ScanContext>>();

  const contextOf = (scanId: string): Promise<ScanContext> => {
    let c = scans.get(scanId);
    if (!c) {
      c = openScan(scanId);
      c.catch(() => scans.delete(scanId));
      scans.set(scanId, c);
      // a worker keeps the few scans it serves; the oldest are forgotten
      if (scans.size > 8) scans.delete(scans.keys().next().value as string);
    }
    return c;
  };

  const openScan = async (scanId: string): Promise<ScanContext> => {
    const plan = (await scale.plan(scanId)) as ScalePlan | null;
    if (!plan) throw new UnrecoverableError(`scan ${scanId} is not in the store ${o.store.location}`);
    const audit = resolveAudit(plan.auditKey, o.config, frameworks, plan.selection);
    const ids = audit.checks.map((c) => c.id);
    if (ids.join(',') !== plan.checkIds.join(',')) {
      throw new UnrecoverableError(
        `worker ${id}: its config selects ${ids.length} checks for audit ${plan.auditKey}, the scan ${plan.checkIds.length}: workers must run with the config of the scan`,
      );
    }
    const providers: UnitProvider[] = [];
    for (const p of plan.providers) {
      const pc = o.config.providers[p.name];
      if (!pc || providerConfigHash(pc) !== p.configHash) {
        throw new UnrecoverableError(
          `worker ${id}: providers.${p.name} ${pc ? 'differs from' : 'is missing from'} the config of scan ${scanId}: workers must run with the config of the scan`,
        );
      }
      providers.push(
        asUnitProvider(await createProvider(p.name, pc, o.logger, { sharedBudget: budget, credentialCache })),
      );
    }
    const types = new Set(audit.checks.flatMap((c) => c.uses));
    return {
      plan,
      audit,
      providers,
      collect: { types, facts: factsNeeded(audit.checks) },
      findingContext: {
        auditKey: plan.auditKey,
        auditVersion: scanId,
        now: plan.startedAt,
        compliance: audit.compliance,
      },
    };
  };

  const runUnit = async (job: Job<ScaleJob>, data: UnitJob, token: string | undefined) => {
    const ctx = await contextOf(data.scanId);
    const provider = ctx.providers[data.providerOrd];
    if (!provider) throw new UnrecoverableError(`scan ${data.scanId} has no provider ${data.providerOrd}`);
    const start = await scale.startUnit(data.scanId, data.unit.key, id);
    if (start === 'abandoned') {
      await dropAbandoned(data.scanId, `unit ${data.unit.key} not run`);
      return;
    }
    if (start === 'done') {
      // written already (by this unit's earlier run, killed before it queued the evaluations)
      await queueReadyAccounts(scale, queue, data, data.unit.account === '*' ? [] : [data.unit.account]);
      m?.units.inc({ outcome: 'repeat' });
      return;
    }
    m?.running.inc();
    const timer = m?.unitSeconds.startTimer();
    try {
      await collectAndWrite(job, data, token, ctx, provider);
    } finally {
      m?.running.dec();
      timer?.();
    }
  };

  const collectAndWrite = async (
    job: Job<ScaleJob>,
    data: UnitJob,
    token: string | undefined,
    ctx: ScanContext,
    provider: UnitProvider,
  ) => {
    const state: UnitBudgetState = {};
    let parts: Awaited<ReturnType<UnitProvider['collectUnit']>>;
    let error: string | undefined;
    try {
      parts = await runWithUnitBudget(state, () => provider.collectUnit(data.unit, ctx.collect));
    } catch (e) {
      if (!lastAttempt(job)) {
        m?.units.inc({ outcome: 'retried' });
        throw e;
      }
      error = `unit ${data.unit.key} failed after ${job.attemptsMade + 1} attempts: ${(e as Error).message}`;
      parts = provider.failedUnit(data.unit, ctx.collect, error);
    }
    if (state.exhausted && error === undefined) {
      // the scope's shared budget is spent by other units: yield the worker, come back later
      o.logger.debug('unit re-queued: request budget exhausted', { unit: data.unit.key });
      m?.units.inc({ outcome: 'requeued' });
      await job.moveToDelayed(Date.now() + Math.max(500, state.exhausted.retryAfterMs), token);
      throw new DelayedError();
    }
    const wrote = await scale.completeUnit(
      data.scanId,
      data.unit.key,
      parts.map((p) => ({ ...p, collections: p.collections })),
      id,
      error,
    );
    if (wrote === 'abandoned') {
      await dropAbandoned(data.scanId, `what unit ${data.unit.key} collected is dropped`);
      return;
    }
    m?.units.inc({ outcome: wrote === 'repeat' ? 'repeat' : error === undefined ? 'done' : 'failed' });
    await queueReadyAccounts(
      scale,
      queue,
      data,
      parts.map((p) => p.account),
    );
  };

  /** A job of a scan given up while it waited or ran: nothing of it is written; the log says why. */
  const dropAbandoned = async (scanId: string, what: string) => {
    const rec = await scale.scanRecord(scanId);
    o.logger.info(`scan ${scanId} was abandoned (${rec?.abandoned ?? 'unknown reason'}): ${what}`);
    m?.units.inc({ outcome: 'abandoned' });
  };

  const runAccount = async (job: Job<ScaleJob>, data: AccountJob) => {
    const rec = await scale.scanRecord(data.scanId);
    if (rec?.abandoned != null) {
      o.logger.info(
        `scan ${data.scanId} was abandoned (${rec.abandoned}): account ${data.account} not evaluated`,
      );
      m?.evaluations.inc({ outcome: 'abandoned' });
      return;
    }
    try {
      const ctx = await contextOf(data.scanId);
      const a = await scale.accountCollections(data.scanId, data.providerOrd, data.account);
      const cleanScopes = new Set<string>();
      const batch = {
        cloud: a.cloud,
        account: a.account,
        ...(a.account_name ? { account_name: a.account_name } : {}),
        ...(a.path ? { path: a.path } : {}),
        collections: a.collections,
      };
      const { records, outcomes, errors } = evaluateAccount(
        batch,
        {
          checks: ctx.audit.checks,
          params: ctx.audit.params,
          normalisers: NORMALISERS_REGISTRY,
          wholeAccount: true,
        },
        ctx.findingContext,
        cleanScopes,
      );
      const evaluation: EvaluatedAccount = {
        cloud: a.cloud,
        account: a.account,
        ...(a.account_name ? { account_name: a.account_name } : {}),
        ...(a.path ? { path: a.path } : {}),
        records,
        outcomes,
        errors,
        cleanScopes: [...cleanScopes],
      };
      await scale.saveEvaluation(data.scanId, data.providerOrd, data.account, a.account_ord, { evaluation });
      m?.evaluations.inc({ outcome: 'done' });
    } catch (e) {
      if (!lastAttempt(job) && !(e instanceof UnrecoverableError)) throw e;
      await scale.saveEvaluation(data.scanId, data.providerOrd, data.account, -1, {
        failure: (e as Error).message,
      });
      m?.evaluations.inc({ outcome: 'failed' });
      throw e;
    }
  };

  const worker = new Worker<ScaleJob>(
    SCAN_QUEUE,
    async (job, token) => {
      const data = job.data;
      if (data.kind === 'unit') await runUnit(job, data, token);
      else await runAccount(job, data);
    },
    {
      connection: blocking,
      prefix: o.queue.prefix,
      concurrency: o.concurrency ?? o.queue.concurrency,
      lockDuration: o.queue.stall_timeout_ms,
      stalledInterval: Math.max(500, Math.floor(o.queue.stall_timeout_ms / 2)),
      maxStalledCount: 3,
      name: `cloudward-worker-${id}`,
    },
  );
  worker.on('failed', (job, err) => {
    if (err instanceof DelayedError) return;
    o.logger.warn(`job ${job?.id ?? '?'} failed: ${err.message}`, {
      attempt: job?.attemptsMade ?? 0,
    });
  });
  worker.on('error', (err) => o.logger.warn(`worker: ${err.message}`));
  await worker.waitUntilReady();
  return {
    id,
    connected: () => redis.status === 'ready' && blocking.status === 'ready',
    async close() {
      await worker.close();
      await queue.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}

/** Queues the evaluation of the accounts whose every unit is written (once: the job id is the account's). */
async function queueReadyAccounts(
  scale: ScaleOutStore,
  queue: Queue<ScaleJob>,
  unit: UnitJob,
  touched: string[],
): Promise<void> {
  let accounts = touched;
  if (unit.unit.account === '*' && accounts.length === 0) {
    // a repeat of a provider-wide unit: its accounts are those it wrote
    return;
  }
  accounts = await scale.accountsReady(unit.scanId, unit.providerOrd, [...new Set(accounts)]);
  if (accounts.length === 0) return;
  await queue.addBulk(
    accounts.map((account) => ({
      name: 'account',
      data: { kind: 'account' as const, scanId: unit.scanId, providerOrd: unit.providerOrd, account },
      opts: {
        jobId: jobId(unit.scanId, 'a', unit.providerOrd, account),
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    })),
  );
}

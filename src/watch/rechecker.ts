import type { AnyCheck } from '../core/check.js';
import type { Logger } from '../core/logger.js';
import type { AccountBatch, Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import type { EventRecord } from '../detect/event.js';
import type { WatchedAudit } from './audits.js';
import type { WatchMetrics } from './metrics.js';
import type { RecheckReport } from './recheck.js';
import type { Recollector } from './recollect.js';
import { type ResourceTarget, targetsOf } from './resource-ids.js';

/** One recheck to run: a resource of an audit, or an audit's account-scope checks in one account. */
export type RecheckJob =
  | { kind: 'resource'; audit: WatchedAudit; target: ResourceTarget; checks: AnyCheck[] }
  | { kind: 'scope'; audit: WatchedAudit; cloud: CloudType; account: string; checks: AnyCheck[] };

export function jobKey(job: RecheckJob): string {
  return job.kind === 'resource'
    ? `${job.audit.key}|r|${job.target.type}|${job.target.account}|${job.target.region}|${job.target.id}`
    : `${job.audit.key}|s|${job.account}|${job.checks.map((c) => c.id).join(',')}`;
}

/**
 * The rechecks an event calls for, per audit: each resource the event changed, with the
 * audit's per-resource checks that read it, and the audit's account-scope checks the event can
 * change. `unresolved` counts audits whose checks care about the event but whose resource could
 * not be found in it.
 */
export function planRechecks(
  event: EventRecord,
  audits: readonly WatchedAudit[],
): { jobs: RecheckJob[]; unresolved: WatchedAudit[] } {
  const jobs: RecheckJob[] = [];
  const unresolved: WatchedAudit[] = [];
  const cloud = event.com.cloud_type;
  const targets = targetsOf(event);
  for (const audit of audits) {
    const checks = audit.index.checksFor(cloud, event.com.action);
    if (checks.length === 0) continue;
    let planned = false;
    for (const target of targets) {
      const readers = audit.index.readersOf(target.type).filter((c) => c.kind === 'resource');
      if (readers.length === 0) continue;
      jobs.push({ kind: 'resource', audit, target, checks: readers });
      planned = true;
    }
    const scope = checks.filter((c) => c.kind === 'scope');
    if (scope.length > 0 && event.com.account) {
      jobs.push({ kind: 'scope', audit, cloud, account: event.com.account, checks: scope });
      planned = true;
    }
    if (!planned) unresolved.push(audit);
  }
  return { jobs, unresolved };
}

export interface RecheckerDeps {
  recollectors: (audit: WatchedAudit) => Promise<Recollector[]>;
  /** runs the recheck (under the audit's lock) and records its alerts */
  commitResource: (
    job: Extract<RecheckJob, { kind: 'resource' }>,
    collection: Collection,
  ) => Promise<RecheckReport>;
  commitScope: (job: Extract<RecheckJob, { kind: 'scope' }>, batch: AccountBatch) => Promise<RecheckReport>;
  metrics: WatchMetrics;
  logger: Logger;
  now?: () => number;
  /** rechecks running at once (each audit's still run one at a time) */
  concurrency?: number;
}

interface Queued {
  key: string;
  job: RecheckJob;
  firstReadAt: number;
  done: Promise<void>;
  resolve: () => void;
}

/**
 * A queue of rechecks: events for a resource whose recheck has not started yet join it (the
 * recheck reads the resource as it is when it runs, which covers them all).
 */
export class Rechecker {
  private readonly queue: Queued[] = [];
  private readonly waiting = new Map<string, Queued>();
  private active = 0;
  private stopped = false;

  constructor(
    private readonly audits: readonly WatchedAudit[],
    private readonly deps: RecheckerDeps,
  ) {}

  /** Plans and queues the event's rechecks; resolves once they have ended (or undefined if none). */
  submit(event: EventRecord): Promise<void> | undefined {
    if (this.stopped) return undefined;
    const { jobs, unresolved } = planRechecks(event, this.audits);
    for (const a of unresolved) {
      this.deps.metrics.rechecks.inc({ audit: a.key, outcome: 'no_resource' });
      this.deps.logger.debug(
        `${event.com.action}: no resource id found in the event; the next scheduled scan covers it`,
        {
          audit: a.key,
          event: event.com.reference,
        },
      );
    }
    if (jobs.length === 0) return undefined;
    const now = (this.deps.now ?? Date.now)();
    const done = jobs.map((job) => {
      const key = jobKey(job);
      const hit = this.waiting.get(key);
      if (hit) return hit.done;
      let resolve!: () => void;
      const p = new Promise<void>((r) => {
        resolve = r;
      });
      const q: Queued = { key, job, firstReadAt: now, done: p, resolve };
      this.waiting.set(key, q);
      this.queue.push(q);
      return p;
    });
    this.pump();
    return Promise.all(done).then(() => undefined);
  }

  /** Queues a recheck job again (after an action changed its resource), unless one is waiting. */
  resubmit(job: RecheckJob): Promise<void> | undefined {
    if (this.stopped) return undefined;
    const key = jobKey(job);
    const hit = this.waiting.get(key);
    if (hit) return hit.done;
    let resolve!: () => void;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    const q: Queued = { key, job, firstReadAt: (this.deps.now ?? Date.now)(), done, resolve };
    this.waiting.set(key, q);
    this.queue.push(q);
    this.pump();
    return done;
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 4;
    while (this.active < limit && this.queue.length > 0) {
      const q = this.queue.shift() as Queued;
      this.waiting.delete(q.key);
      this.active += 1;
      void this.run(q).finally(() => {
        this.active -= 1;
        q.resolve();
        this.pump();
      });
    }
  }

  private async run(q: Queued): Promise<void> {
    const { job } = q;
    const audit = job.audit.key;
    try {
      const recollectors = await this.deps.recollectors(job.audit);
      if (job.kind === 'resource') {
        let got: Collection | null = null;
        for (const r of recollectors) {
          const c = await r.collectOne(job.target);
          if (!c) continue;
          if (!got || (c.items?.length ?? 0) > 0) got = c;
          if ((c.items?.length ?? 0) > 0) break;
        }
        if (!got) {
          this.deps.metrics.rechecks.inc({ audit, outcome: 'not_covered' });
          return;
        }
        if (got.error !== undefined) {
          this.deps.metrics.rechecks.inc({ audit, outcome: 'error' });
          this.deps.logger.warn(
            `recheck of ${job.target.type} ${job.target.id} (${job.target.account}/${job.target.region}) for audit ${audit} could not collect it: ${got.error}`,
          );
          return;
        }
        const report = await this.deps.commitResource(job, got);
        this.deps.metrics.rechecks.inc({ audit, outcome: (got.items?.length ?? 0) > 0 ? 'done' : 'gone' });
        this.log(job, report);
      } else {
        let batch: AccountBatch | null = null;
        for (const r of recollectors) {
          batch = await r.collectAccount(new Set(job.checks.flatMap((c) => c.uses)), job.cloud, job.account);
          if (batch) break;
        }
        if (!batch) {
          this.deps.metrics.rechecks.inc({ audit, outcome: 'not_covered' });
          return;
        }
        const report = await this.deps.commitScope(job, batch);
        this.deps.metrics.rechecks.inc({ audit, outcome: 'done' });
        this.log(job, report);
      }
      this.deps.metrics.recheckSeconds.observe(((this.deps.now ?? Date.now)() - q.firstReadAt) / 1000);
    } catch (e) {
      this.deps.metrics.rechecks.inc({ audit, outcome: 'error' });
      this.deps.logger.error(`recheck for audit ${audit} failed: ${(e as Error).message}`);
    }
  }

  private log(job: RecheckJob, report: RecheckReport): void {
    const what =
      job.kind === 'resource'
        ? `${job.target.type} ${job.target.id}`
        : `${job.checks.length} account check(s) in ${job.account}`;
    const changed = report.findings.filter((f) => f.com.state !== 'open');
    this.deps.logger.info(
      `recheck of ${what} for audit ${job.audit.key}: ${report.results.length} result(s)${changed.length ? `, ${changed.map((f) => f.com.state).join(', ')}` : ''}`,
    );
  }

  /** Queued rechecks not yet started. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Accepts no more events; resolves once what was queued has run. */
  async drain(): Promise<void> {
    this.stopped = true;
    while (this.queue.length > 0 || this.active > 0) {
      const all = [...this.queue.map((q) => q.done)];
      if (all.length === 0) await new Promise((r) => setTimeout(r, 10));
      else await Promise.all(all);
    }
  }
}

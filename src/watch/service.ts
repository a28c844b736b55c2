import { createHash } from 'node:crypto';
import { DetectionRecorder, detectEvent, detectionPipeline, statefulDetections } from '../audit/detection.js';
import { distributedScanAudit, ScanNotResumableError } from '../audit/distributed-scan.js';
import { type AuditAlerts, recheckAudit, scanAudit } from '../audit/runner.js';
import { abandonScanOn, logAbandoned } from '../audit/scale-tidy.js';
import type { Config } from '../config/schema.js';
import type { AnyCheck } from '../core/check.js';
import type { ScanReport } from '../core/engine.js';
import type { EventsCopySink } from '../core/events-copy.js';
import type { IncidentStore } from '../core/incidents.js';
import type { Logger } from '../core/logger.js';
import type { PartialScope } from '../core/partial-scope.js';
import type { Provider } from '../core/provider.js';
import type { FindingRecord } from '../core/record.js';
import type { DetectionPipeline } from '../detect/detector.js';
import type { EventRecord } from '../detect/event.js';
import { IncidentTracker } from '../detect/incidents.js';
import { FileCheckpoint } from '../detect/sources/checkpoint.js';
import type { SourceProblem } from '../detect/sources/index.js';
import type { DetectionStateStore, StatefulDetections } from '../detect/stateful/index.js';
import { loadFrameworks } from '../frameworks/framework.js';
import { enqueueAlerts } from '../notify/enqueue.js';
import { closeNotifiers, createNotifiers } from '../notify/factory.js';
import { enqueueIncidents } from '../notify/incidents.js';
import type { Notifier } from '../notify/notifier.js';
import type { SharedBudget } from '../providers/aws/limiter.js';
import { grantRemediation } from '../providers/aws/write-clients.js';
import { connectRedis } from '../queue/redis.js';
import { RedisSharedBudget } from '../queue/shared-budget.js';
import { ActionGuard } from '../respond/guard.js';
import { Remediator } from '../respond/remediator.js';
import { type ActionNotice, Responder } from '../respond/responder.js';
import { type AwsSessionSeams, sessionOpener } from '../respond/sessions.js';
import type { ActionStore } from '../store/actions.js';
import type { DetectionStore } from '../store/detections.js';
import { leaseOwner, type Outbox } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import type { HeldLease, WatchReplicaStore } from '../store/watch-replicas.js';
import {
  namedProvidersFor,
  providersFor,
  recollectorsFor,
  type WatchedAudit,
  watchedAudits,
} from './audits.js';
import type { AwsRecollectorDeps } from './aws-collect-one.js';
import { DeliveryLoop } from './delivery.js';
import { type Readiness, startHealthServer } from './health-server.js';
import { KeyedLock } from './keyed-lock.js';
import { SourceRunner, type WatchedSource, watchedSources } from './log-sources.js';
import { WatchMetrics } from './metrics.js';
import { isPartialScan, type RecheckReport, resourceScope } from './recheck.js';
import { Rechecker } from './rechecker.js';
import type { Recollector } from './recollect.js';
import {
  DEFAULT_REPLICA_LEASE_MS,
  LEADER_LEASE,
  ReplicaCheckpoint,
  ReplicaCoordinator,
  sourceLease,
} from './replicas.js';
import { type Clock, type RunReason, Scheduler, type SchedulerOptions, systemClock } from './scheduler.js';
import { WorkTracker } from './work-tracker.js';

export interface WatchOptions {
  config: Config;
  logger: Logger;
  /** opens a store of the config by name (undefined: the default store) */
  openStore: (name?: string) => Promise<Store>;
  /** opens the store holding the alert outbox and the detections (closed by the service) */
  openState: () => Promise<Store>;
  /** where log source checkpoints are kept unless a source names its own */
  checkpointDir: string;
  /** serve /healthz, /readyz and /metrics here; undefined: no server */
  http?: { host: string; port: number };
  clock?: Clock;
  /** delivery passes at least this often (default 15 s) */
  deliveryIntervalMs?: number;
  /** how long stop() waits for rechecks in flight before leaving them to the next start (default 30 s) */
  graceMs?: number;
  /** opens the local copy of the events read (config `events_copy`); undefined: no copy kept */
  openEventsCopy?: () => Promise<EventsCopySink>;
  /** test seams for the AWS recollector */
  aws?: AwsRecollectorDeps;
  /** test seams for the AWS clients of respond: actions */
  respondAws?: AwsSessionSeams;
  /**
   * replicas (a queue in the config and a PostgreSQL state store): how long the leader's and
   * the sources' leases run without renewal (default 30 s); a dead replica's part is taken over
   * within this plus a third of it
   */
  leaseMs?: number;
}

interface SourceState {
  source: WatchedSource;
  runner: SourceRunner;
  pipeline: DetectionPipeline;
  /** stores each batch of detections and folds it into the source's incidents */
  recorder: DetectionRecorder;
  /** CloudTrail: the detections that need a principal's or a key's history */
  stateful?: StatefulDetections | undefined;
  running?: Promise<void>;
  /** replicas: set while this replica holds the source's lease; aborting it stops the reading */
  hold?: AbortController;
}

/** The leader's term (replicas): its scheduler, and the signal that aborts its scans when the lease is lost. */
interface LeaderTerm {
  lease: HeldLease;
  abort: AbortController;
  scheduler: Scheduler;
}

/**
 * A scheduled run the leader claimed for its tick (replicas): a distributed scan notes its id
 * with the claim, and `resume` is the scan a dead leader left unfinished for that tick.
 */
interface ClaimedRun {
  store: WatchReplicaStore;
  lease: HeldLease;
  at: string;
  resume?: string;
}

/** A signal aborted when either is. */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const both = new AbortController();
  const fire = () => both.abort();
  if (a.aborted || b.aborted) fire();
  a.addEventListener('abort', fire, { once: true });
  b.addEventListener('abort', fire, { once: true });
  return both.signal;
}

/** Label of the scans the service runs on a schedule; partial scans are labelled "recheck ...". */
export const SCHEDULED_LABEL = 'scheduled';

/** A provider whose collection stops at the next account when the service stops. */
function abortable(p: Provider, signal: AbortSignal): Provider {
  return {
    name: p.name,
    async *collect(opts) {
      let fail: () => void = () => undefined;
      const stopped = new Promise<never>((_, reject) => {
        fail = () => reject(new Error('the service is stopping: the scan is aborted'));
      });
      stopped.catch(() => undefined);
      if (signal.aborted) fail();
      // removed when the collection ends: a long-lived signal outlives many scans
      else signal.addEventListener('abort', fail, { once: true });
      try {
        const it = p.collect(opts)[Symbol.asyncIterator]();
        for (;;) {
          const next = await Promise.race([it.next(), stopped]);
          if (next.done) return;
          yield next.value;
        }
      } finally {
        signal.removeEventListener('abort', fail);
      }
    },
  };
}

/**
 * `cloudward watch`: audits on their schedules, log sources read continuously, detections
 * stored and alerted on, rechecks on the events that change a resource, alerts through the
 * outbox, health and metrics over HTTP.
 */
export class WatchService {
  readonly metrics = new WatchMetrics();
  private readonly clock: Clock;
  private readonly lock = new KeyedLock();
  private readonly tracker = new WorkTracker();
  private readonly stores = new Map<string, Store>();
  private readonly recollectorCache = new Map<string, Promise<Recollector[]>>();
  private readonly scanAbort = new AbortController();
  private readonly sourceAbort = new AbortController();
  private audits: WatchedAudit[] = [];
  private sources: SourceState[] = [];
  private eventsCopy: EventsCopySink | undefined;
  private scheduler?: Scheduler;
  private rechecker?: Rechecker;
  private state?: Store;
  private outbox?: Outbox;
  private detections?: DetectionStore;
  private incidentStore?: IncidentStore;
  private detectionState?: DetectionStateStore;
  private notifiers = new Map<string, Notifier>();
  private delivery?: DeliveryLoop;
  private server?: Awaited<ReturnType<typeof startHealthServer>>;
  private stopping = false;
  private started = false;
  private actionStore?: ActionStore;
  private responder?: Responder;
  /** replicas: the shared leases, checkpoints and scheduled runs (PostgreSQL) */
  private replicaStore?: WatchReplicaStore;
  private replicas?: ReplicaCoordinator;
  private term?: LeaderTerm;
  private readonly holder = leaseOwner();

  constructor(private readonly o: WatchOptions) {
    this.clock = o.clock ?? systemClock;
  }

  /** The address of the health server, once started. */
  get url(): string | undefined {
    return this.server?.url;
  }

  private get config(): Config {
    return this.o.config;
  }

  private async storeOf(audit: WatchedAudit): Promise<Store> {
    const key = audit.store ?? this.config.defaults.store;
    let s = this.stores.get(key);
    if (!s) {
      s = await this.o.openStore(audit.store);
      this.stores.set(key, s);
    }
    return s;
  }

  private budgetRedis?: Awaited<ReturnType<typeof connectRedis>>;
  private sharedBudget?: Promise<SharedBudget | undefined>;

  /**
   * With a queue, re-checks take their AWS requests (sts:AssumeRole included) from the budget the
   * scale-out workers share, so a re-check beside a distributed scan of the same account does
   * not add its own rate to theirs. Redis unreachable: the re-checks keep their own pacing.
   */
  private budget(): Promise<SharedBudget | undefined> {
    const queue = this.config.queue;
    if (!queue) return Promise.resolve(undefined);
    this.sharedBudget ??= connectRedis(queue).then(
      (redis) => {
        this.budgetRedis = redis;
        return new RedisSharedBudget(redis, { prefix: queue.prefix });
      },
      (e: Error) => {
        this.o.logger.warn('re-checks pace their requests on their own: the shared budget is unreachable', {
          error: e.message,
        });
        this.sharedBudget = undefined;
        return undefined;
      },
    );
    return this.sharedBudget;
  }

  private recollectors(audit: WatchedAudit): Promise<Recollector[]> {
    let r = this.recollectorCache.get(audit.key);
    if (!r) {
      r = this.budget().then((sharedBudget) =>
        recollectorsFor(audit, {
          logger: this.o.logger,
          ...(this.o.aws || sharedBudget
            ? { aws: { ...this.o.aws, ...(sharedBudget ? { sharedBudget } : {}) } }
            : {}),
        }),
      );
      r.catch(() => this.recollectorCache.delete(audit.key));
      this.recollectorCache.set(audit.key, r);
    }
    return r;
  }

  /** watch.distributed: scheduled scans are split into units for the workers on the queue. */
  private get distributed(): boolean {
    return this.config.watch?.distributed === true && this.audits.length > 0;
  }

  /** watch.distributed needs what a distributed scan needs, and a shared place to note each tick's scan. */
  private async checkDistributed(): Promise<void> {
    if (!this.config.queue) {
      throw new Error(
        'watch.distributed: scheduled scans go to the workers through a queue: the config has no queue: block',
      );
    }
    if (!this.replicaStore) {
      throw new Error(
        `watch.distributed: the leader notes each scheduled scan with its tick in the PostgreSQL state store, so a new leader resumes it; the state store ${this.state?.location ?? '(none)'} is not PostgreSQL (without --state, the default store is the state store)`,
      );
    }
    for (const a of this.audits) {
      const store = await this.storeOf(a);
      if (!store.scaleOut) {
        throw new Error(
          `watch.distributed: audits.${a.key} uses the store ${store.location}, which is not PostgreSQL: workers write a distributed scan to a PostgreSQL store`,
        );
      }
    }
  }

  /** Validates the config and opens what the service needs; nothing runs yet. */
  private async prepare(): Promise<void> {
    this.audits = watchedAudits(this.config, loadFrameworks());
    const sources = watchedSources(this.config, this.o.checkpointDir);
    if (this.audits.length === 0 && sources.length === 0) {
      throw new Error(
        'nothing to watch: the config has no audit with a schedule and no log source (audits.<name>.schedule, logs:)',
      );
    }
    for (const a of this.audits) await this.storeOf(a);
    const names = new Set([...this.audits.flatMap((a) => a.notify), ...sources.flatMap((s) => s.notify)]);
    const respond = this.config.respond;
    for (const r of respond?.rules ?? []) for (const n of r.notify) names.add(n);
    const queued = this.config.queue !== undefined;
    if (names.size > 0 || sources.length > 0 || respond || queued) this.state = await this.o.openState();
    if (queued && this.state) {
      if (this.state.watchReplicas) this.replicaStore = this.state.watchReplicas;
      else {
        this.o.logger.warn(
          `the config has a queue, but the state store ${this.state.location} is not PostgreSQL: watch runs as one process (replicas share their leases and checkpoints in PostgreSQL)`,
        );
      }
    }
    if (this.distributed) await this.checkDistributed();
    if (respond && this.state) {
      // the write clients exist only because the config has a respond: block
      const grant = grantRemediation({ respondConfigured: true, applyRequested: false });
      this.actionStore = await this.state.openActions();
      const remediator = new Remediator({
        store: this.actionStore,
        open: sessionOpener(this.config, grant, this.o.respondAws),
        guard: new ActionGuard({ allow: respond.allow, deny: respond.deny }),
        logger: this.o.logger,
        now: () => this.clock.now(),
      });
      await remediator.recover();
      this.responder = new Responder(respond, {
        remediator,
        store: this.actionStore,
        logger: this.o.logger,
        notify: (n) => this.alertAction(n),
        now: () => this.clock.now(),
      });
    }
    if (this.state && names.size > 0) {
      this.outbox = await this.state.openOutbox();
      this.notifiers = createNotifiers(this.config.notifiers, this.o.logger, [...names]);
      this.delivery = new DeliveryLoop(this.outbox, this.notifiers, {
        logger: this.o.logger,
        metrics: this.metrics,
        clock: this.clock,
        intervalMs: this.o.deliveryIntervalMs ?? 15_000,
      });
    }
    if (this.state && sources.length > 0) {
      this.detections = await this.state.openDetections();
      this.incidentStore = await this.state.openIncidents();
      this.detectionState = await this.state.openDetectionState();
    }
    if (this.o.openEventsCopy && sources.length > 0) this.eventsCopy = await this.o.openEventsCopy();
    for (const source of sources) {
      const { pipeline } = await detectionPipeline({
        type: source.spec.type,
        dirs: source.rules,
        logger: this.o.logger,
        where: `logs.${source.name}`,
      });
      const stateful = this.detectionState
        ? statefulDetections(source.spec.type, this.detectionState, pipeline)
        : undefined;
      // each batch is stored, folded into incidents and their news enqueued at once: a checkpoint
      // moves only past what is stored
      const recorder = new DetectionRecorder({
        store: this.detections,
        incidents: this.incidentStore
          ? new IncidentTracker(this.incidentStore, { source: source.name })
          : undefined,
        stateful,
        alert: () => this.alertIncidents(source),
        batch: 1,
        everyMs: 0,
      });
      const runner = new SourceRunner(source, {
        handle: (ev) => this.handleEvent(state, ev),
        onIdle: () => this.flushDetections(state),
        tracker: this.tracker,
        logger: this.o.logger,
        onProblem: (p) => this.onProblem(source, p),
        once: false,
      });
      const state: SourceState = { source, runner, pipeline, recorder, stateful };
      this.sources.push(state);
    }
    this.rechecker = new Rechecker(this.audits, {
      recollectors: (a) => this.recollectors(a),
      commitResource: async (job, collection) => {
        const report = await this.recheck(job.audit, job.checks, resourceScope(job.target, collection));
        const acted = await this.respondTo(report.findings, job.audit.key);
        // an applied action changed the resource: read it again, so its finding resolves now
        if (acted) void this.rechecker?.resubmit(job);
        return report;
      },
      commitScope: (job, batch) => this.recheck(job.audit, job.checks, { kind: 'scope', batch }),
      metrics: this.metrics,
      logger: this.o.logger,
    });
    // replicas: the leader's scheduler is made when it takes the lease
    if (!this.replicaStore)
      this.scheduler = this.newScheduler(async (key, reason) => void (await this.runAudit(key, reason)));
  }

  private newScheduler(run: SchedulerOptions['run']): Scheduler {
    return new Scheduler({
      jobs: this.audits.map((a) => ({ key: a.key, schedule: a.schedule })),
      run,
      lastRun: (key) => this.lastRun(key),
      logger: this.o.logger,
      clock: this.clock,
    });
  }

  /** respond: rules on findings or detections; true when an action was applied. */
  private async respondTo(findings: readonly FindingRecord[], source: string): Promise<boolean> {
    if (!this.responder?.active || findings.length === 0) return false;
    const done = await this.responder.onFindings(findings, source);
    return done.some((r) => r.state === 'applied');
  }

  /** An action's notice to its rule's notifiers, through the outbox as an alert of its own. */
  private async alertAction(n: ActionNotice): Promise<void> {
    const id = createHash('sha256')
      .update(`respond|${n.record.id}|${n.record.state}`)
      .digest('hex')
      .slice(0, 32);
    const f = n.finding;
    const notice: FindingRecord = {
      ...f,
      ext: {
        ...f.ext,
        check_id: `respond.${n.record.action}`,
        check_title: `Cloudward action ${n.record.state.replace(/_/g, ' ')}`,
      },
      com: {
        ...f.com,
        origin_type: 'check',
        finding_id: id,
        state: 'new',
        description: n.text,
        recommendation:
          n.record.state === 'awaiting_approval'
            ? `cloudward remediate approve ${n.record.id}`
            : `cloudward remediate undo ${n.record.id}`,
      },
    };
    await this.recordAlerts('respond', n.rule.notify, [notice]);
    void this.delivery?.kick();
  }

  private onProblem(source: WatchedSource, p: SourceProblem): void {
    this.metrics.sourceProblems.inc({ source: source.name });
    this.o.logger.warn(`logs.${source.name}: ${p.file}: ${p.reason}`);
  }

  /** Where an audit's alerts go: the outbox, sent by the delivery loop. */
  private alertsOf(audit: WatchedAudit): AuditAlerts | undefined {
    if (!this.outbox || audit.notify.length === 0) return undefined;
    return {
      record: (findings, baseline, scanId) =>
        this.recordAlerts(audit.key, audit.notify, findings, baseline, scanId),
      deliver: async () => {
        void this.delivery?.kick();
      },
    };
  }

  private async runOptions(audit: WatchedAudit) {
    return {
      audit,
      store: await this.storeOf(audit),
      logger: this.o.logger,
      mutes: this.config.mutes,
      alerts: this.alertsOf(audit),
      now: () => this.clock.now(),
    };
  }

  /** A re-check through the audit runner, under the audit's lock. */
  private recheck(audit: WatchedAudit, checks: AnyCheck[], scope: PartialScope): Promise<RecheckReport> {
    return this.lock.run(audit.key, async () => {
      const report = await recheckAudit({ ...(await this.runOptions(audit)), checks, scope });
      await this.updateFindingGauge(audit);
      return report;
    });
  }

  /** Alerts for findings or detections, recorded in the outbox (sent by the delivery loop). */
  private async recordAlerts(
    source: string,
    notify: readonly string[],
    findings: readonly FindingRecord[],
    baseline = false,
    scanId?: string,
  ): Promise<void> {
    if (!this.outbox || notify.length === 0 || findings.length === 0) return;
    const r = await enqueueAlerts(findings, {
      source,
      notify,
      notifiers: this.config.notifiers,
      outbox: this.outbox,
      logger: this.o.logger,
      now: this.clock.now(),
      baseline,
      ...(scanId ? { scanId } : {}),
    });
    for (const [name, c] of Object.entries(r.by_notifier)) {
      if (c.items > 0) this.metrics.alertsEnqueued.inc({ notifier: name }, c.items);
    }
  }

  private async updateFindingGauge(audit: WatchedAudit): Promise<void> {
    const lives = await (await this.storeOf(audit)).findingLives(audit.key);
    const counts: Record<string, number> = { new: 0, open: 0, regressed: 0, resolved: 0 };
    for (const l of lives.values()) counts[l.state] = (counts[l.state] ?? 0) + 1;
    for (const [state, n] of Object.entries(counts))
      this.metrics.findings.set({ audit: audit.key, state }, n);
  }

  /** When an audit last ran on its schedule (partial recheck scans do not count). */
  async lastRun(key: string): Promise<Date | null> {
    const audit = this.audits.find((a) => a.key === key);
    if (!audit) return null;
    const scans = await (await this.storeOf(audit)).listScans({ audit_key: key, limit: 1000 });
    const full = scans.find((s) => !isPartialScan(s));
    return full ? new Date(full.started_at) : null;
  }

  /**
   * One scheduled run of an audit: the full scan, its alerts recorded before it commits.
   * Returns the scan's id (undefined: not run, the service is stopping). `signal` aborts the
   * scan at its next account (default: the service stopping); a distributed scan (`claim`) is
   * no longer followed, its units stay queued for the workers and the next leader resumes it.
   */
  async runAudit(
    key: string,
    reason: RunReason,
    signal: AbortSignal = this.scanAbort.signal,
    claim?: ClaimedRun,
  ): Promise<string | undefined> {
    const audit = this.audits.find((a) => a.key === key);
    if (!audit) throw new Error(`no scheduled audit "${key}"`);
    if (this.stopping || signal.aborted) return undefined;
    const started = this.clock.now().getTime();
    return this.lock.run(key, async () => {
      try {
        const report = claim
          ? await this.scanDistributed(audit, reason, signal, claim)
          : await this.scanInProcess(audit, reason, signal);
        this.metrics.scans.inc({ audit: key, outcome: 'complete' });
        const changed = report.findings.filter((f) => f.com.state !== 'open');
        this.o.logger.info(
          `audit ${key}: scan ${report.scan.id} complete: ${report.scan.counts.resources} resources, ${report.findings.length} findings (${changed.length} new, regressed, resolved or muted)`,
        );
        await this.updateFindingGauge(audit);
        await this.respondTo(report.findings, key);
        return report.scan.id;
      } catch (e) {
        this.metrics.scans.inc({ audit: key, outcome: signal.aborted ? 'aborted' : 'failed' });
        if (claim && signal.aborted) {
          this.o.logger.info(
            `audit ${key}: the scan is no longer followed here: its units stay with the workers and the next leader resumes it`,
          );
        }
        throw e;
      } finally {
        this.metrics.scanSeconds.observe({ audit: key }, (this.clock.now().getTime() - started) / 1000);
      }
    });
  }

  private async scanInProcess(
    audit: WatchedAudit,
    reason: RunReason,
    signal: AbortSignal,
  ): Promise<ScanReport> {
    this.o.logger.info(`audit ${audit.key}: ${reason} scan started`);
    const providers = (await providersFor(audit, this.o.logger)).map((p) => abortable(p, signal));
    return scanAudit({ ...(await this.runOptions(audit)), label: SCHEDULED_LABEL, providers });
  }

  /**
   * watch.distributed: the run as a distributed scan, its units run by the workers, followed
   * and committed here as `scan --distributed` does (the same findings, alerts recorded before
   * the commit). Its id is noted with the tick's claim before the scan exists, so a leader that
   * takes the tick over resumes it: units written stay written.
   */
  private async scanDistributed(
    audit: WatchedAudit,
    reason: RunReason,
    signal: AbortSignal,
    claim: ClaimedRun,
  ): Promise<ScanReport> {
    const queue = this.config.queue;
    if (!queue) throw new Error('watch.distributed: the config has no queue: block');
    const providers = await namedProvidersFor(audit, this.o.logger, await this.budget());
    const options = {
      ...(await this.runOptions(audit)),
      label: SCHEDULED_LABEL,
      queue,
      providers,
      selection: audit.selection,
      signal,
      // a failed run is not resumed (the next run is a new scan): its units are tidied away now
      abandonOnFailure: true,
      beforeCreate: (scanId: string) => claim.store.noteRunScan(audit.key, claim.at, claim.lease, scanId),
    };
    if (claim.resume) {
      this.o.logger.info(
        `audit ${audit.key}: ${reason} scan ${claim.resume} resumed on the workers (its leader stopped before it committed)`,
      );
      try {
        return await distributedScanAudit({ ...options, resume: claim.resume });
      } catch (e) {
        if (!(e instanceof ScanNotResumableError)) throw e;
        this.o.logger.warn(
          `audit ${audit.key}: scan ${claim.resume} cannot be resumed, a new scan starts (${e.message})`,
        );
        await this.abandonReplaced(audit, queue, claim.resume, e.message);
      }
    }
    this.o.logger.info(`audit ${audit.key}: ${reason} scan started on the workers`);
    return distributedScanAudit(options);
  }

  /** The scan a new scan replaces: its units no longer run, and queue status shows it abandoned. */
  private async abandonReplaced(
    audit: WatchedAudit,
    queue: NonNullable<typeof this.config.queue>,
    scanId: string,
    why: string,
  ): Promise<void> {
    const scale = (await this.storeOf(audit)).scaleOut;
    if (!scale) return;
    const reason = `replaced by a new scan (${why})`;
    try {
      logAbandoned(this.o.logger, scanId, await abandonScanOn(scale, queue, scanId, reason), reason);
    } catch (e) {
      this.o.logger.warn(
        `audit ${audit.key}: scan ${scanId} could not be abandoned: ${(e as Error).message}`,
      );
    }
  }

  private async handleEvent(state: SourceState, ev: EventRecord): Promise<void> {
    const name = state.source.name;
    this.metrics.events.inc({ source: name });
    const t = Date.parse(ev.com.time);
    if (!Number.isNaN(t))
      this.metrics.sourceLag.set({ source: name }, Math.max(0, (this.clock.now().getTime() - t) / 1000));
    const found = await detectEvent(state.pipeline, state.stateful, ev);
    if (found.length > 0) await this.detected(state, found);
    const work = this.rechecker?.submit(ev);
    if (work) this.tracker.track(work);
    if (this.eventsCopy) await this.eventsCopy.add(ev).catch((e: Error) => this.copyFailed(e));
  }

  /** A batch the copy could not write: detection goes on, the error says how many events the copy misses. */
  private copyFailed(e: Error): void {
    this.o.logger.error(`events_copy: ${e.message}`);
  }

  private async detected(state: SourceState, found: FindingRecord[]): Promise<void> {
    for (const f of found)
      this.metrics.detections.inc({ source: state.source.name, severity: f.com.severity });
    await state.recorder.add(found);
    await this.respondTo(found, state.source.name);
  }

  /** The source is read up to now: open windows are judged, state saved, and incident updates now due enqueued. */
  private async flushDetections(state: SourceState): Promise<void> {
    const found = state.pipeline.flush();
    if (found.length > 0) await this.detected(state, found);
    await state.stateful?.flush();
    await this.eventsCopy?.flush().catch((e: Error) => this.copyFailed(e));
    // a grown incident held back by the update interval is sent once the interval has passed
    await this.alertIncidents(state.source);
  }

  /** A source's incidents not yet told (new, or grown and past the update interval), into the outbox. */
  private async alertIncidents(source: WatchedSource): Promise<void> {
    if (!this.outbox || !this.incidentStore || source.notify.length === 0) return;
    const r = await enqueueIncidents(this.incidentStore, {
      source: source.name,
      notify: source.notify,
      notifiers: this.config.notifiers,
      outbox: this.outbox,
      logger: this.o.logger,
      now: this.clock.now(),
    });
    if (r.alerts > 0) void this.delivery?.kick();
  }

  async readiness(): Promise<Readiness> {
    const checks: Readiness['checks'] = {};
    for (const [name, store] of this.stores) {
      try {
        await store.listScans({ limit: 1 });
        checks[`store:${name}`] = { ok: true };
      } catch (e) {
        checks[`store:${name}`] = { ok: false, detail: (e as Error).message };
      }
    }
    for (const s of this.sources) {
      if (this.replicas && !s.hold) {
        checks[`source:${s.source.name}`] = { ok: true, detail: 'read by another replica' };
        continue;
      }
      const ok = s.runner.started && s.runner.failed === null;
      checks[`source:${s.source.name}`] = ok ? { ok } : { ok, detail: s.runner.failed ?? 'not started' };
    }
    if (this.replicas) {
      const held = this.sources.filter((s) => s.hold).map((s) => s.source.name);
      checks.replica = {
        ok: true,
        detail: `${this.holder}: ${this.term ? 'leader' : 'follower'}; reads ${held.length > 0 ? held.join(', ') : 'no log source'}`,
      };
    }
    checks.service = this.stopping
      ? { ok: false, detail: 'stopping' }
      : { ok: this.started, ...(this.started ? {} : { detail: 'starting' }) };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  /** Starts everything and returns; runs until stop(). */
  async start(): Promise<void> {
    await this.prepare();
    if (this.o.http) {
      this.server = await startHealthServer({
        ...this.o.http,
        live: () => !this.stopping,
        ready: () => this.readiness(),
        metrics: () => this.metrics.text(),
        metricsContentType: this.metrics.registry.contentType,
      });
      this.o.logger.info(`health and metrics on ${this.server.url} (/healthz, /readyz, /metrics)`);
    }
    this.delivery?.start();
    for (const a of this.audits) await this.updateFindingGauge(a);
    if (this.replicaStore) {
      await this.startReplica(this.replicaStore);
      return;
    }
    await this.scheduler?.start();
    for (const s of this.sources) {
      s.running = s.runner.run(this.sourceAbort.signal).catch((e: unknown) => {
        this.o.logger.error(`logs.${s.source.name}: reading stopped: ${(e as Error).message}`);
      });
    }
    this.started = true;
    this.logNextRuns();
  }

  private logNextRuns(): void {
    const next = this.scheduler?.schedule() ?? {};
    for (const [k, at] of Object.entries(next))
      this.o.logger.info(`audit ${k}: next scheduled run ${at ?? 'never'}`);
  }

  /**
   * One of the replicas: the leader (lease "leader") runs the schedules, each log source is read
   * by the replica holding its lease, from its checkpoint in the shared store; every replica
   * delivers alerts (the outbox leases each one to one sender) and runs the rechecks of the
   * events it reads.
   */
  private async startReplica(store: WatchReplicaStore): Promise<void> {
    this.metrics.leader.set(0);
    for (const s of this.sources) this.metrics.sourceHeld.set({ source: s.source.name }, 0);
    this.replicas = new ReplicaCoordinator({
      store,
      holder: this.holder,
      leaseMs: this.o.leaseMs ?? DEFAULT_REPLICA_LEASE_MS,
      names: [
        ...(this.audits.length > 0 ? [LEADER_LEASE] : []),
        ...this.sources.map((s) => sourceLease(s.source.name)),
      ],
      roles: { changed: (name, lease) => this.roleChanged(store, name, lease) },
      logger: this.o.logger,
    });
    this.started = true;
    this.o.logger.info(
      `replica ${this.holder}: sharing the schedules and log sources with the other replicas`,
    );
    await this.replicas.start();
  }

  private async roleChanged(store: WatchReplicaStore, name: string, lease: HeldLease | null): Promise<void> {
    if (lease && this.stopping) return;
    if (name === LEADER_LEASE) {
      if (lease) await this.lead(store, lease);
      else await this.follow();
      return;
    }
    const s = this.sources.find((x) => sourceLease(x.source.name) === name);
    if (!s) return;
    if (lease) this.readSource(store, s, lease);
    else await this.leaveSource(s);
  }

  /** This replica took the leader's lease: the schedules run here, each run claimed once per tick. */
  private async lead(store: WatchReplicaStore, lease: HeldLease): Promise<void> {
    const abort = new AbortController();
    const signal = eitherSignal(abort.signal, this.scanAbort.signal);
    const scheduler = this.newScheduler((key, reason, tick) =>
      this.runClaimed(store, lease, signal, key, reason, tick),
    );
    this.term = { lease, abort, scheduler };
    this.scheduler = scheduler;
    this.metrics.leader.set(1);
    this.o.logger.info(
      `replica ${this.holder}: leads (term ${lease.term}): the schedules run here${this.distributed ? ', their scans on the workers (watch.distributed)' : ''}`,
    );
    await scheduler.start();
    this.logNextRuns();
  }

  /** The leader's lease is gone (lost, or given up at stop): the scan in progress is aborted. */
  private async follow(): Promise<void> {
    const t = this.term;
    this.term = undefined;
    this.metrics.leader.set(0);
    if (!t) return;
    t.abort.abort();
    await t.scheduler.stop();
    if (this.scheduler === t.scheduler) this.scheduler = undefined;
    this.o.logger.info(`replica ${this.holder}: no longer leads`);
  }

  /**
   * A scheduled run on the leader, claimed in the shared store for its tick first: a tick is run
   * by one leader; a tick whose leader died before it was done is run again by the next one
   * (watch.distributed: the scan that leader started is resumed).
   */
  private async runClaimed(
    store: WatchReplicaStore,
    lease: HeldLease,
    signal: AbortSignal,
    key: string,
    reason: RunReason,
    tick: Date | null,
  ): Promise<void> {
    const at = tick?.toISOString() ?? 'initial';
    if (!(await store.claimRun(key, at, lease, this.holder))) {
      this.o.logger.info(`audit ${key}: the ${reason} run for ${at} was run or is running elsewhere`);
      return;
    }
    try {
      const claim = this.distributed ? await this.distributedClaim(store, lease, key, at) : undefined;
      // the scan the previous leader started for this tick committed before it died
      if (claim === null) return;
      const scanId = await this.runAudit(key, reason, signal, claim);
      // not run (stopping, or the lease was lost): the tick stays unfinished for the next leader
      if (scanId !== undefined) await store.finishRun(key, at, lease.token, 'done', scanId);
    } catch (e) {
      if (!signal.aborted) await store.finishRun(key, at, lease.token, 'failed').catch(() => undefined);
      throw e;
    }
  }

  /**
   * A distributed run's claim, with the scan a dead leader left for the tick to resume; null
   * when that scan committed before its leader died (the tick is recorded done with it).
   */
  private async distributedClaim(
    store: WatchReplicaStore,
    lease: HeldLease,
    key: string,
    at: string,
  ): Promise<ClaimedRun | null> {
    const resume = await store.runScan(key, at);
    if (!resume) return { store, lease, at };
    const audit = this.audits.find((a) => a.key === key);
    const auditStore = audit ? await this.storeOf(audit) : undefined;
    if (auditStore && (await auditStore.getScan(resume))) {
      const rec = await auditStore.scaleOut?.scanRecord(resume);
      if (rec && !rec.finished) await auditStore.scaleOut?.finishScan(resume);
      await store.finishRun(key, at, lease.token, 'done', resume);
      this.o.logger.info(
        `audit ${key}: the run for ${at} committed scan ${resume} before its leader stopped`,
      );
      return null;
    }
    return { store, lease, at, resume };
  }

  /** This replica took a source's lease: it reads the source from the checkpoint in the shared store. */
  private readSource(store: WatchReplicaStore, s: SourceState, lease: HeldLease): void {
    const hold = new AbortController();
    s.hold = hold;
    s.runner = new SourceRunner(s.source, {
      handle: (ev) => this.handleEvent(s, ev),
      onIdle: () => this.flushDetections(s),
      tracker: this.tracker,
      logger: this.o.logger,
      onProblem: (p) => this.onProblem(s.source, p),
      once: false,
      checkpoint: new ReplicaCheckpoint(
        store,
        s.source.name,
        lease,
        this.holder,
        new FileCheckpoint(s.source.checkpointPath),
      ),
    });
    this.metrics.sourceHeld.set({ source: s.source.name }, 1);
    this.o.logger.info(`logs.${s.source.name}: read by this replica (term ${lease.term})`);
    s.running = s.runner.run(eitherSignal(hold.signal, this.sourceAbort.signal)).catch((e: unknown) => {
      this.o.logger.error(`logs.${s.source.name}: reading stopped: ${(e as Error).message}`);
      // not stopped on purpose (a store error, a lost lease): the source is given up, so a
      // replica takes it again and reads on from its checkpoint instead of leaving it unread
      if (!hold.signal.aborted && !this.stopping) void this.replicas?.letGo(sourceLease(s.source.name));
    });
  }

  /** The source's lease is gone: reading stops after the event in hand (its checkpoint is fenced). */
  private async leaveSource(s: SourceState): Promise<void> {
    s.hold?.abort();
    await s.running;
    s.hold = undefined;
    this.metrics.sourceHeld.set({ source: s.source.name }, 0);
  }

  /**
   * --once: runs every due audit, reads every source to its end, finishes the rechecks and
   * delivers the alerts, then stops.
   */
  async runOnce(): Promise<void> {
    await this.prepare();
    if (this.replicaStore) {
      await this.stop();
      throw new Error(
        'watch --once: the config has a queue and the store is PostgreSQL, so watch runs as replicas that share the schedules and log sources by leases; --once would run beside them unshared: run `cloudward watch` without --once',
      );
    }
    this.started = true;
    try {
      const due = (await this.scheduler?.due()) ?? [];
      for (const a of this.audits) {
        if (!due.some((d) => d.key === a.key)) {
          this.o.logger.info(
            `audit ${a.key}: not due (next run ${this.scheduler?.nextRun(a.key)?.toISOString() ?? 'never'})`,
          );
        }
      }
      for (const { key, reason } of due) {
        await this.runAudit(key, reason).catch((e: unknown) =>
          this.o.logger.error(`audit ${key}: run failed: ${(e as Error).message}`),
        );
      }
      for (const s of this.sources) {
        const once = new SourceRunner(s.source, {
          handle: (ev) => this.handleEvent(s, ev),
          onIdle: () => this.flushDetections(s),
          tracker: this.tracker,
          logger: this.o.logger,
          onProblem: (p) => this.onProblem(s.source, p),
          once: true,
        });
        s.runner = once;
        await once.run(this.sourceAbort.signal);
      }
      await this.rechecker?.drain();
      await this.tracker.settled();
      await this.delivery?.drain();
    } finally {
      await this.stop();
    }
  }

  /**
   * Stops cleanly: no new scans or reads; a scan in progress is aborted at its next account (or
   * commits if it already collected); reads stop after the event in hand and commit their
   * checkpoints once that event's rechecks are stored; the delivery pass in progress finishes.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.scanAbort.abort();
    this.sourceAbort.abort();
    await this.scheduler?.stop();
    const grace = this.o.graceMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      (async () => {
        await Promise.all(this.sources.map((s) => s.running));
        await this.rechecker?.drain();
        await this.tracker.settled();
        return true;
      })(),
      new Promise<false>((r) => {
        timer = setTimeout(() => r(false), grace);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      // no checkpoint may move past events whose rechecks did not finish: they are read again
      this.tracker.poison();
      this.o.logger.warn('rechecks still running at shutdown: their events are read again on the next start');
    }
    // the leases are given up once the work under them has stopped (checkpoints saved)
    await this.replicas?.stop();
    await this.lock.idle();
    await this.eventsCopy?.close().catch((e: Error) => this.copyFailed(e));
    await this.delivery?.stop();
    await closeNotifiers(this.notifiers);
    await this.outbox?.close();
    await this.detections?.close();
    await this.incidentStore?.close();
    await this.detectionState?.close();
    await this.actionStore?.close();
    await this.state?.close();
    for (const r of this.recollectorCache.values()) {
      for (const c of await r.catch(() => [])) await c.close?.();
    }
    for (const s of this.stores.values()) await s.close();
    this.stores.clear();
    this.budgetRedis?.disconnect();
    await this.server?.close();
  }
}

import { createHash } from 'node:crypto';
import { DetectionRecorder, detectEvent, detectionPipeline, statefulDetections } from '../audit/detection.js';
import { type AuditAlerts, recheckAudit, scanAudit } from '../audit/runner.js';
import type { Config } from '../config/schema.js';
import type { AnyCheck } from '../core/check.js';
import type { EventsCopySink } from '../core/events-copy.js';
import type { IncidentStore } from '../core/incidents.js';
import type { Logger } from '../core/logger.js';
import type { PartialScope } from '../core/partial-scope.js';
import type { Provider } from '../core/provider.js';
import type { FindingRecord } from '../core/record.js';
import type { DetectionPipeline } from '../detect/detector.js';
import type { EventRecord } from '../detect/event.js';
import { IncidentTracker } from '../detect/incidents.js';
import type { SourceProblem } from '../detect/sources/index.js';
import type { DetectionStateStore, StatefulDetections } from '../detect/stateful/index.js';
import { loadFrameworks } from '../frameworks/framework.js';
import { enqueueAlerts } from '../notify/enqueue.js';
import { closeNotifiers, createNotifiers } from '../notify/factory.js';
import { enqueueIncidents } from '../notify/incidents.js';
import type { Notifier } from '../notify/notifier.js';
import { grantRemediation } from '../providers/aws/write-clients.js';
import { ActionGuard } from '../respond/guard.js';
import { Remediator } from '../respond/remediator.js';
import { type ActionNotice, Responder } from '../respond/responder.js';
import { type AwsSessionSeams, sessionOpener } from '../respond/sessions.js';
import type { ActionStore } from '../store/actions.js';
import type { DetectionStore } from '../store/detections.js';
import type { Outbox } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { providersFor, recollectorsFor, type WatchedAudit, watchedAudits } from './audits.js';
import type { AwsRecollectorDeps } from './aws-collect-one.js';
import { DeliveryLoop } from './delivery.js';
import { type Readiness, startHealthServer } from './health-server.js';
import { KeyedLock } from './keyed-lock.js';
import { SourceRunner, type WatchedSource, watchedSources } from './log-sources.js';
import { WatchMetrics } from './metrics.js';
import { isPartialScan, type RecheckReport, resourceScope } from './recheck.js';
import { Rechecker } from './rechecker.js';
import type { Recollector } from './recollect.js';
import { type Clock, type RunReason, Scheduler, systemClock } from './scheduler.js';
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
}

/** Label of the scans the service runs on a schedule; partial scans are labelled "recheck ...". */
export const SCHEDULED_LABEL = 'scheduled';

/** A provider whose collection stops at the next account when the service stops. */
function abortable(p: Provider, signal: AbortSignal): Provider {
  const stopped = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error('the service is stopping: the scan is aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  stopped.catch(() => undefined);
  return {
    name: p.name,
    async *collect(opts) {
      const it = p.collect(opts)[Symbol.asyncIterator]();
      for (;;) {
        const next = await Promise.race([it.next(), stopped]);
        if (next.done) return;
        yield next.value;
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

  private recollectors(audit: WatchedAudit): Promise<Recollector[]> {
    let r = this.recollectorCache.get(audit.key);
    if (!r) {
      r = recollectorsFor(audit, { logger: this.o.logger, ...(this.o.aws ? { aws: this.o.aws } : {}) });
      r.catch(() => this.recollectorCache.delete(audit.key));
      this.recollectorCache.set(audit.key, r);
    }
    return r;
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
    if (names.size > 0 || sources.length > 0 || respond) this.state = await this.o.openState();
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
    this.scheduler = new Scheduler({
      jobs: this.audits.map((a) => ({ key: a.key, schedule: a.schedule })),
      run: (key, reason) => this.runAudit(key, reason),
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
      record: (findings, baseline) => this.recordAlerts(audit.key, audit.notify, findings, baseline),
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

  /** One scheduled run of an audit: the full scan, its alerts recorded before it commits. */
  async runAudit(key: string, reason: RunReason): Promise<void> {
    const audit = this.audits.find((a) => a.key === key);
    if (!audit) throw new Error(`no scheduled audit "${key}"`);
    if (this.stopping) return;
    const started = this.clock.now().getTime();
    await this.lock.run(key, async () => {
      this.o.logger.info(`audit ${key}: ${reason} scan started`);
      try {
        const providers = (await providersFor(audit, this.o.logger)).map((p) =>
          abortable(p, this.scanAbort.signal),
        );
        const report = await scanAudit({
          ...(await this.runOptions(audit)),
          label: SCHEDULED_LABEL,
          providers,
        });
        this.metrics.scans.inc({ audit: key, outcome: 'complete' });
        const changed = report.findings.filter((f) => f.com.state !== 'open');
        this.o.logger.info(
          `audit ${key}: scan ${report.scan.id} complete: ${report.scan.counts.resources} resources, ${report.findings.length} findings (${changed.length} new, regressed, resolved or muted)`,
        );
        await this.updateFindingGauge(audit);
        await this.respondTo(report.findings, key);
      } catch (e) {
        this.metrics.scans.inc({ audit: key, outcome: this.scanAbort.signal.aborted ? 'aborted' : 'failed' });
        throw e;
      } finally {
        this.metrics.scanSeconds.observe({ audit: key }, (this.clock.now().getTime() - started) / 1000);
      }
    });
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
      const ok = s.runner.started && s.runner.failed === null;
      checks[`source:${s.source.name}`] = ok ? { ok } : { ok, detail: s.runner.failed ?? 'not started' };
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
    await this.scheduler?.start();
    for (const s of this.sources) {
      s.running = s.runner.run(this.sourceAbort.signal).catch((e: unknown) => {
        this.o.logger.error(`logs.${s.source.name}: reading stopped: ${(e as Error).message}`);
      });
    }
    this.started = true;
    const next = this.scheduler?.schedule() ?? {};
    for (const [k, at] of Object.entries(next))
      this.o.logger.info(`audit ${k}: next scheduled run ${at ?? 'never'}`);
  }

  /**
   * --once: runs every due audit, reads every source to its end, finishes the rechecks and
   * delivers the alerts, then stops.
   */
  async runOnce(): Promise<void> {
    await this.prepare();
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
    await this.server?.close();
  }
}

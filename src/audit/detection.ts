import type { LogSourceConfig } from '../config/schema.js';
import type { EventsCopySink } from '../core/events-copy.js';
import type { Logger } from '../core/logger.js';
import type { FindingRecord } from '../core/record.js';
import { CompactReader } from '../detect/compact-events.js';
import { DetectionPipeline, loadDetectionRules } from '../detect/detector.js';
import type { EventRecord } from '../detect/event.js';
import type { IncidentTracker } from '../detect/incidents.js';
import { type RuleLoadError, ruleKey } from '../detect/sigma/types.js';
import {
  type LogSource,
  openSource,
  type SourceProblem,
  type SourceSpec,
  type SourceType,
} from '../detect/sources/index.js';
import { type DetectionStateStore, StatefulDetections } from '../detect/stateful/index.js';
import { listSourceFiles, readFilesParallel } from '../detect/worker-pool.js';
import type { DetectionStore } from '../store/detections.js';
import { expandHome } from '../store/paths.js';

/*
 * The one way detections run, for `cloudward detect` and `watch`: a log source resolved from
 * the config (or the command line), its rules loaded into a pipeline (and, for CloudTrail, the
 * stateful detections beside it), and each batch of detections stored, folded into incidents
 * and then handed to the alerts. `detect` reads a log to its end with readLog (in worker
 * threads when it can); `watch` follows its sources with checkpoints (watch/log-sources.ts)
 * and hands each event to detectEvent.
 */

/** A log source ready to read: where, extra rule directories, the notifiers its detections go to. */
export interface ResolvedLogSource {
  name: string;
  spec: SourceSpec;
  rules: string[];
  notify: string[];
  /** watch: how often to look for new input */
  pollMs: number;
  /** the checkpoint file the entry names, if it names one */
  checkpoint?: string;
}

/** A `logs:` entry of the config (validated when the config loaded) as a source to read. */
export function resolveLogSource(name: string, e: LogSourceConfig): ResolvedLogSource {
  const checkpoint = e.checkpoint ? expandHome(e.checkpoint) : undefined;
  const spec: SourceSpec = {
    type: e.type,
    ...(e.path ? { path: expandHome(e.path) } : {}),
    ...(e.s3 ? { s3: e.s3 } : {}),
    ...(e.log_group ? { log_group: e.log_group } : {}),
    ...(e.queue_url ? { queue_url: e.queue_url } : {}),
    ...(e.format ? { format: e.format } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    ...(e.region ? { region: e.region } : {}),
  };
  return {
    name,
    spec,
    rules: (e.rules ?? []).map((d) => expandHome(d)),
    notify: e.notify ?? [],
    pollMs: (e.poll_seconds ?? 30) * 1000,
    ...(checkpoint ? { checkpoint } : {}),
  };
}

export function ruleErrorLine(e: RuleLoadError): string {
  return `${e.file}: ${e.title ?? e.id ?? 'rule'}: ${e.reason}`;
}

/** The rules for a log type (the bundled pack unless `builtin` is false, and `dirs`), as a pipeline; unloadable rules are warned about. */
export async function detectionPipeline(o: {
  type: SourceType;
  dirs: string[];
  builtin?: boolean;
  logger: Logger;
  /** names the source in the warnings */
  where?: string;
}) {
  const loaded = await loadDetectionRules({
    dirs: o.dirs,
    ...(o.builtin === false ? { builtin: false } : {}),
  });
  for (const e of loaded.errors)
    o.logger.warn(`${o.where ? `${o.where}: ` : ''}rule not loaded: ${ruleErrorLine(e)}`);
  return { pipeline: new DetectionPipeline(loaded.rules, o.type), loaded };
}

/**
 * CloudTrail: the detections that need a principal's or a key's history, their state in
 * `store`, counted in the pipeline's totals. Other logs: none (undefined).
 */
export function statefulDetections(
  type: SourceType,
  store: DetectionStateStore,
  pipeline: DetectionPipeline,
): StatefulDetections | undefined {
  if (type !== 'cloudtrail') return undefined;
  return new StatefulDetections(store, { onDetection: (record, rule) => pipeline.tally(record, rule) });
}

/** What one event raises: the rules' detections (and what correlations close), then the stateful ones. */
export async function detectEvent(
  pipeline: DetectionPipeline,
  stateful: StatefulDetections | undefined,
  event: EventRecord,
): Promise<FindingRecord[]> {
  const found = pipeline.process(event);
  if (stateful) found.push(...(await stateful.observeEvent(event)));
  return found;
}

export interface DetectionRecorderOptions {
  /** undefined: detections are not stored */
  store?: DetectionStore | undefined;
  /** folds each stored batch into incidents and saves them before the alerts are recorded */
  incidents?: IncidentTracker | undefined;
  /** the stateful detections' state, saved with each batch (a long --follow keeps its baselines) */
  stateful?: StatefulDetections | undefined;
  /** records the alerts for detections just stored (the outbox); undefined: no alerts */
  alert?: ((found: FindingRecord[]) => Promise<void>) | undefined;
  /** detections held before a write (1: each batch is written as it comes) */
  batch: number;
  /** and at most this long */
  everyMs: number;
  now?: () => number;
}

/**
 * Stores detections (in batches), folds them into incidents and saves those, and then records
 * the alerts: an alert always has its stored detection and incident, and a caller that moves a
 * checkpoint after flush() never passes a detection that is not stored.
 */
export class DetectionRecorder {
  private pending: FindingRecord[] = [];
  private last: number;
  /** detections the store took as new */
  stored = 0;

  constructor(private readonly o: DetectionRecorderOptions) {
    this.last = this.now();
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  async add(found: readonly FindingRecord[]): Promise<void> {
    this.pending.push(...found);
    if (
      this.pending.length >= this.o.batch ||
      (this.pending.length > 0 && this.now() - this.last >= this.o.everyMs)
    )
      await this.flush();
  }

  async flush(): Promise<void> {
    this.last = this.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    if (this.o.store) this.stored += await this.o.store.addDetections(batch);
    if (this.o.incidents) {
      await this.o.incidents.add(batch);
      await this.o.incidents.flush();
    }
    await this.o.stateful?.flush();
    await this.o.alert?.(batch);
  }
}

export interface ReadLogOptions {
  /** the source, opened; read unless `parallel` says to read its files in several threads */
  source: LogSource;
  name: string;
  spec: SourceSpec;
  pipeline: DetectionPipeline;
  /** CloudTrail: the stateful detections, fed every event (from the worker threads too); flushed at the end */
  stateful?: StatefulDetections | undefined;
  /**
   * a file or directory source read by `workers` threads, this one included (so `workers - 1` worker
   * threads, each with the same rules loaded)
   */
  parallel?: { path: string; workers: number; ruleDirs: string[]; builtin: boolean };
  /** events before this are skipped */
  since?: Date;
  signal: AbortSignal;
  onProblem: (p: SourceProblem) => void;
  /** called after each event (often with none) and once at the end with what the correlations still held */
  onFound: (found: FindingRecord[]) => Promise<void>;
  /** also keep every event read (after --since) in this copy; not with `parallel` */
  copy?: EventsCopySink;
}

/** Reads a log through the pipeline to its end (or until the signal aborts). */
export async function readLog(o: ReadLogOptions): Promise<{ skippedOld: number; recordsSkipped: number }> {
  const sinceMs = o.since?.getTime();
  const { pipeline, stateful } = o;
  let skippedOld = 0;
  let recordsSkipped = 0;
  const tooOld = (time: string) => {
    if (sinceMs === undefined || Date.parse(time) >= sinceMs) return false;
    skippedOld += 1;
    return true;
  };
  if (o.parallel && o.copy)
    throw new Error('the events copy is kept from a single reader, not worker threads');
  /** Reads a source here, on this thread, event by event through the pipeline. */
  const readHere = async (source: LogSource): Promise<void> => {
    const detect = async (event: EventRecord): Promise<void> => {
      if (tooOld(event.com.time)) return;
      await o.onFound(await detectEvent(pipeline, stateful, event));
      await o.copy?.add(event);
    };
    if (source.readBatches) {
      // a batch at a time: no promise per event from the source
      batches: for await (const batch of source.readBatches({ signal: o.signal })) {
        for (const event of batch) {
          if (o.signal.aborted) break batches;
          await detect(event);
        }
      }
    } else for await (const event of source.read({ signal: o.signal })) await detect(event);
    recordsSkipped += source.stats.skipped;
  };
  if (o.parallel) {
    // worker threads read and match the files; findings, correlations and storage stay here, in file order
    const detections = pipeline.ruleSet.detections;
    const files = await listSourceFiles({ ...o.spec, path: o.parallel.path }, o.onProblem);
    const results = readFilesParallel({
      files,
      // the main thread reads files too, as many as keeps it as busy as the workers
      workers: o.parallel.workers - 1,
      mainReads: true,
      type: o.spec.type,
      sourceName: o.name,
      ruleDirs: o.parallel.ruleDirs,
      builtin: o.parallel.builtin,
      stateful: stateful !== undefined,
      ruleKeys: detections.map((d) => ruleKey(d.meta)),
    });
    const compact = new CompactReader(detections, pipeline.ruleSet.correlations);
    for await (const result of results) {
      if ('main' in result) {
        // as a worker opens it: the file alone, with the source's type and name
        await readHere(
          openSource({ type: o.spec.type, path: result.file }, { name: o.name, onProblem: o.onProblem }),
        );
        if (o.signal.aborted) break;
        continue;
      }
      recordsSkipped += result.skipped;
      compact.load(result.compact, result.file, o.name);
      for (const item of result.items) {
        if (item === 0) {
          // unmatched, or matched only by rules that feed correlations: the worker sent what is read of it
          compact.next();
          if (tooOld(compact.time)) continue;
          const found = compact.detectIn(pipeline);
          if (stateful) found.push(...(await stateful.observe(compact.statefulFacts())));
          await o.onFound(found);
          continue;
        }
        if (item.kind === 'problem') {
          o.onProblem(item.problem);
          continue;
        }
        if (tooOld(item.kind === 'event' ? item.event.com.time : item.time)) continue;
        if (item.kind === 'event') {
          const found = pipeline.processMatched(
            item.event,
            item.rules.map((i) => detections[i]).filter((d) => d !== undefined),
          );
          if (stateful) found.push(...(await stateful.observeEvent(item.event)));
          await o.onFound(found);
        } else {
          // an event no rule matched: the worker sent only its time, id and (CloudTrail) stateful facts
          const found = pipeline.processUnmatched(item.time, item.reference);
          if (stateful) found.push(...(await stateful.observe(item.facts ?? null)));
          await o.onFound(found);
        }
      }
      if (o.signal.aborted) break;
    }
  } else await readHere(o.source);
  await o.onFound(pipeline.flush());
  await stateful?.flush();
  return { skippedOld, recordsSkipped };
}

/**
 * The detection pipeline: events from a log source go through the rule index and the correlator and
 * come out as detection findings. Memory is bounded: the correlator caps its windows and groups, and
 * the facts of recent events kept for correlation findings are capped too.
 */
import { packagePath } from '../core/package-root.js';
import type { FindingRecord } from '../core/record.js';
import { correlationDetection, type EventFacts, matchDetection } from './detection-record.js';
import type { EventRecord } from './event.js';
import { type LaterEvent, RecentEvents } from './recent-events.js';
import { ruleView } from './rule-view.js';
import { type CorrelationHit, Correlator, type KnownFields } from './sigma/correlator.js';
import { type LoadResult, loadRuleDirs } from './sigma/loader.js';
import { SOURCES, type SourceId } from './sigma/logsource.js';
import { defaultCacheDir } from './sigma/parse-cache.js';
import { RuleSet } from './sigma/ruleset.js';
import {
  type CompiledDetection,
  type CompiledRule,
  type RuleMeta,
  ruleKey,
  type SigmaLevel,
} from './sigma/types.js';
import type { SourceType } from './sources/index.js';

/** The Sigma logsource each log source type answers. */
export const SOURCE_IDS: Record<SourceType, SourceId> = {
  cloudtrail: SOURCES.cloudtrail,
  vpcflow: SOURCES.vpcflow,
  azure_activity: SOURCES.azureActivity,
  gcp_audit: SOURCES.gcpAudit,
  entra_id: SOURCES.entraId,
};

const RECORD_TYPES: Record<SourceType, string> = {
  cloudtrail: 'aws.cloudtrail.event',
  vpcflow: 'aws.vpcflow.record',
  azure_activity: 'azure.activity_log.event',
  gcp_audit: 'gcp.audit_log.event',
  entra_id: 'azure.entra_id.event',
};

const CLOUDS: Record<SourceType, EventFacts['cloud']> = {
  cloudtrail: 'aws',
  vpcflow: 'aws',
  azure_activity: 'azure',
  gcp_audit: 'gcp',
  entra_id: 'azure',
};

/** Where Cloudward's own rule pack is installed (the package's rules/ folder). */
export function builtinRulesDir(): string {
  return packagePath('rules');
}

export interface RuleSelection {
  /** extra rule directories or files */
  dirs?: readonly string[];
  /** load the bundled rule pack too (default true) */
  builtin?: boolean;
  /** where parsed rule files are cached (default: `defaultCacheDir()`); false parses every file */
  cacheDir?: string | false;
}

/** Loads the bundled pack and the given directories as one rule set (correlations may cross them). */
export function loadDetectionRules(sel: RuleSelection = {}): Promise<LoadResult> {
  const dirs = [...(sel.builtin === false ? [] : [builtinRulesDir()]), ...(sel.dirs ?? [])];
  return loadRuleDirs(dirs, { cacheDir: sel.cacheDir ?? defaultCacheDir() });
}

export interface RuleCount {
  id: string;
  title: string;
  level: SigmaLevel | null;
  author: string | null;
  reference: string | null;
  count: number;
}

export interface PipelineOptions {
  /** cap on live correlation groups per correlation rule (default 100,000) */
  maxGroups?: number;
  /** cap on the recent events remembered to describe correlation findings (default 20,000) */
  maxRemembered?: number;
}

export class DetectionPipeline {
  readonly ruleSet: RuleSet;
  private readonly correlator: Correlator;
  /** Keys of the detections some correlation counts. */
  private readonly correlated: Set<string>;
  /** `correlated` answered per rule object, so a match makes no key. */
  private readonly feedsCorrelation = new WeakMap<CompiledDetection, boolean>();
  /** The facts of recent correlated events, for correlation findings to describe their last event. */
  private readonly recent: RecentEvents;
  private readonly counts = new Map<string, RuleCount>();
  events = 0;
  detections = 0;
  private lastTime = '';
  private lastTimeMs = Number.NaN;

  constructor(
    rules: readonly CompiledRule[],
    readonly source: SourceType,
    options: PipelineOptions = {},
  ) {
    this.ruleSet = new RuleSet(rules, { source: SOURCE_IDS[source] });
    this.correlator = new Correlator(this.ruleSet.correlations, { maxGroups: options.maxGroups });
    this.correlated = new Set(this.ruleSet.correlations.flatMap((c) => c.ruleKeys));
    this.recent = new RecentEvents(Math.max(1, options.maxRemembered ?? 20_000));
  }

  /** Rules that run on this source: detections and the correlations built on them. */
  get ruleCount(): number {
    return this.ruleSet.detections.length + this.ruleSet.correlations.length;
  }

  /** The detections one event raises, in rule order, correlation findings last. */
  process(event: EventRecord): FindingRecord[] {
    const fields = ruleView(event);
    return this.processMatched(event, this.ruleSet.matchRulesShared(fields), fields);
  }

  /**
   * `process` for an event whose matching rules were already found (by a worker thread holding the same
   * rules, in `ruleSet.detections` order). `fields`: the event's `ruleView`, when made already.
   */
  processMatched(
    event: EventRecord,
    matched: readonly CompiledDetection[],
    fields?: Record<string, unknown>,
  ): FindingRecord[] {
    this.events += 1;
    if (matched.length === 0 && this.ruleSet.correlations.length === 0) return [];
    // made when the first detection comes, as a one-element literal: most events raise none or one
    let out: FindingRecord[] | undefined;
    let correlated = false;
    for (const rule of matched) {
      if (rule.standalone) {
        const found = this.count(matchDetection(rule, event), rule.meta);
        if (out) out.push(found);
        else out = [found];
      }
      if (!correlated && this.isCorrelated(rule)) correlated = true;
    }
    const ref = correlated ? this.recent.remember(event) : undefined;
    if (this.ruleSet.correlations.length > 0) {
      const time = this.epochMs(event.com.time);
      const hits = this.correlator.observeEvent(
        fields ?? ruleView(event),
        matched,
        time,
        event.com.reference,
        ref,
      );
      if (hits.length > 0) {
        out ??= [];
        this.correlate(hits, ref, event.raw, out);
      }
    }
    return out ?? [];
  }

  /**
   * `processMatched` for an event whose rules all only feed correlations, known by its time, id and what
   * the correlations read of it (`known`); its record is made (`later`) only if a correlation finding
   * describes it.
   */
  processKnown(
    time: string,
    reference: string,
    matched: readonly CompiledDetection[],
    known: KnownFields,
    later: LaterEvent,
  ): FindingRecord[] {
    this.events += 1;
    let correlated = false;
    for (const rule of matched) {
      if (rule.standalone)
        throw new Error(`${rule.meta.title} raises findings: its events must be sent whole`);
      if (!correlated && this.isCorrelated(rule)) correlated = true;
    }
    if (this.ruleSet.correlations.length === 0) return [];
    const ref = correlated ? this.recent.rememberLater(reference, later) : undefined;
    const hits = this.correlator.observeEvent(known, matched, this.epochMs(time), reference, ref);
    if (hits.length === 0) return [];
    const out: FindingRecord[] = [];
    this.correlate(hits, ref, later, out);
    return out;
  }

  /**
   * `process` for an event no rule matched, known by its time and id: all correlations need of it is its
   * time (windows it closes). Findings of correlations closed by it are described from the events
   * remembered, not from this event's own fields.
   */
  processUnmatched(time: string, reference: string): FindingRecord[] {
    this.events += 1;
    if (this.ruleSet.correlations.length === 0) return [];
    const hits = this.correlator.observeEvent(undefined, [], this.epochMs(time), reference);
    if (hits.length === 0) return [];
    const out: FindingRecord[] = [];
    this.correlate(hits, undefined, undefined, out);
    return out;
  }

  /**
   * Findings of the hits the event at hand completed. `ref` is that event's sequence number in `recent`
   * (when it fed a correlation) and `raw` its record: a finding quotes the record as its `last_event` only
   * when the event is the window's last one. An id alone does not say so: another event with the same id
   * (a duplicate, or one no rule matched) can close a window by its time, and its record is not the
   * window's; nor does the parallel path have the record of an event no rule matched.
   */
  private correlate(
    hits: readonly CorrelationHit[],
    ref: number | undefined,
    raw: EventRecord['raw'] | LaterEvent | undefined,
    out: FindingRecord[],
  ): void {
    for (const hit of hits) {
      if (!hit.rule.standalone) continue;
      const lastId = hit.eventIds.at(-1);
      const own = raw !== undefined && ref !== undefined && hit.lastRef === ref;
      const last = lastId === undefined ? undefined : this.recent.facts(lastId, hit.lastRef);
      const quoted = !own
        ? undefined
        : typeof (raw as Partial<LaterEvent>).event === 'function'
          ? (raw as LaterEvent).event().raw
          : raw;
      out.push(
        this.count(
          correlationDetection(hit, last, this.fallback(), quoted as EventRecord['raw'] | undefined),
          hit.rule.meta,
        ),
      );
    }
  }

  /** End of input: correlation windows still open are judged. */
  flush(): FindingRecord[] {
    const out: FindingRecord[] = [];
    for (const hit of this.correlator.flush()) {
      if (!hit.rule.standalone) continue;
      const lastId = hit.eventIds.at(-1);
      const last = lastId === undefined ? undefined : this.recent.facts(lastId, hit.lastRef);
      out.push(this.count(correlationDetection(hit, last, this.fallback()), hit.rule.meta));
    }
    return out;
  }

  /** Counts a detection raised beside the rules (a stateful detection) in the run's totals. */
  tally(record: FindingRecord, meta: RuleMeta): FindingRecord {
    return this.count(record, meta);
  }

  /** Detections so far per rule, most first. */
  byRule(): RuleCount[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  }

  get liveGroups(): number {
    return this.correlator.liveGroups;
  }

  private isCorrelated(rule: CompiledDetection): boolean {
    let yes = this.feedsCorrelation.get(rule);
    if (yes === undefined) {
      yes = this.correlated.has(ruleKey(rule.meta));
      this.feedsCorrelation.set(rule, yes);
    }
    return yes;
  }

  /** `Date.parse`, remembered for the last text: a log's events come many to the second. */
  private epochMs(time: string): number {
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastTimeMs = Date.parse(time);
    }
    return this.lastTimeMs;
  }

  private fallback(): Pick<EventFacts, 'cloud' | 'record_type' | 'source_name'> {
    return { cloud: CLOUDS[this.source], record_type: RECORD_TYPES[this.source], source_name: this.source };
  }

  private count(record: FindingRecord, meta: RuleMeta): FindingRecord {
    this.detections += 1;
    const id = ruleKey(meta);
    const c = this.counts.get(id);
    if (c) c.count += 1;
    else
      this.counts.set(id, {
        id,
        title: meta.title,
        level: meta.level ?? null,
        author: meta.author ?? null,
        reference: meta.references[0] ?? null,
        count: 1,
      });
    return record;
  }
}

/**
 * A detection is a finding record: the rule that fired, the event (or, for a correlation, the group
 * of events) as evidence, and the event's who / where / what copied into ext and com so stores,
 * tables and notifiers read them without knowing the cloud's log format.
 */

import { findingId } from '../core/ids.js';
import type { FindingRecord } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import type { EventCom, EventOutcome, EventRecord } from './event.js';
import type { CorrelationHit } from './sigma/correlator.js';
import { type CompiledRule, type RuleMeta, ruleKey, type SigmaLevel } from './sigma/types.js';

export const DETECTION_RECORD_TYPE = 'detection_event';
export const DETECTION_EXT_RECORD_TYPE = 'sigma_detection';

const LEVEL_SEVERITY: Record<SigmaLevel, Severity> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** A rule's level as a finding severity; a rule without a level counts as medium. */
export function severityOfLevel(level: SigmaLevel | undefined): Severity {
  return level ? LEVEL_SEVERITY[level] : 'medium';
}

/** What a detection says about the rule; `author` and `references` satisfy the Detection Rule Licence. */
export interface DetectionRuleInfo {
  id: string;
  title: string;
  level: SigmaLevel | null;
  author: string | null;
  references: string[];
  license: string | null;
  status: string | null;
  tags: string[];
  file: string;
}

export function ruleInfo(meta: RuleMeta): DetectionRuleInfo {
  return {
    id: ruleKey(meta),
    title: meta.title,
    level: meta.level ?? null,
    author: meta.author ?? null,
    references: meta.references,
    license: meta.license ?? null,
    status: meta.status ?? null,
    tags: meta.tags,
    file: meta.file,
  };
}

/** The few facts of an event a detection keeps (also what the pipeline remembers for correlations). */
export interface EventFacts {
  id: string;
  cloud: EventRecord['com']['cloud_type'];
  account: string;
  region: string;
  service: string;
  time: string;
  actor: string | null;
  source_ip: string | null;
  action: string;
  outcome: EventOutcome;
  record_type: string;
  source_name: string;
  position: EventRecord['ext']['source'] | null;
}

function blankFacts(): EventFacts {
  return {
    id: '',
    cloud: 'aws',
    account: '',
    region: '',
    service: '',
    time: '',
    actor: null,
    source_ip: null,
    action: '',
    outcome: 'unknown',
    record_type: '',
    source_name: '',
    position: null,
  };
}

/** Fills `facts` with the facts of an event from its com, its record type and where it was read. */
function assignFacts(
  facts: EventFacts,
  com: EventCom,
  recordType: string,
  position: EventRecord['ext']['source'] | undefined,
): EventFacts {
  facts.id = com.reference;
  facts.cloud = com.cloud_type;
  facts.account = com.account;
  facts.region = com.region;
  facts.service = com.service;
  facts.time = com.time;
  facts.actor = com.actor;
  facts.source_ip = com.source_ip;
  facts.action = com.action;
  facts.outcome = com.outcome;
  facts.record_type = recordType;
  facts.source_name = com.origin_key;
  facts.position = position ?? null;
  return facts;
}

/** The facts of an event from its com, its record type and where it was read. */
export function factsOf(
  com: EventCom,
  recordType: string,
  position: EventRecord['ext']['source'] | undefined,
): EventFacts {
  return assignFacts(blankFacts(), com, recordType, position);
}

export function eventFacts(event: EventRecord): EventFacts {
  return factsOf(event.com, event.ext.record_type, event.ext.source);
}

function describeEvent(f: Pick<EventFacts, 'action' | 'actor' | 'source_ip'>): string {
  const by = f.actor ? ` by ${f.actor}` : '';
  const from = f.source_ip ? ` from ${f.source_ip}` : '';
  return `${f.action}${by}${from}`;
}

const recommendations = new WeakMap<RuleMeta, string>();

function recommendationOf(meta: RuleMeta): string {
  let text = recommendations.get(meta);
  if (text === undefined) {
    text =
      meta.description?.trim().replace(/\s+/g, ' ') || 'Review the event and confirm that it was expected.';
    recommendations.set(meta, text);
  }
  return text;
}

/**
 * The rule's part of a detection, made once per rule: a run raises thousands of detections of the same
 * few rules, and the record only reads it (as it already shared the rule's `references` and `tags`).
 */
const ruleInfos = new WeakMap<RuleMeta, DetectionRuleInfo>();

function sharedRuleInfo(meta: RuleMeta): DetectionRuleInfo {
  let info = ruleInfos.get(meta);
  if (info === undefined) {
    info = ruleInfo(meta);
    ruleInfos.set(meta, info);
  }
  return info;
}

// Written as plain literals (no spreads in the middle of one): V8 builds each record in one step
// instead of copying properties one by one, which a run making a record per event notices.
function build(
  meta: RuleMeta,
  facts: EventFacts,
  id: string,
  description: string,
  raw: Record<string, unknown>,
  extra?: { key: 'correlation' | 'stateful'; value: Record<string, unknown> },
): FindingRecord {
  const info = sharedRuleInfo(meta);
  const ext: FindingRecord['ext'] = {
    record_type: DETECTION_EXT_RECORD_TYPE,
    check_id: info.id,
    check_title: info.title,
    resource_record_type: facts.record_type,
    rule: info,
    time: facts.time,
    actor: facts.actor,
    source_ip: facts.source_ip,
    action: facts.action,
    outcome: facts.outcome,
    event_id: facts.id,
    source_name: facts.source_name,
    event_position: facts.position,
  };
  if (extra) ext[extra.key] = extra.value;
  return {
    raw,
    ext,
    com: {
      cloud_type: facts.cloud,
      record_type: DETECTION_RECORD_TYPE,
      reference: facts.id,
      name: facts.actor ?? facts.source_ip ?? facts.action,
      account: facts.account,
      region: facts.region,
      service: facts.service,
      tags: {},
      origin_key: info.id,
      origin_class: 'sigma',
      origin_type: 'detection',
      description,
      recommendation: recommendationOf(meta),
      severity: severityOfLevel(meta.level),
      status: 'fail',
      compliance: [],
      finding_id: id,
      state: 'new',
      first_seen: facts.time,
      last_seen: facts.time,
      time: facts.time,
      actor: facts.actor,
      source_ip: facts.source_ip,
      action: facts.action,
      outcome: facts.outcome,
    },
  };
}

// The facts of the event a rule matched: `build` copies them into the record and keeps none, so one
// object serves every match (with SigmaHQ's rules nearly every event is a detection).
const matchFacts = blankFacts();

/** A detection rule matched one event. Finding id: hash of rule id and event id. */
export function matchDetection(rule: CompiledRule, event: EventRecord): FindingRecord {
  const facts = assignFacts(matchFacts, event.com, event.ext.record_type, event.ext.source);
  const id = findingId(sharedRuleInfo(rule.meta).id, facts.id);
  return build(rule.meta, facts, id, `${rule.meta.title}: ${describeEvent(facts)}`, event.raw);
}

function groupText(group: Record<string, unknown>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v === null ? '(none)' : String(v)}`);
  return parts.length ? parts.join(', ') : 'all events';
}

/**
 * A correlation rule fired. `last` holds the facts of the group's latest event when the pipeline
 * still remembers it; otherwise only what the source type tells is known. Finding id: hash of rule id,
 * group key and window start, so re-reading the same logs finds the same detection.
 */
export function correlationDetection(
  hit: CorrelationHit,
  last: EventFacts | undefined,
  fallback: Pick<EventFacts, 'cloud' | 'record_type' | 'source_name'>,
  lastRaw?: Record<string, unknown>,
): FindingRecord {
  const rule = hit.rule;
  const windowStart = new Date(hit.firstTime).toISOString();
  const lastId = hit.eventIds.at(-1) ?? `${hit.groupKey}@${windowStart}`;
  const facts: EventFacts = last ?? {
    id: lastId,
    cloud: fallback.cloud,
    account: '',
    region: '',
    service: '',
    time: new Date(hit.lastTime).toISOString(),
    actor: null,
    source_ip: null,
    action: rule.meta.title,
    outcome: 'unknown',
    record_type: fallback.record_type,
    source_name: fallback.source_name,
    position: null,
  };
  const id = findingId(ruleKey(rule.meta), `${hit.groupKey}\0${windowStart}`);
  const correlation = {
    type: rule.type,
    group: hit.group,
    count: hit.count,
    event_ids: hit.eventIds,
    first_time: windowStart,
    last_time: new Date(hit.lastTime).toISOString(),
    timespan_ms: rule.timespanMs,
  };
  const description = `${rule.meta.title}: ${hit.count} ${rule.type === 'value_count' ? 'distinct values' : 'events'} for ${groupText(hit.group)} between ${windowStart} and ${correlation.last_time}`;
  const raw: Record<string, unknown> = { correlation, ...(lastRaw ? { last_event: lastRaw } : {}) };
  return build(rule.meta, { ...facts, id: lastId, time: correlation.last_time }, id, description, raw, {
    key: 'correlation',
    value: correlation,
  });
}

/**
 * A stateful detection (src/detect/stateful/) fired on an event: described from the event's
 * facts, with what the detection remembered as evidence. Finding id: hash of the rule and the event.
 */
export function statefulDetection(
  meta: RuleMeta,
  facts: EventFacts,
  description: string,
  evidence: Record<string, unknown>,
): FindingRecord {
  const id = findingId(ruleKey(meta), facts.id);
  return build(
    meta,
    facts,
    id,
    `${meta.title}: ${description}`,
    { stateful: evidence },
    { key: 'stateful', value: evidence },
  );
}

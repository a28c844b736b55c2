import type { FindingRecord } from '../core/record.js';
import type { Severity } from '../core/severity.js';

/**
 * What a notifier is asked to send: one finding or detection, or a digest of several.
 * An alert is plain JSON: it is stored in the outbox as it is and rendered only when sent.
 * Every string in it except the fixed enums can come from the cloud (names, tags, event
 * fields) and is attacker-controlled: each notifier escapes it for its medium.
 */
export interface AlertItem {
  finding_id: string;
  /** what happened: a new or regressed finding, a detection hit, or a resolved finding */
  event: 'new' | 'regressed' | 'resolved' | 'detected';
  origin: 'check' | 'detection';
  severity: Severity;
  /** check id or detection rule id */
  rule_id: string;
  title: string;
  description: string;
  recommendation: string;
  cloud: string;
  account: string;
  region: string;
  service: string;
  reference: string;
  name: string;
  compliance: string[];
  first_seen: string;
  last_seen: string;
  /** detections: when the event happened, who did it, from where, which API action */
  time?: string;
  actor?: string;
  source_ip?: string;
  action?: string;
  /** an incident's rule alert: how many detections it folds, and the distinct resources acted on */
  count?: number;
  last_time?: string;
  targets?: string[];
  /** the ATT&CK tactics of the rule */
  tactics?: string[];
}

/**
 * What the first scan of an audit sends instead of one message per finding: how many findings
 * the notifier would have been sent, by severity, and how to see them all. The alert's items
 * are the most severe of them.
 */
export interface BaselineSummary {
  /** findings this notifier takes from the scan (the items are the first of them) */
  total: number;
  by_severity: Record<Severity, number>;
  /** the command that lists them all */
  see_all: string;
}

/**
 * An incident (src/detect/incidents.ts): one principal's detections across rules. Its alert's
 * items are the incident's timeline, one item per rule alert, in event order. `update` is false for
 * the first message about the incident, true for a message sent because it grew.
 */
export interface IncidentNotice {
  id: string;
  principal: string;
  cloud: string;
  account: string;
  severity: Severity;
  first_time: string;
  last_time: string;
  /** the ATT&CK tactics reached, in order */
  stages: string[];
  /** detections counted in it */
  detections: number;
  /** its version this message describes */
  version: number;
  update: boolean;
  /** rule alerts beyond those listed */
  alerts_dropped: number;
}

export interface Alert {
  /** the delivery id: the same on every retry of this alert (X-Cloudward-Delivery) */
  id: string;
  notifier: string;
  /** the audit or log source that produced it */
  source: string;
  created_at: string;
  /** a digest batches several items into one message */
  digest: boolean;
  /** for a digest per period: the period it covers */
  period?: { start: string; end: string };
  /** the baseline of an audit's first scan: items are its most severe findings */
  baseline?: BaselineSummary;
  /** one incident: items are its timeline, in event order (never re-sorted by severity) */
  incident?: IncidentNotice;
  items: AlertItem[];
}

function str(bucket: object, key: string): string | undefined {
  const v: unknown = (bucket as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The rule or check behind a finding: detections name their Sigma rule in ext.rule_id. */
export function ruleOf(f: FindingRecord): { id: string; title: string } {
  if (f.com.origin_type === 'detection') {
    const id = str(f.ext, 'rule_id') ?? str(f.ext, 'check_id') ?? f.com.origin_key;
    return { id, title: str(f.ext, 'rule_title') ?? str(f.ext, 'check_title') ?? id };
  }
  return { id: f.ext.check_id, title: f.ext.check_title || f.ext.check_id };
}

/** The notice a finding's state calls for, or undefined when it calls for none. */
export function alertEvent(f: FindingRecord, resolvedNotices: boolean): AlertItem['event'] | undefined {
  const state = f.com.state;
  if (state === 'muted' || state === 'open') return undefined;
  if (state === 'resolved') return resolvedNotices ? 'resolved' : undefined;
  if (f.com.origin_type === 'detection') return 'detected';
  return state;
}

/** The snapshot of a finding that an alert carries. */
export function alertItemOf(f: FindingRecord, event: AlertItem['event']): AlertItem {
  const rule = ruleOf(f);
  const c = f.com;
  const item: AlertItem = {
    finding_id: c.finding_id,
    event,
    origin: c.origin_type === 'detection' ? 'detection' : 'check',
    severity: c.severity,
    rule_id: rule.id,
    title: rule.title,
    description: c.description,
    recommendation: c.recommendation,
    cloud: c.cloud_type,
    account: c.account,
    region: c.region,
    service: c.service,
    reference: c.reference,
    name: c.name,
    compliance: c.compliance,
    first_seen: c.first_seen,
    last_seen: c.last_seen,
  };
  for (const key of ['time', 'actor', 'source_ip', 'action'] as const) {
    const v = str(c, key) ?? str(f.ext, key);
    if (v !== undefined) item[key] = v;
  }
  return item;
}

/** Dedup key of an item: a finding alerts once per window; its resolved notice is separate. */
export function itemKey(item: Pick<AlertItem, 'finding_id' | 'event'>): string {
  return item.event === 'resolved' ? `${item.finding_id}:resolved` : item.finding_id;
}

const EVENT_WORDS: Record<AlertItem['event'], string> = {
  new: 'New finding',
  regressed: 'Regressed finding',
  resolved: 'Resolved',
  detected: 'Detection',
};

export function eventWord(e: AlertItem['event']): string {
  return EVENT_WORDS[e];
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Highest severity first, then by title. */
export function sortedItems(items: readonly AlertItem[]): AlertItem[] {
  return [...items].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.title.localeCompare(b.title));
}

/** "3 critical, 40 high, 89 medium": the non-zero counts, most severe first. */
export function severityCounts(counts: Partial<Record<Severity, number>>): string {
  return (Object.keys(RANK) as Severity[])
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** "discovery → privilege-escalation → defense-evasion" */
export function stagesText(stages: readonly string[]): string {
  return stages.length ? stages.join(' → ') : 'no ATT&CK stage named';
}

/** Items in the order a message lists them: an incident's timeline as it is, others most severe first. */
export function itemsInOrder(alert: Alert): AlertItem[] {
  return alert.incident ? alert.items : sortedItems(alert.items);
}

/** A one-line summary without markup (escape it for the medium before use). */
export function alertSummary(alert: Alert): string {
  if (alert.incident) {
    const i = alert.incident;
    const head = i.update ? 'Incident grew' : 'Incident';
    return `${head} [${i.severity.toUpperCase()}] ${i.principal}: ${stagesText(i.stages)} (${i.detections} detection${i.detections === 1 ? '' : 's'}, ${alert.items.length + i.alerts_dropped} alert${alert.items.length + i.alerts_dropped === 1 ? '' : 's'})`;
  }
  if (alert.baseline) {
    const b = alert.baseline;
    const counts = severityCounts(b.by_severity);
    return `Baseline of ${alert.source}: ${b.total} finding${b.total === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`;
  }
  const first = alert.items[0];
  if (alert.items.length === 1 && first) {
    return `${eventWord(first.event)} [${first.severity.toUpperCase()}] ${first.title}: ${first.name}`;
  }
  const counts = new Map<string, number>();
  for (const i of alert.items) counts.set(i.severity, (counts.get(i.severity) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return `${alert.items.length} alerts from ${alert.source} (${parts})`;
}

/** The fields shown for an item, as label/value pairs (values unescaped). */
export function itemFacts(item: AlertItem): [string, string][] {
  const facts: [string, string][] = [
    ['Severity', item.severity],
    [item.origin === 'detection' ? 'Rule' : 'Check', item.rule_id],
    ['Resource', item.reference],
    ['Account', `${item.cloud} ${item.account}`],
    ['Region', item.region],
  ];
  if (item.time) facts.push(['Time', item.time]);
  if (item.actor) facts.push(['Actor', item.actor]);
  if (item.source_ip) facts.push(['Source IP', item.source_ip]);
  if (item.action) facts.push(['Action', item.action]);
  if (item.count !== undefined) facts.push(['Count', String(item.count)]);
  if (item.last_time) facts.push(['Last event', item.last_time]);
  if (item.targets?.length) facts.push(['Targets', item.targets.join(', ')]);
  if (item.compliance.length > 0) facts.push(['Compliance', item.compliance.join(', ')]);
  facts.push(['First seen', item.first_seen]);
  return facts;
}

/** Cuts text to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

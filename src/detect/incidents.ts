/**
 * Folds detections into alerts and incidents (see incident-model.ts). The tracker keeps each
 * principal's current incident in memory (at most `maxCached` principals) and the rest in the
 * IncidentStore, so a restart continues the incidents it left and memory stays bounded.
 */
import { createHash } from 'node:crypto';
import {
  type Incident,
  type IncidentAlert,
  type IncidentPage,
  type IncidentQuery,
  type IncidentStore,
  incidentTimeMs,
  MAX_ALERTS,
  MAX_TARGETS,
} from '../core/incidents.js';
import type { FindingRecord } from '../core/record.js';
import { type Severity, severityRank } from '../core/severity.js';
import { detectionTarget } from './targets.js';

/** Same rule, same principal: detections within this long of the alert's events join it. */
export const DEFAULT_ALERT_WINDOW_MS = 3_600_000;
/** Same principal, any rule: alerts within this long of the incident's events join it. */
export const DEFAULT_INCIDENT_GAP_MS = 4 * 3_600_000;
/** Detection ids remembered per incident, so reading the same logs again counts nothing twice. */
const MAX_SEEN = 1000;

/** The ATT&CK tactics, as Sigma tags name them (attack.<tactic>). */
const TACTICS = new Set([
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
]);

export interface IncidentOptions {
  /** the log source the detections come from (stored with new incidents) */
  source: string;
  alertWindowMs?: number;
  incidentGapMs?: number;
  /** principals whose current incident is kept in memory (default 10,000) */
  maxCached?: number;
  now?: () => Date;
}

/** An incident as the tracker keeps it: with the detection ids it has counted. */
interface Tracked {
  incident: Incident;
  seen: Set<string>;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

function str(bucket: object, key: string): string | null {
  const v = (bucket as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The tactics a detection's rule names, in the rule's order. */
export function tacticsOf(record: FindingRecord): string[] {
  const rule = record.ext.rule as { tags?: unknown } | undefined;
  const tags = Array.isArray(rule?.tags) ? rule.tags : [];
  const out: string[] = [];
  for (const t of tags) {
    if (typeof t !== 'string' || !t.startsWith('attack.')) continue;
    const tactic = t.slice(7).replaceAll('_', '-');
    if (TACTICS.has(tactic) && !out.includes(tactic)) out.push(tactic);
  }
  return out;
}

/** Who a detection is about: its actor, else its source address. */
export function principalOf(record: FindingRecord): string | null {
  return str(record.ext, 'actor') ?? str(record.com, 'actor') ?? str(record.ext, 'source_ip');
}

const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) >= severityRank(b) ? a : b);

const pushDistinct = (list: string[], v: string | null): boolean => {
  if (v === null || list.includes(v)) return false;
  if (list.length >= MAX_TARGETS) return true;
  list.push(v);
  return false;
};

export class IncidentTracker {
  private readonly alertWindowMs: number;
  private readonly gapMs: number;
  private readonly maxCached: number;
  private readonly now: () => Date;
  /** principal key -> its current incident (least recently used first) */
  private readonly current = new Map<string, Tracked>();
  /** incident id -> incident changed since the last flush */
  private readonly dirty = new Map<string, Tracked>();
  /** ids of the incidents this tracker opened or changed */
  readonly touched = new Set<string>();

  constructor(
    private readonly store: IncidentStore,
    private readonly o: IncidentOptions,
  ) {
    this.alertWindowMs = o.alertWindowMs ?? DEFAULT_ALERT_WINDOW_MS;
    this.gapMs = o.incidentGapMs ?? DEFAULT_INCIDENT_GAP_MS;
    this.maxCached = o.maxCached ?? 10_000;
    this.now = o.now ?? (() => new Date());
  }

  /** Adds detections (in any order; each counted once per incident). */
  async add(records: readonly FindingRecord[]): Promise<void> {
    for (const r of records) await this.addOne(r);
  }

  /** Writes the incidents changed since the last flush. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const changed = [...this.dirty.values()].map((t) => withSeen(t));
    this.dirty.clear();
    await this.store.saveIncidents(changed);
  }

  private async addOne(record: FindingRecord): Promise<void> {
    const time = str(record.ext, 'time') ?? record.com.first_seen;
    const t = incidentTimeMs(time, `detection ${record.com.finding_id} time`);
    const principal = principalOf(record);
    const rule = {
      id: str(record.ext, 'check_id') ?? record.com.origin_key,
      title: str(record.ext, 'check_title'),
    };
    // a detection that names nobody is its own rule's incident: it must not join strangers' activity
    const who = principal ?? `(no actor: ${rule.id})`;
    // (unit separators: PostgreSQL text holds no NUL)
    const key = `${record.com.cloud_type}\u001f${record.com.account}\u001f${who}`;
    const tracked = await this.incidentFor(key, t, () => ({
      incident: {
        id: hash(key, new Date(t).toISOString()),
        principal: who,
        principal_key: key,
        cloud: record.com.cloud_type,
        account: record.com.account,
        source: this.o.source,
        first_time: new Date(t).toISOString(),
        last_time: new Date(t).toISOString(),
        severity: record.com.severity,
        stages: [],
        detections: 0,
        alerts: [],
        alerts_dropped: 0,
        version: 0,
        notified_version: 0,
        notified_at: null,
        status: 'open',
        updated_at: this.now().toISOString(),
      },
      seen: new Set(),
    }));
    const id = record.com.finding_id;
    if (tracked.seen.has(id)) return;
    tracked.seen.add(id);
    if (tracked.seen.size > MAX_SEEN) {
      const oldest = tracked.seen.values().next();
      if (!oldest.done) tracked.seen.delete(oldest.value);
    }
    this.apply(tracked.incident, record, t, rule.id, rule.title ?? rule.id);
    this.dirty.set(tracked.incident.id, tracked);
    this.touched.add(tracked.incident.id);
  }

  /** The incident of `key` that time `t` belongs to: the cached one, a stored one, or a new one. */
  private async incidentFor(key: string, t: number, open: () => Tracked): Promise<Tracked> {
    const cached = this.current.get(key);
    if (cached && this.within(cached.incident, t)) {
      this.current.delete(key);
      this.current.set(key, cached);
      return cached;
    }
    // what the store answers must include what this tracker changed
    await this.flush();
    const stored = await this.store.findIncident(key, t, this.gapMs);
    const tracked = stored ? { incident: stored, seen: new Set(stored.seen ?? []) } : open();
    this.current.delete(key);
    this.current.set(key, tracked);
    if (this.current.size > this.maxCached) {
      const oldest = this.current.keys().next();
      if (!oldest.done) this.current.delete(oldest.value);
    }
    return tracked;
  }

  private within(incident: Incident, t: number): boolean {
    return (
      t >= Date.parse(incident.first_time) - this.gapMs && t <= Date.parse(incident.last_time) + this.gapMs
    );
  }

  private apply(incident: Incident, record: FindingRecord, t: number, ruleId: string, title: string): void {
    const iso = new Date(t).toISOString();
    const ref = {
      id: str(record.ext, 'event_id') ?? record.com.reference,
      time: iso,
      action: str(record.ext, 'action') ?? str(record.com, 'action') ?? title,
      source_ip: str(record.ext, 'source_ip'),
      detection_id: record.com.finding_id,
    };
    const target = detectionTarget(record.raw);
    let alert = incident.alerts.find(
      (a) =>
        a.rule_id === ruleId &&
        t >= Date.parse(a.first.time) - this.alertWindowMs &&
        t <= Date.parse(a.last.time) + this.alertWindowMs,
    );
    if (!alert) {
      if (incident.alerts.length >= MAX_ALERTS) {
        incident.alerts_dropped += 1;
      } else {
        alert = {
          id: hash(incident.principal_key, ruleId, iso),
          rule_id: ruleId,
          rule_title: title,
          severity: record.com.severity,
          tactics: tacticsOf(record),
          count: 0,
          first: ref,
          last: ref,
          targets: [],
          targets_truncated: false,
          source_ips: [],
        };
        incident.alerts.push(alert);
      }
    }
    if (alert) {
      alert.count += 1;
      if (t < Date.parse(alert.first.time)) alert.first = ref;
      if (t >= Date.parse(alert.last.time)) alert.last = ref;
      if (pushDistinct(alert.targets, target)) alert.targets_truncated = true;
      pushDistinct(alert.source_ips, ref.source_ip);
    }
    incident.detections += 1;
    if (t < Date.parse(incident.first_time)) incident.first_time = iso;
    if (t > Date.parse(incident.last_time)) incident.last_time = iso;
    incident.severity = maxSeverity(incident.severity, record.com.severity);
    // the timeline is in event order (logs arrive out of order across files and regions)
    // (one event raising several rules: the more severe first)
    incident.alerts.sort(
      (a, b) =>
        Date.parse(a.first.time) - Date.parse(b.first.time) ||
        severityRank(b.severity) - severityRank(a.severity),
    );
    const stages: string[] = [];
    for (const a of incident.alerts)
      for (const s of a.tactics.slice(0, 1)) if (!stages.includes(s)) stages.push(s);
    incident.stages = stages;
    incident.version += 1;
    incident.updated_at = this.now().toISOString();
  }
}

function withSeen(t: Tracked): Incident {
  return { ...t.incident, seen: [...t.seen] };
}

/**
 * Incidents in memory, for runs without a store (`detect --no-store`) and for tests. Bounded:
 * beyond `max` incidents the least recently written are forgotten.
 */
export class MemoryIncidentStore implements IncidentStore {
  readonly location = ':memory:';
  private readonly byId = new Map<string, Incident>();

  constructor(private readonly max = 10_000) {}

  async findIncident(principalKey: string, timeMs: number, gapMs: number): Promise<Incident | null> {
    let best: Incident | null = null;
    for (const i of this.byId.values()) {
      if (i.principal_key !== principalKey) continue;
      if (timeMs < Date.parse(i.first_time) - gapMs || timeMs > Date.parse(i.last_time) + gapMs) continue;
      if (!best || Date.parse(i.last_time) > Date.parse(best.last_time)) best = i;
    }
    return best ? structuredClone(best) : null;
  }

  async saveIncidents(incidents: readonly Incident[]): Promise<void> {
    for (const i of incidents) {
      this.byId.delete(i.id);
      this.byId.set(i.id, structuredClone(i));
      if (this.byId.size > this.max) {
        const oldest = this.byId.keys().next();
        if (!oldest.done) this.byId.delete(oldest.value);
      }
    }
  }

  async getIncident(id: string): Promise<Incident | null> {
    const i = this.byId.get(id);
    return i ? structuredClone(i) : null;
  }

  async incidents(q: IncidentQuery): Promise<IncidentPage> {
    const from = q.from ? Date.parse(q.from) : undefined;
    const to = q.to ? Date.parse(q.to) : undefined;
    const all = [...this.byId.values()]
      .filter(
        (i) =>
          (from === undefined || Date.parse(i.last_time) >= from) &&
          (to === undefined || Date.parse(i.first_time) < to) &&
          (q.principal === undefined || i.principal === q.principal) &&
          (q.min_severity === undefined || severityRank(i.severity) >= severityRank(q.min_severity)),
      )
      .sort((a, b) => Date.parse(b.last_time) - Date.parse(a.last_time) || a.id.localeCompare(b.id));
    return {
      total: all.length,
      items: all.slice(q.offset, q.offset + q.limit).map((i) => structuredClone(i)),
    };
  }

  async unnotified(limit: number, source?: string): Promise<Incident[]> {
    return [...this.byId.values()]
      .filter((i) => i.version > i.notified_version && (source === undefined || i.source === source))
      .sort((a, b) => Date.parse(a.first_time) - Date.parse(b.first_time))
      .slice(0, limit)
      .map((i) => structuredClone(i));
  }

  async markNotified(id: string, version: number, at: Date = new Date()): Promise<void> {
    const i = this.byId.get(id);
    if (i && version > i.notified_version) {
      i.notified_version = version;
      i.notified_at = at.toISOString();
    }
  }

  async close(): Promise<void> {}
}

export type { Incident, IncidentAlert, IncidentPage, IncidentQuery, IncidentStore };

/**
 * Incidents: what an analyst reads instead of one line per matching event.
 *
 * - An *alert* is the detections of one rule for one principal whose events lie within the alert
 *   window of each other: one entry with a count, the first and last events and the distinct targets.
 * - An *incident* is the alerts of one principal (in one account) whose events lie within the incident
 *   gap of each other, whatever their rules: a timeline, in event order, of what the principal did
 *   (discovery, then privilege escalation, then logging stopped...).
 *
 * Both are judged on event time, not on the time the logs are read, so replaying a day of logs gives
 * the same incidents as watching it happen.
 */
import type { Severity } from '../core/severity.js';

/** One event of an alert, as far as the alert keeps it. */
export interface AlertEventRef {
  /** the event's own id (CloudTrail eventID...) */
  id: string;
  time: string;
  action: string;
  source_ip: string | null;
  /** the detection (finding) id this event raised */
  detection_id: string;
}

export interface IncidentAlert {
  /** hash of the rule, the principal and the time of the alert's first event */
  id: string;
  rule_id: string;
  rule_title: string;
  severity: Severity;
  /** the ATT&CK tactics the rule names (discovery, privilege-escalation...), in the rule's order */
  tactics: string[];
  count: number;
  first: AlertEventRef;
  last: AlertEventRef;
  /** the distinct resources acted on, in the order first seen (at most MAX_TARGETS) */
  targets: string[];
  /** true when more distinct targets were seen than `targets` keeps */
  targets_truncated: boolean;
  /** the distinct source addresses, in the order first seen (at most MAX_TARGETS) */
  source_ips: string[];
}

export type IncidentStatus = 'open' | 'closed';

export interface Incident {
  /** hash of the principal key and the time of the incident's first event */
  id: string;
  /** who acted: the actor ARN, UPN or e-mail; or the source address when the log names no actor */
  principal: string;
  /** cloud, account and principal: the incident's grouping key */
  principal_key: string;
  cloud: string;
  account: string;
  /** the source (log source name) that first raised it */
  source: string;
  first_time: string;
  last_time: string;
  /** the most severe alert's severity */
  severity: Severity;
  /** the distinct tactics of its alerts, in the order the principal reached them */
  stages: string[];
  /** detections in all its alerts */
  detections: number;
  /** the timeline: alerts in the order of their first events */
  alerts: IncidentAlert[];
  /** alerts not kept because the incident already holds MAX_ALERTS */
  alerts_dropped: number;
  /** raised by each change; notifiers are told about versions above `notified_version` */
  version: number;
  notified_version: number;
  /** when notifiers were last told about it */
  notified_at: string | null;
  status: IncidentStatus;
  updated_at: string;
  /**
   * the detection ids it counted (the most recent MAX_SEEN): reading the same logs again adds
   * nothing. Kept in the store, left out of what the API and notifiers show.
   */
  seen?: string[];
}

/** Per alert: distinct targets and source addresses kept. */
export const MAX_TARGETS = 25;
/** Per incident: alerts kept (a principal firing more distinct rule windows is summarised by the count). */
export const MAX_ALERTS = 200;

export interface IncidentQuery {
  /** incidents whose last event is at or after this ISO time */
  from?: string;
  /** incidents whose first event is before this ISO time */
  to?: string;
  principal?: string;
  min_severity?: Severity;
  limit: number;
  offset: number;
}

export interface IncidentPage {
  total: number;
  items: Incident[];
}

/**
 * Where incidents persist (SQLite or PostgreSQL, src/store/incidents-*.ts; in memory for runs
 * without a store). The tracker reads an incident once and keeps it while it is active.
 */
export interface IncidentStore {
  readonly location: string;
  /**
   * The incident of `principalKey` whose event span, widened by `gapMs` on both sides, holds
   * `timeMs`; the latest such when several do. Null when none.
   */
  findIncident(principalKey: string, timeMs: number, gapMs: number): Promise<Incident | null>;
  /** Writes incidents (insert or replace by id), in one transaction. */
  saveIncidents(incidents: readonly Incident[]): Promise<void>;
  getIncident(id: string): Promise<Incident | null>;
  /** Newest last event first. */
  incidents(q: IncidentQuery): Promise<IncidentPage>;
  /**
   * Incidents with changes notifiers were not told about (version above notified_version),
   * oldest first; with `source`, only those that log source opened (its notifiers tell them).
   */
  unnotified(limit: number, source?: string): Promise<Incident[]>;
  /** Records that notifiers were told about `version`; a later version stays unnotified. */
  markNotified(id: string, version: number, at?: Date): Promise<void>;
  close(): Promise<void>;
}

/** ISO time to epoch ms; throws naming the field for a value that is not a time. */
export function incidentTimeMs(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what}: ${JSON.stringify(value)} is not a time`);
  return ms;
}

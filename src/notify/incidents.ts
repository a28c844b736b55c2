/**
 * Incidents to notifiers: one message when an incident opens, then one update each time it has
 * grown, never one message per detection. What was told is kept on the incident
 * (notified_version), so a restart neither repeats a message nor loses an update.
 */

import type { NotifierOptions } from '../config/notifier-options.js';
import type { Incident, IncidentAlert, IncidentStore } from '../core/incidents.js';
import type { Logger } from '../core/logger.js';
import type { Outbox } from '../store/sqlite-outbox.js';
import type { AlertItem, IncidentNotice } from './alert.js';
import { routes } from './routing.js';

/** An incident that grows is re-sent at most this often (its first message goes at once). */
export const DEFAULT_UPDATE_INTERVAL_MS = 15 * 60_000;
/** Incidents looked at per call. */
const BATCH = 500;

export interface IncidentEnqueueOptions {
  /** the log source key (for routing filters on `audits`) */
  source: string;
  notify: readonly string[];
  notifiers: Record<string, NotifierOptions>;
  outbox: Outbox;
  logger: Logger;
  now?: Date;
  updateIntervalMs?: number;
}

export interface IncidentEnqueueSummary {
  /** incidents told about for the first time */
  opened: number;
  /** grown incidents told about again */
  updated: number;
  /** outbox rows written */
  alerts: number;
  /** grown incidents whose update waits for the update interval */
  waiting: number;
}

function itemOf(incident: Incident, a: IncidentAlert): AlertItem {
  const targets = a.targets.length
    ? ` on ${a.targets.slice(0, 5).join(', ')}${a.targets.length > 5 || a.targets_truncated ? ', …' : ''}`
    : '';
  const times =
    a.count === 1 ? `at ${a.first.time}` : `${a.count} times between ${a.first.time} and ${a.last.time}`;
  return {
    finding_id: a.id,
    event: 'detected',
    origin: 'detection',
    severity: a.severity,
    rule_id: a.rule_id,
    title: a.rule_title,
    description: `${a.rule_title}: ${a.first.action}${targets}, ${times}`,
    recommendation: '',
    cloud: incident.cloud,
    account: incident.account,
    region: '',
    service: '',
    reference: a.first.id,
    name: a.targets[0] ?? a.first.action,
    compliance: [],
    first_seen: a.first.time,
    last_seen: a.last.time,
    time: a.first.time,
    actor: incident.principal,
    ...(a.first.source_ip ? { source_ip: a.first.source_ip } : {}),
    action: a.first.action,
    count: a.count,
    last_time: a.last.time,
    targets: a.targets,
    tactics: a.tactics,
  };
}

export function incidentNotice(incident: Incident, update: boolean): IncidentNotice {
  return {
    id: incident.id,
    principal: incident.principal,
    cloud: incident.cloud,
    account: incident.account,
    severity: incident.severity,
    first_time: incident.first_time,
    last_time: incident.last_time,
    stages: incident.stages,
    detections: incident.detections,
    version: incident.version,
    update,
    alerts_dropped: incident.alerts_dropped,
  };
}

/**
 * Records a message in the outbox, per notifier that takes it, for each incident with changes
 * not yet told: its first message at once, an update when the last message is older than the
 * update interval. A notifier takes an incident when it takes any of its alerts (min_severity,
 * include / exclude); it then gets the whole timeline, since the context is the point.
 */
export async function enqueueIncidents(
  store: IncidentStore,
  o: IncidentEnqueueOptions,
): Promise<IncidentEnqueueSummary> {
  const now = o.now ?? new Date();
  const interval = o.updateIntervalMs ?? DEFAULT_UPDATE_INTERVAL_MS;
  const summary: IncidentEnqueueSummary = { opened: 0, updated: 0, alerts: 0, waiting: 0 };
  const names = [...new Set(o.notify)].filter((n) => {
    if (o.notifiers[n]) return true;
    o.logger.warn(`${o.source}: notifier "${n}" is not in the config; its incident alerts are not recorded`);
    return false;
  });
  // another source's incidents are its own notifiers' to tell
  for (const incident of await store.unnotified(BATCH, o.source)) {
    const first = incident.notified_version === 0;
    const lastTold = incident.notified_at ? Date.parse(incident.notified_at) : Number.NaN;
    if (!first && now.getTime() - lastTold < interval) {
      summary.waiting += 1;
      continue;
    }
    const items = incident.alerts.map((a) => itemOf(incident, a));
    for (const name of names) {
      const opts = o.notifiers[name] as NotifierOptions;
      if (!items.some((i) => routes(i, o.source, opts))) continue;
      const r = await o.outbox.enqueue(
        {
          notifier: name,
          dedup_key: `incident:${incident.id}:${incident.version}`,
          // the incident's own bookkeeping says what was told; the outbox must not drop an update
          dedup_window_ms: 0,
          // a replica killed between this write and markNotified leaves the version unmarked: the
          // one taking over must not record the same message again under a new delivery id
          recording: `incident:${incident.id}:${incident.version}`,
          max_attempts: opts.max_attempts,
          envelope: {
            notifier: name,
            source: o.source,
            created_at: now.toISOString(),
            digest: true,
            incident: incidentNotice(incident, !first),
          },
          items: items.map((i) => ({ key: `incident:${incident.id}:${i.finding_id}`, value: i })),
        },
        now,
      );
      if (r.id !== null) summary.alerts += 1;
    }
    await store.markNotified(incident.id, incident.version, now);
    if (first) summary.opened += 1;
    else summary.updated += 1;
  }
  return summary;
}

import type { NotifierOptions } from '../config/notifier-options.js';
import type { Config } from '../config/schema.js';
import { parseDuration } from '../core/duration.js';
import type { ScanReport } from '../core/engine.js';
import type { Logger } from '../core/logger.js';
import type { FindingRecord } from '../core/record.js';
import type { Outbox } from '../store/outbox.js';
import { type Alert, type AlertItem, alertEvent, alertItemOf, itemKey, sortedItems } from './alert.js';
import { baselineOf } from './baseline.js';
import type { Notifier } from './notifier.js';
import { routes } from './routing.js';

export interface NotifierCounts {
  /** outbox rows written (or digests added to) */
  alerts: number;
  /** findings and detections enqueued */
  items: number;
  /** dropped because the same finding was enqueued for this notifier within its dedup window */
  duplicates: number;
}

export interface NotifySummary extends NotifierCounts {
  by_notifier: Record<string, NotifierCounts>;
}

export interface EnqueueOptions {
  /** the audit key or log source key the findings come from */
  source: string;
  /** the notifier names to route to (audits.<a>.notify, logs.<l>.notify) */
  notify: readonly string[];
  /** the notifiers section of the config */
  notifiers: Record<string, NotifierOptions>;
  outbox: Outbox;
  logger: Logger;
  now?: Date;
  /**
   * The findings are the first full scan of the audit `source`: each notifier gets one baseline
   * message (counts by severity, the most severe findings, how to see all) instead of one
   * message per finding, whatever its digest setting.
   */
  baseline?: boolean;
  /**
   * The scan the findings are of: its alerts are recorded once per notifier, so recording them
   * again (the scan resumed after a crash before its commit) writes nothing, whatever the dedup
   * window.
   */
  scanId?: string;
}

const emptySummary = (): NotifySummary => ({ alerts: 0, items: 0, duplicates: 0, by_notifier: {} });

/** The items a notifier takes from these findings: new, regressed, detections (resolved when it opts in), routed. */
export function itemsFor(
  findings: readonly FindingRecord[],
  source: string,
  o: NotifierOptions,
): AlertItem[] {
  const items: AlertItem[] = [];
  for (const f of findings) {
    const event = alertEvent(f, o.resolved);
    if (!event) continue;
    const item = alertItemOf(f, event);
    if (routes(item, source, o)) items.push(item);
  }
  return sortedItems(items);
}

/**
 * Records alerts for findings in the outbox, per notifier: one row per item, one digest row
 * per call (`digest: true`) or items added to the digest row of the current period
 * (`digest: { every }`); for a baseline, one baseline row. Nothing is sent here; deliver()
 * sends. Nothing new, nothing written.
 */
export async function enqueueAlerts(
  findings: readonly FindingRecord[],
  o: EnqueueOptions,
): Promise<NotifySummary> {
  const now = o.now ?? new Date();
  const summary = emptySummary();
  for (const name of new Set(o.notify)) {
    const opts = o.notifiers[name];
    if (!opts) {
      o.logger.warn(`${o.source}: notifier "${name}" is not in the config; its alerts are not recorded`);
      continue;
    }
    const items = itemsFor(findings, o.source, opts);
    if (items.length === 0) continue;
    const counts: NotifierCounts = { alerts: 0, items: 0, duplicates: 0 };
    const base = {
      notifier: name,
      dedup_window_ms: opts.dedup_minutes * 60_000,
      max_attempts: opts.max_attempts,
      ...(o.scanId ? { recording: `scan:${o.scanId}` } : {}),
    };
    const envelope = (digest: boolean, period?: Alert['period']) => ({
      notifier: name,
      source: o.source,
      created_at: now.toISOString(),
      digest,
      ...(period ? { period } : {}),
    });
    const record = async (r: Awaited<ReturnType<Outbox['enqueue']>>) => {
      if (r.id !== null) counts.alerts += 1;
      counts.items += r.enqueued;
      counts.duplicates += r.duplicates;
    };
    const every = typeof opts.digest === 'object' ? parseDuration(opts.digest.every) : undefined;
    if (o.baseline) {
      const { summary: baseline, top } = baselineOf(items, o.source);
      const r = await o.outbox.enqueue(
        {
          ...base,
          dedup_key: `baseline:${o.source}:${now.toISOString()}`,
          // its items' keys are its own, so it never silences the per-finding alerts of later
          // scans; within the dedup window they make recording it again (the same first scan,
          // killed before it committed, run again) a no-op, as per-finding keys do
          envelope: { ...envelope(true), baseline },
          items: top.map((i) => ({ key: `baseline:${itemKey(i)}`, value: i })),
        },
        now,
      );
      counts.alerts += r.id === null ? 0 : 1;
      counts.items += baseline.total;
    } else if (every !== undefined) {
      const start = Math.floor(now.getTime() / every) * every;
      const period = { start: new Date(start).toISOString(), end: new Date(start + every).toISOString() };
      await record(
        await o.outbox.enqueue(
          {
            ...base,
            dedup_key: `digest:${o.source}:${period.start}`,
            envelope: envelope(true, period),
            items: items.map((i) => ({ key: itemKey(i), value: i })),
            not_before: new Date(start + every),
            merge: true,
          },
          now,
        ),
      );
    } else if (opts.digest === true) {
      await record(
        await o.outbox.enqueue(
          {
            ...base,
            dedup_key: `run:${o.source}:${now.toISOString()}`,
            envelope: envelope(true),
            items: items.map((i) => ({ key: itemKey(i), value: i })),
          },
          now,
        ),
      );
    } else {
      const results = await o.outbox.enqueueMany(
        items.map((i) => ({
          ...base,
          dedup_key: itemKey(i),
          envelope: envelope(false),
          items: [{ key: itemKey(i), value: i }],
        })),
        now,
      );
      for (const r of results) await record(r);
    }
    summary.by_notifier[name] = counts;
    summary.alerts += counts.alerts;
    summary.items += counts.items;
    summary.duplicates += counts.duplicates;
  }
  return summary;
}

/**
 * Enqueues the alerts of a finished scan for the notifiers its audit names: new and regressed
 * findings (and resolved ones for notifiers that opt in), filtered by each notifier's rules;
 * for the audit's first full scan (`baseline`), one baseline per notifier.
 */
export async function notifyScan(
  report: Pick<ScanReport, 'findings'>,
  audit: string,
  config: Pick<Config, 'audits' | 'notifiers'>,
  outbox: Outbox,
  notifiers: ReadonlyMap<string, Notifier>,
  logger: Logger,
  now?: Date,
  baseline = false,
  scanId?: string,
): Promise<NotifySummary> {
  const notify = config.audits[audit]?.notify ?? [];
  if (notify.length === 0) return emptySummary();
  for (const n of notify) {
    if (config.notifiers[n] && !notifiers.has(n))
      logger.warn(`notifier ${n} is not available in this run: its alerts wait in the outbox`);
  }
  return enqueueAlerts(report.findings, {
    source: audit,
    notify,
    notifiers: config.notifiers,
    outbox,
    logger,
    baseline,
    ...(now ? { now } : {}),
    ...(scanId ? { scanId } : {}),
  });
}

import type { NotifierOptions } from '../config/notifier-options.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { FindingRecord } from '../core/record.js';
import type { Outbox } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { deliver, type NotifierReport } from './deliver.js';
import { type NotifySummary, notifyScan } from './enqueue.js';
import { closeNotifiers, createNotifiers } from './factory.js';
import { messageOf, type Notifier } from './notifier.js';

/** Delivered and failed outbox rows are kept this long (longer than any dedup window). */
const RETENTION_MS = 31 * 24 * 3_600_000;

/**
 * A scan waits at most this long for a receiver's answer (less when the notifier's
 * timeout_seconds is shorter): a receiver that is down must not hold the scan.
 */
export const SCAN_SEND_TIMEOUT_SECONDS = 5;

export interface ScanAlertsOptions {
  audit: string;
  config: Pick<Config, 'audits' | 'notifiers'>;
  /** the store the scan is written to; the outbox is one of its tables */
  store: Pick<Store, 'location' | 'openOutbox'>;
  logger: Logger;
}

/** The alerts of one `cloudward scan` (an AuditAlerts of src/audit/runner.ts, and closed after the run). */
export interface ScanAlerts {
  /** records the scan's alerts in the outbox (once per scan), before it commits; a failure aborts the scan */
  record(findings: FindingRecord[], baseline: boolean, scanId: string): Promise<void>;
  /** sends what is due, once the scan is committed; never throws */
  deliver(): Promise<void>;
  close(): Promise<void>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line for a notifier whose receiver failed in this run, or undefined when none did. */
export function notifierLine(
  name: string,
  type: string,
  r: NotifierReport | undefined,
  pending: number,
): { level: 'warn' | 'error'; text: string } | undefined {
  if (!r || r.retried + r.failed === 0) return undefined;
  const outcomes: string[] = [];
  if (r.failed > 0) outcomes.push(`${plural(r.failed, 'alert')} refused and not retried`);
  if (pending > 0)
    outcomes.push(`${plural(pending, 'alert')} left in the outbox, delivered by the next scan or watch`);
  return {
    level: r.failed > 0 ? 'error' : 'warn',
    text: `${type} '${name}': ${r.last_reason ?? r.last_error ?? 'failed'}; ${outcomes.join('; ')}`,
  };
}

/**
 * The alerts of `cloudward scan` for an audit that names notifiers, or undefined when it names
 * none or they cannot be recorded (said in one line; the scan still runs). record() enqueues the
 * scan's alerts in the store's outbox before the scan commits (one baseline per notifier for the
 * audit's first full scan); deliver() then sends what is due, this run's alerts and any left
 * from earlier runs. Each notifier's receiver is tried once, with a short timeout: when it
 * fails, its alerts stay in the outbox for the next scan or `watch`, and one line per notifier
 * says so. A delivery problem is logged and never fails the scan.
 */
export async function openScanAlerts(o: ScanAlertsOptions): Promise<ScanAlerts | undefined> {
  const names = o.config.audits[o.audit]?.notify ?? [];
  if (names.length === 0) return undefined;
  if (o.store.location === ':memory:') {
    o.logger.warn('alerts are not sent: the store is in memory, so there is no outbox to record them in');
    return undefined;
  }
  const quick: Record<string, NotifierOptions> = {};
  for (const [name, n] of Object.entries(o.config.notifiers))
    quick[name] = { ...n, timeout_seconds: Math.min(n.timeout_seconds, SCAN_SEND_TIMEOUT_SECONDS) };
  const notifiers = createNotifiers(quick, o.logger, names);
  let outbox: Outbox;
  try {
    outbox = await o.store.openOutbox();
  } catch (err) {
    o.logger.error(`alerts could not be sent: ${messageOf(err)}`);
    await closeNotifiers(notifiers);
    return undefined;
  }
  let queued: NotifySummary | undefined;
  let wasBaseline = false;
  return {
    async record(findings, baseline, scanId) {
      wasBaseline = baseline;
      queued = await notifyScan(
        { findings },
        o.audit,
        o.config,
        outbox,
        notifiers,
        o.logger,
        undefined,
        baseline,
        scanId,
      );
      if (queued.duplicates > 0)
        o.logger.info(
          `${queued.duplicates} alert(s) not repeated: already recorded (within their dedup window, or by this scan before it was resumed)`,
        );
    },
    async deliver() {
      try {
        await deliverAndReport(o, outbox, notifiers, queued, wasBaseline);
      } catch (err) {
        o.logger.error(`alerts could not be sent: ${messageOf(err)}`);
      }
    },
    async close() {
      await outbox.close();
      await closeNotifiers(notifiers);
    },
  };
}

async function deliverAndReport(
  o: ScanAlertsOptions,
  outbox: Outbox,
  notifiers: ReadonlyMap<string, Notifier>,
  queued: NotifySummary | undefined,
  baseline: boolean,
): Promise<void> {
  const report = await deliver(outbox, notifiers, { logger: o.logger, maxWaitMs: 0, logAttempts: false });
  const items = queued?.items ?? 0;
  if ((queued?.alerts ?? 0) > 0 || report.delivered > 0) {
    const what = baseline ? `a baseline of ${plural(items, 'finding')}` : plural(items, 'finding');
    o.logger.info(`alerts: ${what} queued; ${plural(report.delivered, 'message')} delivered`);
  }
  const stats = await outbox.stats();
  let waiting = 0;
  for (const name of notifiers.keys()) {
    const pending = stats.by_notifier[name]?.pending ?? 0;
    const line = notifierLine(name, o.config.notifiers[name]?.type ?? '?', report.by_notifier[name], pending);
    if (line) o.logger[line.level](line.text);
    else waiting += pending;
  }
  if (waiting > 0)
    o.logger.info(`${plural(waiting, 'alert')} wait in the outbox for a digest period or a retry due later`);
  await outbox.prune(new Date(Date.now() - RETENTION_MS));
}

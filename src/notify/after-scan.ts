import type { NotifierOptions } from '../config/notifier-options.js';
import type { Config } from '../config/schema.js';
import type { ScanReport } from '../core/engine.js';
import type { Logger } from '../core/logger.js';
import type { Outbox } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { isFirstFullScan } from './baseline.js';
import { deliver, type NotifierReport } from './deliver.js';
import { notifyScan } from './enqueue.js';
import { closeNotifiers, createNotifiers } from './factory.js';
import { messageOf } from './notifier.js';

/** Delivered and failed outbox rows are kept this long (longer than any dedup window). */
const RETENTION_MS = 31 * 24 * 3_600_000;

/**
 * A scan waits at most this long for a receiver's answer (less when the notifier's
 * timeout_seconds is shorter): a receiver that is down must not hold the scan.
 */
export const SCAN_SEND_TIMEOUT_SECONDS = 5;

export interface AlertAfterScanOptions {
  report: Pick<ScanReport, 'findings' | 'scan'>;
  audit: string;
  config: Pick<Config, 'audits' | 'notifiers'>;
  /** the store the scan was committed to; the outbox is one of its tables */
  store: Pick<Store, 'location' | 'listScans' | 'openOutbox'>;
  logger: Logger;
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
 * What `cloudward scan` does after a scan whose audit names notifiers: enqueue the scan's
 * alerts in the store's outbox (one baseline per notifier for the audit's first full scan),
 * then deliver what is due, this run's alerts and any left from earlier runs. Each notifier's
 * receiver is tried once, with a short timeout: when it fails, its alerts stay in the outbox
 * for the next scan or `watch`, and one line per notifier says so. Never throws: a
 * notification problem is logged and does not fail the scan.
 */
export async function alertAfterScan(o: AlertAfterScanOptions): Promise<void> {
  const names = o.config.audits[o.audit]?.notify ?? [];
  if (names.length === 0) return;
  if (o.store.location === ':memory:') {
    o.logger.warn('alerts are not sent: the store is in memory, so there is no outbox to record them in');
    return;
  }
  const quick: Record<string, NotifierOptions> = {};
  for (const [name, n] of Object.entries(o.config.notifiers))
    quick[name] = { ...n, timeout_seconds: Math.min(n.timeout_seconds, SCAN_SEND_TIMEOUT_SECONDS) };
  const notifiers = createNotifiers(quick, o.logger, names);
  let outbox: Outbox | undefined;
  try {
    outbox = await o.store.openOutbox();
    const baseline = await isFirstFullScan(o.store, o.audit, o.report.scan.id);
    const queued = await notifyScan(
      o.report,
      o.audit,
      o.config,
      outbox,
      notifiers,
      o.logger,
      undefined,
      baseline,
    );
    if (queued.duplicates > 0)
      o.logger.info(`${queued.duplicates} alert(s) not repeated: already sent within their dedup window`);
    const report = await deliver(outbox, notifiers, { logger: o.logger, maxWaitMs: 0, logAttempts: false });
    if (queued.alerts > 0 || report.delivered > 0) {
      const what = baseline
        ? `a baseline of ${plural(queued.items, 'finding')}`
        : plural(queued.items, 'finding');
      o.logger.info(`alerts: ${what} queued; ${plural(report.delivered, 'message')} delivered`);
    }
    const stats = await outbox.stats();
    let waiting = 0;
    for (const name of notifiers.keys()) {
      const pending = stats.by_notifier[name]?.pending ?? 0;
      const line = notifierLine(
        name,
        o.config.notifiers[name]?.type ?? '?',
        report.by_notifier[name],
        pending,
      );
      if (line) o.logger[line.level](line.text);
      else waiting += pending;
    }
    if (waiting > 0)
      o.logger.info(
        `${plural(waiting, 'alert')} wait in the outbox for a digest period or a retry due later`,
      );
    await outbox.prune(new Date(Date.now() - RETENTION_MS));
  } catch (err) {
    o.logger.error(`alerts could not be sent: ${messageOf(err)}`);
  } finally {
    await outbox?.close();
    await closeNotifiers(notifiers);
  }
}

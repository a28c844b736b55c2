import type { Config } from '../config/schema.js';
import type { ScanReport } from '../core/engine.js';
import type { Logger } from '../core/logger.js';
import { openSqliteOutbox } from '../store/sqlite-outbox.js';
import { deliver } from './deliver.js';
import { notifyScan } from './enqueue.js';
import { closeNotifiers, createNotifiers } from './factory.js';
import { messageOf } from './notifier.js';

/** Delivered and failed outbox rows are kept this long (longer than any dedup window). */
const RETENTION_MS = 31 * 24 * 3_600_000;

export interface AlertAfterScanOptions {
  report: Pick<ScanReport, 'findings'>;
  audit: string;
  config: Pick<Config, 'audits' | 'notifiers'>;
  /** the SQLite store file the scan wrote (the outbox lives in it) */
  storeLocation: string;
  logger: Logger;
  /** how long to keep retrying failed sends before leaving them to the next run */
  maxWaitMs?: number;
}

/**
 * What `cloudward scan` does after a scan whose audit names notifiers: enqueue the scan's
 * alerts in the store's outbox, then deliver what is due (this run's alerts and any left over
 * from earlier runs). Alerts still failing when maxWaitMs is up stay in the outbox for the next
 * run. Never throws: a notification problem is logged and does not fail the scan.
 */
export async function alertAfterScan(o: AlertAfterScanOptions): Promise<void> {
  const names = o.config.audits[o.audit]?.notify ?? [];
  if (names.length === 0) return;
  if (o.storeLocation === ':memory:') {
    o.logger.warn('alerts are not sent: the store is in memory, so there is no outbox to record them in');
    return;
  }
  const notifiers = createNotifiers(o.config.notifiers, o.logger, names);
  let outbox: Awaited<ReturnType<typeof openSqliteOutbox>> | undefined;
  try {
    outbox = await openSqliteOutbox(o.storeLocation);
    const queued = await notifyScan(o.report, o.audit, o.config, outbox, notifiers, o.logger);
    if (queued.duplicates > 0)
      o.logger.info(`${queued.duplicates} alert(s) not repeated: already sent within their dedup window`);
    const report = await deliver(outbox, notifiers, { logger: o.logger, maxWaitMs: o.maxWaitMs ?? 30_000 });
    if (queued.items > 0 || report.delivered > 0 || report.failed > 0 || report.pending > 0) {
      o.logger.info(
        `alerts: ${queued.items} new, ${report.delivered} message(s) delivered, ${report.failed} failed, ${report.pending} waiting`,
      );
    }
    for (const [name, r] of Object.entries(report.by_notifier)) {
      if (r.failed > 0)
        o.logger.error(`notifier ${name}: ${r.failed} alert(s) could not be delivered: ${r.last_error}`);
    }
    if (report.pending > 0)
      o.logger.warn(`${report.pending} alert(s) wait in the outbox and are retried on the next run`);
    await outbox.prune(new Date(Date.now() - RETENTION_MS));
  } catch (err) {
    o.logger.error(`alerts could not be sent: ${messageOf(err)}`);
  } finally {
    await outbox?.close();
    await closeNotifiers(notifiers);
  }
}

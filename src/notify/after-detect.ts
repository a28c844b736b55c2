import type { NotifierOptions } from '../config/notifier-options.js';
import type { Config } from '../config/schema.js';
import type { IncidentStore } from '../core/incidents.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/store.js';
import { notifierLine, SCAN_SEND_TIMEOUT_SECONDS } from './after-scan.js';
import { deliver } from './deliver.js';
import { closeNotifiers, createNotifiers } from './factory.js';
import { enqueueIncidents } from './incidents.js';
import { messageOf } from './notifier.js';

export interface AlertAfterDetectOptions {
  /** the log source's name (logs.<name>) */
  source: string;
  notify: readonly string[];
  config: Pick<Config, 'notifiers'>;
  incidents: IncidentStore;
  /** the store whose outbox records the alerts */
  store: Pick<Store, 'openOutbox'>;
  logger: Logger;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What `cloudward detect` does after reading a log source whose config entry names notifiers:
 * record one message per new incident (and per grown one, at most every update interval) in the
 * store's outbox, then deliver what is due, trying each receiver once with a short timeout. What
 * cannot be delivered stays in the outbox for the next run or `watch`. Never throws: a
 * notification problem is logged and does not fail the run.
 */
export async function alertAfterDetect(o: AlertAfterDetectOptions): Promise<void> {
  if (o.notify.length === 0) return;
  const quick: Record<string, NotifierOptions> = {};
  for (const [name, n] of Object.entries(o.config.notifiers))
    quick[name] = { ...n, timeout_seconds: Math.min(n.timeout_seconds, SCAN_SEND_TIMEOUT_SECONDS) };
  const notifiers = createNotifiers(quick, o.logger, o.notify);
  let outbox: Awaited<ReturnType<Store['openOutbox']>> | undefined;
  try {
    outbox = await o.store.openOutbox();
    const queued = await enqueueIncidents(o.incidents, {
      source: o.source,
      notify: o.notify,
      notifiers: o.config.notifiers,
      outbox,
      logger: o.logger,
    });
    const report = await deliver(outbox, notifiers, { logger: o.logger, maxWaitMs: 0, logAttempts: false });
    if (queued.alerts > 0 || report.delivered > 0)
      o.logger.info(
        `alerts: ${plural(queued.opened, 'new incident')} and ${plural(queued.updated, 'grown incident')} queued; ${plural(report.delivered, 'message')} delivered`,
      );
    if (queued.waiting > 0)
      o.logger.info(
        `${plural(queued.waiting, 'grown incident')} will be sent again after the update interval`,
      );
    const stats = await outbox.stats();
    for (const name of notifiers.keys()) {
      const line = notifierLine(
        name,
        o.config.notifiers[name]?.type ?? '?',
        report.by_notifier[name],
        stats.by_notifier[name]?.pending ?? 0,
      );
      if (line) o.logger[line.level](line.text);
    }
  } catch (err) {
    o.logger.error(`incident alerts could not be sent: ${messageOf(err)}`);
  } finally {
    await outbox?.close();
    await closeNotifiers(notifiers);
  }
}

import type { Logger } from '../core/logger.js';
import type { ClaimedRow, Outbox } from '../store/outbox.js';
import type { Alert } from './alert.js';
import { DeliveryError, messageOf, type Notifier } from './notifier.js';

export interface BackoffOptions {
  /** the first retry waits about this long; each next one twice as long */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of
 * min(max, base * 2^(n-1)), so receivers coming back up are not hit by every sender at once.
 * A receiver's Retry-After wins when it asks for longer.
 */
export function retryDelay(
  attempt: number,
  o: BackoffOptions,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(cap / 2 + random() * (cap / 2));
  return retryAfterMs !== undefined ? Math.max(jittered, Math.min(retryAfterMs, 3_600_000)) : jittered;
}

export interface DeliverOptions {
  logger: Logger;
  /** rows claimed at once */
  batch?: number;
  /** how long a claim is held; longer than any send's timeout */
  leaseMs?: number;
  backoff?: BackoffOptions;
  /** keep delivering (and waiting for retries) this long; 0: one pass over what is due now */
  maxWaitMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * Log each failed attempt (warn) and each alert given up (error): the default. false: those go
   * to debug, for a caller that reports one line per notifier from the DeliveryReport.
   */
  logAttempts?: boolean;
}

export interface NotifierReport {
  delivered: number;
  /** failed attempts that will be retried */
  retried: number;
  /** alerts that will not be retried */
  failed: number;
  /** the last failure's message, naming the notifier */
  last_error?: string;
  /** the last failure without the notifier's name ("receiver unreachable (...)", "HTTP 400 ...") */
  last_reason?: string;
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
  /** alerts of these notifiers still waiting (for a retry or a digest period) */
  pending: number;
  by_notifier: Record<string, NotifierReport>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends what is due in the outbox with the given notifiers. Each notifier's alerts go in
 * order, one at a time; notifiers run side by side, so a slow or failing one never holds up
 * the others. A failed attempt is retried with backoff; an alert that used its attempts (or
 * that the receiver refused outright) is marked failed, logged and counted.
 */
export async function deliver(
  outbox: Outbox,
  notifiers: ReadonlyMap<string, Notifier>,
  o: DeliverOptions,
): Promise<DeliveryReport> {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? realSleep;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  // longer than the slowest send can take (timeout_seconds is at most 300, SMTP socket 3x that)
  const leaseMs = o.leaseMs ?? 20 * 60_000;
  const names = [...notifiers.keys()];
  const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0, pending: 0, by_notifier: {} };
  const per = (n: string) => (report.by_notifier[n] ??= { delivered: 0, retried: 0, failed: 0 });
  const deadline = now().getTime() + (o.maxWaitMs ?? 0);

  const logAttempt = o.logAttempts === false ? o.logger.debug : undefined;
  type Outcome = { kind: 'ok' } | { kind: 'failed' } | { kind: 'retry'; at: Date };

  const sendOne = async (row: ClaimedRow, notifier: Notifier): Promise<Outcome> => {
    const alert = row.payload as unknown as Alert;
    try {
      await notifier.send(alert);
    } catch (err) {
      const de = err instanceof DeliveryError ? err : new DeliveryError(messageOf(err), true);
      const retryAt = de.retryable
        ? new Date(now().getTime() + retryDelay(row.attempts, backoff, o.random, de.retryAfterMs))
        : null;
      const outcome = await outbox.markFailed(row.id, row.lease_token, de.message, retryAt);
      const r = per(row.notifier);
      r.last_error = de.message;
      r.last_reason = de.reason;
      if (outcome === 'failed') {
        r.failed += 1;
        report.failed += 1;
        (logAttempt ?? o.logger.error)(
          `alert ${row.id} to ${row.notifier} failed after ${row.attempts} attempt(s), not retried: ${de.message}`,
        );
        // a receiver that fails alert after alert is down: the others wait for its retry
        return de.retryable ? { kind: 'retry', at: nextTry(row.attempts) } : { kind: 'failed' };
      }
      if (outcome === 'retrying') {
        r.retried += 1;
        report.retried += 1;
        (logAttempt ?? o.logger.warn)(
          `alert ${row.id} to ${row.notifier}: attempt ${row.attempts} of ${row.max_attempts} failed, retry at ${retryAt?.toISOString()}: ${de.message}`,
        );
      }
      return { kind: 'retry', at: retryAt ?? nextTry(1) };
    }
    await outbox.markDelivered(row.id, now());
    per(row.notifier).delivered += 1;
    report.delivered += 1;
    o.logger.debug(`alert ${row.id} delivered to ${row.notifier}`, { items: alert.items?.length ?? 0 });
    return { kind: 'ok' };
  };
  const nextTry = (attempt: number) => new Date(now().getTime() + retryDelay(attempt, backoff, o.random));

  const sendGroup = async (rows: ClaimedRow[]) => {
    for (const [i, row] of rows.entries()) {
      const notifier = notifiers.get(row.notifier);
      if (!notifier) continue; // claim() only returns rows of these notifiers
      const outcome = await sendOne(row, notifier);
      if (outcome.kind === 'retry') {
        // The receiver is failing: every other alert of this notifier waits for the same retry,
        // without using an attempt, so a down receiver is tried once per backoff step, not once
        // per alert (and a one-shot delivery, as in `scan`, tries it once).
        for (const rest of rows.slice(i + 1)) await outbox.release(rest.id, rest.lease_token, outcome.at);
        await outbox.postpone(row.notifier, outcome.at);
        return;
      }
    }
  };

  for (;;) {
    const rows = await outbox.claim(o.batch ?? 50, leaseMs, { notifiers: names, now: now() });
    if (rows.length === 0) {
      const next = await outbox.nextAttemptAt(names);
      if (!next || next.getTime() > deadline) break;
      await sleep(Math.max(0, next.getTime() - now().getTime()));
      continue;
    }
    const groups = new Map<string, ClaimedRow[]>();
    for (const r of rows) groups.set(r.notifier, [...(groups.get(r.notifier) ?? []), r]);
    await Promise.all([...groups.values()].map(sendGroup));
  }

  const stats = await outbox.stats();
  for (const n of names) report.pending += stats.by_notifier[n]?.pending ?? 0;
  return report;
}

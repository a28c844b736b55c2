import type { Logger } from '../core/logger.js';
import { deliver } from '../notify/deliver.js';
import type { Notifier } from '../notify/notifier.js';
import type { Outbox } from '../store/outbox.js';
import type { WatchMetrics } from './metrics.js';
import type { Clock } from './scheduler.js';

/** How often a pass looks for rows leased by dead senders of this host. */
const DEAD_LEASE_CHECK_MS = 5_000;

/**
 * Sends what the outbox holds: a pass right after alerts are recorded (kick), when the next
 * retry is due, and at least every `intervalMs`. One pass at a time; a kick during a pass makes
 * another one follow it. A failing notifier is counted and logged and never stops the service.
 */
export class DeliveryLoop {
  private running?: Promise<void>;
  private again = false;
  private timer?: unknown;
  private stopped = false;
  private deadLeasesCheckedMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly outbox: Outbox,
    private readonly notifiers: ReadonlyMap<string, Notifier>,
    private readonly o: { logger: Logger; metrics: WatchMetrics; clock: Clock; intervalMs: number },
  ) {}

  start(): void {
    this.kick();
  }

  /** Delivers soon; returns the pass that will have sent what is due now. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.pass();
    } while (this.again && !this.stopped);
    this.arm();
  }

  private async pass(): Promise<void> {
    if (this.notifiers.size === 0) return;
    try {
      await this.releaseDeadLeases();
      // one pass over what is due: a failing receiver's alerts wait for its backoff, and the
      // timer armed after the pass brings the next attempt
      const r = await deliver(this.outbox, this.notifiers, {
        logger: this.o.logger,
        maxWaitMs: 0,
        now: () => this.o.clock.now(),
      });
      for (const [name, n] of Object.entries(r.by_notifier)) {
        if (n.delivered) this.o.metrics.alertsDelivered.inc({ notifier: name }, n.delivered);
        if (n.retried + n.failed > 0)
          this.o.metrics.notifierFailures.inc({ notifier: name }, n.retried + n.failed);
      }
      this.o.metrics.outboxPending.set(r.pending);
    } catch (e) {
      this.o.logger.error(`alert delivery failed: ${(e as Error).message}`);
    }
  }

  /**
   * Rows leased by a sender of this host that died (a replica killed mid-delivery) are sent now,
   * not when their lease runs out (20 minutes). Checked at most every DEAD_LEASE_CHECK_MS.
   */
  private async releaseDeadLeases(): Promise<void> {
    const now = this.o.clock.now().getTime();
    if (now - this.deadLeasesCheckedMs < DEAD_LEASE_CHECK_MS) return;
    this.deadLeasesCheckedMs = now;
    const released = await this.outbox.releaseDeadLeases();
    if (released > 0)
      this.o.logger.warn(`alert delivery: ${released} alert(s) left by a sender that died are sent again`);
  }

  /** The next pass: when the next retry is due, or after the interval. */
  private arm(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    const names = [...this.notifiers.keys()];
    void this.outbox
      .nextAttemptAt(names)
      .catch(() => null)
      .then((next) => {
        if (this.stopped) return;
        const now = this.o.clock.now().getTime();
        const wait = next
          ? Math.max(50, Math.min(this.o.intervalMs, next.getTime() - now))
          : this.o.intervalMs;
        if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
        this.timer = this.o.clock.setTimeout(() => {
          this.timer = undefined;
          void this.kick();
        }, wait);
      });
  }

  /** Stops after the pass in progress (its sends finish and are marked). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One last pass and wait for it (for --once). */
  async drain(): Promise<void> {
    await this.running;
    await this.kick();
  }
}

import { Cron } from 'croner';
import type { Logger } from '../core/logger.js';

/** Time and timers, replaceable by a fake clock in tests. */
export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Longest single timer: Node's timers overflow past ~24.8 days, and a clock change is caught sooner. */
const MAX_TIMER_MS = 60 * 60_000;

/** A cron expression (5 fields, or 6 with seconds), read in UTC. Throws naming the problem. */
export function parseSchedule(pattern: string, where: string): Cron {
  try {
    return new Cron(pattern, { timezone: 'UTC', mode: '5-or-6-parts', paused: true });
  } catch (e) {
    throw new Error(`${where}: invalid cron schedule "${pattern}": ${(e as Error).message}`);
  }
}

export type RunReason = 'schedule' | 'catch-up' | 'initial';

export interface SchedulerJob {
  key: string;
  schedule: string;
}

export interface SchedulerOptions {
  jobs: readonly SchedulerJob[];
  /**
   * runs a job; a rejection is logged, and the job keeps its schedule. `tick`: the scheduled
   * time the run stands for (the first missed one for a catch-up), null for an initial run or a
   * run asked for now; every replica computes the same tick for the same run.
   */
  run: (key: string, reason: RunReason, tick: Date | null) => Promise<void>;
  /** when the job last ran (its last complete scan), or null if never */
  lastRun: (key: string) => Promise<Date | null>;
  logger: Logger;
  clock?: Clock;
}

interface JobState {
  job: SchedulerJob;
  cron: Cron;
  timer?: unknown;
  next: Date | null;
  running?: Promise<void>;
}

/**
 * Runs jobs on cron schedules. A job never runs twice at once: a time that comes while the job
 * still runs is skipped. Times missed while the service was down are not replayed: a job whose
 * last run is older than its latest scheduled time runs once at start ("catch-up"), a job that
 * never ran runs once at start ("initial"), then each keeps its schedule.
 */
export class Scheduler {
  private readonly states = new Map<string, JobState>();
  private readonly clock: Clock;
  private stopped = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    for (const job of opts.jobs) {
      this.states.set(job.key, {
        job,
        cron: parseSchedule(job.schedule, `audits.${job.key}.schedule`),
        next: null,
      });
    }
  }

  /** The next scheduled time of a job after `from` (default now), or null. */
  nextRun(key: string, from: Date = this.clock.now()): Date | null {
    return this.states.get(key)?.cron.nextRun(from) ?? null;
  }

  /** Why a job is due now, or null when its last run is newer than its latest scheduled time. */
  async dueReason(key: string): Promise<RunReason | null> {
    return (await this.dueRun(key))?.reason ?? null;
  }

  /** A due job's reason and tick: a catch-up stands for the first scheduled time missed. */
  private async dueRun(key: string): Promise<{ reason: RunReason; tick: Date | null } | null> {
    const st = this.states.get(key);
    if (!st) return null;
    const last = await this.opts.lastRun(key);
    if (!last) return { reason: 'initial', tick: null };
    const next = st.cron.nextRun(last);
    return next && next.getTime() <= this.clock.now().getTime() ? { reason: 'catch-up', tick: next } : null;
  }

  /** The keys of the jobs due now. */
  async due(): Promise<{ key: string; reason: RunReason }[]> {
    const out: { key: string; reason: RunReason }[] = [];
    for (const key of this.states.keys()) {
      const reason = await this.dueReason(key);
      if (reason) out.push({ key, reason });
    }
    return out;
  }

  /** Starts the schedule: due jobs run once now, every job is armed for its next time. */
  async start(): Promise<void> {
    for (const st of this.states.values()) {
      const due = await this.dueRun(st.job.key);
      if (due) this.trigger(st, due.reason, due.tick);
      this.arm(st);
    }
  }

  /** When each job runs next (null: never again), for logs and /readyz. */
  schedule(): Record<string, string | null> {
    return Object.fromEntries([...this.states].map(([k, s]) => [k, s.next?.toISOString() ?? null]));
  }

  running(key: string): boolean {
    return this.states.get(key)?.running !== undefined;
  }

  /** Runs a job now unless it is running; resolves when that run ends. */
  runNow(key: string, reason: RunReason): Promise<void> {
    const st = this.states.get(key);
    if (!st) return Promise.reject(new Error(`no scheduled audit "${key}"`));
    return this.trigger(st, reason, null) ?? (st.running as Promise<void>);
  }

  private trigger(st: JobState, reason: RunReason, tick: Date | null): Promise<void> | undefined {
    if (this.stopped) return undefined;
    if (st.running) {
      this.opts.logger.warn(
        `audit ${st.job.key}: the previous run is still going, this ${reason} run is skipped`,
      );
      return undefined;
    }
    const run = (async () => {
      try {
        await this.opts.run(st.job.key, reason, tick);
      } catch (e) {
        this.opts.logger.error(`audit ${st.job.key}: run failed: ${(e as Error).message}`);
      } finally {
        st.running = undefined;
      }
    })();
    st.running = run;
    return run;
  }

  private arm(st: JobState): void {
    if (this.stopped) return;
    const now = this.clock.now();
    st.next = st.cron.nextRun(now);
    if (!st.next) return;
    const wait = st.next.getTime() - now.getTime();
    st.timer = this.clock.setTimeout(
      () => {
        st.timer = undefined;
        if (st.next && this.clock.now().getTime() >= st.next.getTime()) this.trigger(st, 'schedule', st.next);
        this.arm(st);
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MS)),
    );
  }

  /** Stops arming timers; resolves once the runs in progress have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const st of this.states.values()) {
      if (st.timer !== undefined) this.clock.clearTimeout(st.timer);
      st.timer = undefined;
    }
    await Promise.all([...this.states.values()].map((s) => s.running?.catch(() => undefined)));
  }
}

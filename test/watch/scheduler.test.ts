import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { type Clock, parseSchedule, type RunReason, Scheduler } from '../../src/watch/scheduler.js';

/** A clock whose time moves only when the test says so; timers fire in order. */
class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  pending(): number {
    return this.timers.length;
  }
  /** moves time forward, firing due timers (and letting their promises settle) */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.t = end;
  }
}

const logs: string[] = [];
const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0); // a Thursday, midnight UTC
const MIN = 60_000;

function setup(schedule: string, last: Date | null, runMs = 0) {
  const clock = new FakeClock(T0);
  const runs: { at: string; reason: RunReason }[] = [];
  let lastRun = last;
  const s = new Scheduler({
    jobs: [{ key: 'nightly', schedule }],
    clock,
    logger,
    lastRun: async () => lastRun,
    run: async (_key, reason) => {
      runs.push({ at: clock.now().toISOString(), reason });
      if (runMs > 0) await new Promise<void>((r) => clock.setTimeout(r, runMs));
      lastRun = clock.now();
    },
  });
  return { clock, runs, s };
}

describe('Scheduler', () => {
  it('runs on the cron schedule, in UTC', async () => {
    const { clock, runs, s } = setup('*/15 * * * *', new Date(T0));
    await s.start();
    expect(runs).toEqual([]);
    expect(s.schedule()).toEqual({ nightly: '2026-01-01T00:15:00.000Z' });
    await clock.advance(46 * MIN);
    expect(runs.map((r) => r.at)).toEqual([
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
    ]);
    expect(runs.every((r) => r.reason === 'schedule')).toBe(true);
    await s.stop();
    expect(clock.pending()).toBe(0);
  });

  it('replays missed runs as one catch-up run, not a burst', async () => {
    // down for three days of an hourly schedule
    const { clock, runs, s } = setup('0 * * * *', new Date(T0 - 3 * 24 * 60 * MIN));
    await s.start();
    await clock.advance(1);
    expect(runs).toEqual([{ at: '2026-01-01T00:00:00.000Z', reason: 'catch-up' }]);
    await clock.advance(61 * MIN);
    expect(runs.map((r) => r.reason)).toEqual(['catch-up', 'schedule']);
    await s.stop();
  });

  it('an audit that never ran runs once at start; one that ran since its last time does not', async () => {
    const never = setup('0 2 * * *', null);
    expect(await never.s.due()).toEqual([{ key: 'nightly', reason: 'initial' }]);
    await never.s.start();
    expect(never.runs.map((r) => r.reason)).toEqual(['initial']);
    await never.s.stop();
    const fresh = setup('0 2 * * *', new Date(T0 - 60 * MIN)); // ran at 23:00, next due 02:00
    expect(await fresh.s.due()).toEqual([]);
  });

  it('never runs the same audit twice at once: a time that comes during a run is skipped', async () => {
    const { clock, runs, s } = setup('* * * * *', new Date(T0), 150_000); // each run takes 2.5 minutes
    await s.start();
    await clock.advance(5 * MIN + 1);
    // 00:01 runs until 00:03:30; 00:02 and 00:03 are skipped; 00:04 runs
    expect(runs.map((r) => r.at)).toEqual(['2026-01-01T00:01:00.000Z', '2026-01-01T00:04:00.000Z']);
    expect(logs.some((l) => l.includes('still going'))).toBe(true);
    const stopped = s.stop();
    await clock.advance(3 * MIN);
    await stopped;
  });

  it('stop() waits for the run in progress and arms nothing more', async () => {
    const { clock, runs, s } = setup('* * * * *', new Date(T0), 30_000);
    await s.start();
    await clock.advance(MIN);
    expect(s.running('nightly')).toBe(true);
    const stopped = s.stop();
    await clock.advance(30_000);
    await stopped;
    expect(s.running('nightly')).toBe(false);
    await clock.advance(10 * MIN);
    expect(runs.length).toBe(1);
  });

  it('a run that fails is logged and the schedule goes on', async () => {
    const clock = new FakeClock(T0);
    let n = 0;
    const s = new Scheduler({
      jobs: [{ key: 'a', schedule: '* * * * *' }],
      clock,
      logger,
      lastRun: async () => new Date(T0),
      run: async () => {
        n += 1;
        throw new Error('provider down');
      },
    });
    await s.start();
    await clock.advance(3 * MIN);
    expect(n).toBe(3);
    expect(logs.some((l) => l.includes('provider down'))).toBe(true);
    await s.stop();
  });

  it('rejects a malformed schedule naming the audit', () => {
    expect(() => parseSchedule('every night', 'audits.nightly.schedule')).toThrow(
      /audits\.nightly\.schedule: invalid cron schedule "every night"/,
    );
    expect(() => parseSchedule('61 * * * *', 'x')).toThrow(/invalid cron/);
    expect(
      () =>
        new Scheduler({
          jobs: [{ key: 'n', schedule: '* *' }],
          logger,
          lastRun: async () => null,
          run: async () => undefined,
        }),
    ).toThrow(/audits\.n\.schedule/);
  });
});

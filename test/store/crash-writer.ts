/*
 * The scan writer that the crash tests run in a child process and kill with SIGKILL, shared by the
 * SQLite and PostgreSQL fixtures (crash-child.fixture.ts, postgres-crash-child.fixture.ts).
 *   mid-scan:    begins one scan, writes batches forever; prints "ready <scan id> <rows>" after 3 batches
 *   commit-loop: begins, writes and commits scans one after another; prints "committed <scan id> <rows>"
 */
import type { Store } from '../../src/store/store.js';
import { buckets, eventOf, life, resultOf, summary } from './fixtures.js';

const BATCH = 40;

export type CrashMode = 'mid-scan' | 'commit-loop';

export function isCrashMode(mode: string | undefined): mode is CrashMode {
  return mode === 'mid-scan' || mode === 'commit-loop';
}

/** Never returns: the parent test kills the process. */
export async function runCrashWriter(store: Store, mode: CrashMode): Promise<never> {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  function batch(scanId: string, n: number) {
    const recs = buckets(BATCH, `${scanId}-b${n}`, scanId);
    return { recs, results: recs.map((r) => resultOf(r, 'aws.s3.public', 'fail', 'high')) };
  }

  if (mode === 'mid-scan') {
    const id = 'crash-open';
    const w = await store.beginScan(summary(id, 'nightly', '2030-01-01T00:00:00.000Z'));
    for (let n = 0; ; n++) {
      const { recs, results } = batch(id, n);
      await w.addResources(recs);
      await w.addResults(results);
      if (n === 2) process.stdout.write(`ready ${id} ${3 * BATCH}\n`);
      await tick();
    }
  } else {
    for (let i = 0; ; i++) {
      const id = `loop-${String(i).padStart(5, '0')}`;
      const started = new Date(Date.UTC(2031, 0, 1) + i * 60_000).toISOString();
      const w = await store.beginScan(summary(id, 'loop', started));
      const batches = 1 + (i % 4);
      const lives = [];
      for (let n = 0; n < batches; n++) {
        const { recs, results } = batch(id, n);
        await w.addResources(recs);
        await w.addResults(results);
        lives.push(
          ...recs.slice(0, 5).map((r) =>
            life({
              checkId: 'aws.s3.public',
              reference: r.com.reference,
              auditKey: 'loop',
              lastSeen: started,
            }),
          ),
        );
        await tick();
      }
      await w.commit(
        summary(id, 'loop', started, { resources: batches * BATCH }),
        lives,
        lives.map((l) => eventOf(l, id)),
      );
      process.stdout.write(`committed ${id} ${batches * BATCH}\n`);
      await tick();
    }
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { type HeldLease, LeaseLostError, type WatchReplicaStore } from '../../src/store/watch-replicas.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from './postgres-helpers.js';

/*
 * watch.distributed: the leader notes a tick's distributed scan with its claim, under its lease;
 * a leader that takes an unfinished tick over finds the scan to resume, one that takes a failed
 * tick over does not.
 */

const available = await pgAvailable('watch run scans');
let store: Store;
let replicas: WatchReplicaStore;
let schema: string;

beforeAll(async () => {
  if (!available) return;
  schema = freshSchema();
  store = await openPostgresStore(PG_URL, { schema });
  replicas = store.watchReplicas as WatchReplicaStore;
});

afterAll(async () => {
  if (!available) return;
  await store.close();
  await dropSchemas();
});

const expire = (name: string) =>
  sql(
    `UPDATE "${schema}".watch_leases SET expires_at = clock_timestamp() - interval '1 second' WHERE name = $1`,
    [name],
  );

describe.skipIf(!available)('the scan noted with a tick', () => {
  it('is kept for the leader that takes an unfinished tick over, not for a failed one, and only the holder notes it', async () => {
    const one = (await replicas.acquireLease('leader', 'host:1', 'l1', 60_000)) as HeldLease;
    expect(await replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(true);
    expect(await replicas.claimRun('nightly', 'T2', one, 'host:1')).toBe(true);
    expect(await replicas.runScan('nightly', 'T1')).toBeNull();
    await replicas.noteRunScan('nightly', 'T1', one, 'scan-a');
    await replicas.noteRunScan('nightly', 'T2', one, 'scan-b');
    await replicas.finishRun('nightly', 'T2', one.token, 'failed');
    expect(await replicas.runScan('nightly', 'T1')).toBe('scan-a');

    await expire('leader');
    // the old leader, past its lease, cannot note a scan any more
    await expect(replicas.noteRunScan('nightly', 'T1', one, 'scan-late')).rejects.toThrow(LeaseLostError);
    const two = (await replicas.acquireLease('leader', 'host:2', 'l2', 60_000)) as HeldLease;
    expect(await replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(true);
    expect(await replicas.claimRun('nightly', 'T2', two, 'host:2')).toBe(true);
    // the scan left running is resumed; the failed one is not
    expect(await replicas.runScan('nightly', 'T1')).toBe('scan-a');
    expect(await replicas.runScan('nightly', 'T2')).toBeNull();
    await replicas.finishRun('nightly', 'T1', two.token, 'done', 'scan-a');
    expect(await replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(false);
    expect(await replicas.runScan('nightly', 'T1')).toBe('scan-a');
    // a tick never claimed has no scan
    expect(await replicas.runScan('nightly', 'T9')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { type HeldLease, LeaseLostError } from '../../src/store/watch-replicas.js';
import { pgAvailable } from './postgres-helpers.js';
import { useWatchReplicaStore } from './watch-replica-store.js';

/*
 * watch.distributed: the leader notes a tick's distributed scan with its claim, under its lease;
 * a leader that takes an unfinished tick over finds the scan to resume, one that takes a failed
 * tick over does not.
 */

const available = await pgAvailable('watch run scans');
const pg = useWatchReplicaStore(available);

describe.skipIf(!available)('the scan noted with a tick', () => {
  it('is kept for the leader that takes an unfinished tick over, not for a failed one, and only the holder notes it', async () => {
    const one = (await pg.replicas.acquireLease('leader', 'host:1', 'l1', 60_000)) as HeldLease;
    expect(await pg.replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(true);
    expect(await pg.replicas.claimRun('nightly', 'T2', one, 'host:1')).toBe(true);
    expect(await pg.replicas.runScan('nightly', 'T1')).toBeNull();
    await pg.replicas.noteRunScan('nightly', 'T1', one, 'scan-a');
    await pg.replicas.noteRunScan('nightly', 'T2', one, 'scan-b');
    await pg.replicas.finishRun('nightly', 'T2', one.token, 'failed');
    expect(await pg.replicas.runScan('nightly', 'T1')).toBe('scan-a');

    await pg.expire('leader');
    // the old leader, past its lease, cannot note a scan any more
    await expect(pg.replicas.noteRunScan('nightly', 'T1', one, 'scan-late')).rejects.toThrow(LeaseLostError);
    const two = (await pg.replicas.acquireLease('leader', 'host:2', 'l2', 60_000)) as HeldLease;
    expect(await pg.replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(true);
    expect(await pg.replicas.claimRun('nightly', 'T2', two, 'host:2')).toBe(true);
    // the scan left running is resumed; the failed one is not
    expect(await pg.replicas.runScan('nightly', 'T1')).toBe('scan-a');
    expect(await pg.replicas.runScan('nightly', 'T2')).toBeNull();
    await pg.replicas.finishRun('nightly', 'T1', two.token, 'done', 'scan-a');
    expect(await pg.replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(false);
    expect(await pg.replicas.runScan('nightly', 'T1')).toBe('scan-a');
    // a tick never claimed has no scan
    expect(await pg.replicas.runScan('nightly', 'T9')).toBeNull();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCheckpoint } from '../../src/detect/sources/checkpoint.js';
import { type HeldLease, LeaseLostError } from '../../src/store/watch-replicas.js';
import { ReplicaCheckpoint } from '../../src/watch/replicas.js';
import { pgAvailable, sql } from './postgres-helpers.js';
import { useWatchReplicaStore } from './watch-replica-store.js';

/*
 * What watch replicas share in PostgreSQL: leases that one holder has at a time and that change
 * hands only once expired (on the server's clock), checkpoints and tick claims fenced by them.
 */

const available = await pgAvailable('watch replica store');
const pg = useWatchReplicaStore(available);

describe.skipIf(!available)('watch replica leases in PostgreSQL', () => {
  it('one holder at a time: renewed by its token, taken by another only once expired, with a new term', async () => {
    const a = await pg.replicas.acquireLease('leader', 'host:1', 'token-a', 60_000);
    expect(a).toEqual({ name: 'leader', token: 'token-a', term: 1 });
    expect(await pg.replicas.acquireLease('leader', 'host:2', 'token-b', 60_000)).toBeNull();
    expect(await pg.replicas.acquireLease('leader', 'host:1', 'token-a', 60_000)).toEqual(a);
    await pg.expire('leader');
    const b = await pg.replicas.acquireLease('leader', 'host:2', 'token-b', 60_000);
    expect(b).toEqual({ name: 'leader', token: 'token-b', term: 2 });
    // the old holder's renewal fails: it learns it lost the lead
    expect(await pg.replicas.acquireLease('leader', 'host:1', 'token-a', 60_000)).toBeNull();
    expect(await pg.replicas.leases()).toEqual([{ name: 'leader', holder: 'host:2', term: 2, live: true }]);
    // given up at a clean stop: free at once
    await pg.replicas.releaseLease('leader', 'token-b');
    expect((await pg.replicas.leases())[0]?.live).toBe(false);
    expect(await pg.replicas.acquireLease('leader', 'host:3', 'token-c', 60_000)).toMatchObject({ term: 3 });
  });

  it('twenty replicas asking at once for a free lease: exactly one gets it', async () => {
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pg.replicas.acquireLease('source:race', `host:${i}`, `t${i}`, 60_000),
      ),
    );
    expect(got.filter((g) => g !== null)).toHaveLength(1);
  });

  it('a checkpoint is saved only under a live lease of its source', async () => {
    const lease = (await pg.replicas.acquireLease('source:trail', 'host:1', 'cp-a', 60_000)) as HeldLease;
    await pg.replicas.setCheckpoint('trail', 'dir/', 'file-1', lease, 'host:1');
    expect(await pg.replicas.getCheckpoint('trail', 'dir/')).toBe('file-1');
    await pg.expire('source:trail');
    // expired: even with no one else holding it, the write is refused
    await expect(
      pg.replicas.setCheckpoint('trail', 'dir/', 'file-2', lease, 'host:1'),
    ).rejects.toBeInstanceOf(LeaseLostError);
    const next = (await pg.replicas.acquireLease('source:trail', 'host:2', 'cp-b', 60_000)) as HeldLease;
    await expect(pg.replicas.setCheckpoint('trail', 'dir/', 'file-2', lease, 'host:1')).rejects.toThrow(
      /no longer holds the source/,
    );
    await pg.replicas.setCheckpoint('trail', 'dir/', 'file-3', next, 'host:2');
    expect(await pg.replicas.getCheckpoint('trail', 'dir/')).toBe('file-3');
    expect(await pg.replicas.getCheckpoint('trail', 'other/')).toBeUndefined();
  });

  it('a tick is claimed once; a new leader claims again a tick left unfinished or failed, never one done', async () => {
    const one = (await pg.replicas.acquireLease('leader:ticks', 'host:1', 'l1', 60_000)) as HeldLease;
    expect(await pg.replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(true);
    expect(await pg.replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(false);
    await pg.replicas.finishRun('nightly', 'T1', one.token, 'done', 'scan-1');
    expect(await pg.replicas.claimRun('nightly', 'T2', one, 'host:1')).toBe(true);
    expect(await pg.replicas.claimRun('nightly', 'T3', one, 'host:1')).toBe(true);
    await pg.replicas.finishRun('nightly', 'T3', one.token, 'failed');
    await pg.expire('leader:ticks');
    // the old leader, past its lease, claims nothing more
    expect(await pg.replicas.claimRun('nightly', 'T4', one, 'host:1')).toBe(false);
    const two = (await pg.replicas.acquireLease('leader:ticks', 'host:2', 'l2', 60_000)) as HeldLease;
    expect(await pg.replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(false);
    expect(await pg.replicas.claimRun('nightly', 'T2', two, 'host:2')).toBe(true);
    expect(await pg.replicas.claimRun('nightly', 'T3', two, 'host:2')).toBe(true);
    // the old leader's late finish of a tick it no longer holds changes nothing
    await pg.replicas.finishRun('nightly', 'T2', one.token, 'done', 'scan-late');
    const rows = await sql<{
      tick: string;
      status: string;
      holder: string;
      claims: number;
      scan_id: string | null;
    }>(
      `SELECT tick, status, holder, claims, scan_id FROM "${pg.schema}".watch_runs WHERE audit_key = 'nightly' ORDER BY tick`,
    );
    expect(rows).toEqual([
      { tick: 'T1', status: 'done', holder: 'host:1', claims: 1, scan_id: 'scan-1' },
      { tick: 'T2', status: 'running', holder: 'host:2', claims: 2, scan_id: null },
      { tick: 'T3', status: 'running', holder: 'host:2', claims: 2, scan_id: null },
    ]);
  });

  it("a replica's checkpoint starts from the file a single process kept, then lives in the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-replica-cp-'));
    try {
      const file = join(dir, 'flow.checkpoint.json');
      writeFileSync(file, JSON.stringify({ 's3://logs/a/': 'key-9' }));
      const lease = (await pg.replicas.acquireLease('source:flow', 'host:1', 'f1', 60_000)) as HeldLease;
      const cp = new ReplicaCheckpoint(pg.replicas, 'flow', lease, 'host:1', new FileCheckpoint(file));
      expect(await cp.get('s3://logs/a/')).toBe('key-9');
      await cp.set('s3://logs/a/', 'key-12');
      expect(await cp.get('s3://logs/a/')).toBe('key-12');
      expect(await pg.replicas.getCheckpoint('flow', 's3://logs/a/')).toBe('key-12');
      expect(await cp.get('s3://logs/b/')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

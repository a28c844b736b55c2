import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCheckpoint } from '../../src/detect/sources/checkpoint.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { type HeldLease, LeaseLostError, type WatchReplicaStore } from '../../src/store/watch-replicas.js';
import { ReplicaCheckpoint } from '../../src/watch/replicas.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from './postgres-helpers.js';

/*
 * What watch replicas share in PostgreSQL: leases that one holder has at a time and that change
 * hands only once expired (on the server's clock), checkpoints and tick claims fenced by them.
 */

const available = await pgAvailable('watch replica store');
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

/** Makes a lease run out now, as if its holder had stopped renewing long ago. */
const expire = (name: string) =>
  sql(
    `UPDATE "${schema}".watch_leases SET expires_at = clock_timestamp() - interval '1 second' WHERE name = $1`,
    [name],
  );

describe.skipIf(!available)('watch replica leases in PostgreSQL', () => {
  it('one holder at a time: renewed by its token, taken by another only once expired, with a new term', async () => {
    const a = await replicas.acquireLease('leader', 'host:1', 'token-a', 60_000);
    expect(a).toEqual({ name: 'leader', token: 'token-a', term: 1 });
    expect(await replicas.acquireLease('leader', 'host:2', 'token-b', 60_000)).toBeNull();
    expect(await replicas.acquireLease('leader', 'host:1', 'token-a', 60_000)).toEqual(a);
    await expire('leader');
    const b = await replicas.acquireLease('leader', 'host:2', 'token-b', 60_000);
    expect(b).toEqual({ name: 'leader', token: 'token-b', term: 2 });
    // the old holder's renewal fails: it learns it lost the lead
    expect(await replicas.acquireLease('leader', 'host:1', 'token-a', 60_000)).toBeNull();
    expect(await replicas.leases()).toEqual([{ name: 'leader', holder: 'host:2', term: 2, live: true }]);
    // given up at a clean stop: free at once
    await replicas.releaseLease('leader', 'token-b');
    expect((await replicas.leases())[0]?.live).toBe(false);
    expect(await replicas.acquireLease('leader', 'host:3', 'token-c', 60_000)).toMatchObject({ term: 3 });
  });

  it('twenty replicas asking at once for a free lease: exactly one gets it', async () => {
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        replicas.acquireLease('source:race', `host:${i}`, `t${i}`, 60_000),
      ),
    );
    expect(got.filter((g) => g !== null)).toHaveLength(1);
  });

  it('a checkpoint is saved only under a live lease of its source', async () => {
    const lease = (await replicas.acquireLease('source:trail', 'host:1', 'cp-a', 60_000)) as HeldLease;
    await replicas.setCheckpoint('trail', 'dir/', 'file-1', lease, 'host:1');
    expect(await replicas.getCheckpoint('trail', 'dir/')).toBe('file-1');
    await expire('source:trail');
    // expired: even with no one else holding it, the write is refused
    await expect(replicas.setCheckpoint('trail', 'dir/', 'file-2', lease, 'host:1')).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    const next = (await replicas.acquireLease('source:trail', 'host:2', 'cp-b', 60_000)) as HeldLease;
    await expect(replicas.setCheckpoint('trail', 'dir/', 'file-2', lease, 'host:1')).rejects.toThrow(
      /no longer holds the source/,
    );
    await replicas.setCheckpoint('trail', 'dir/', 'file-3', next, 'host:2');
    expect(await replicas.getCheckpoint('trail', 'dir/')).toBe('file-3');
    expect(await replicas.getCheckpoint('trail', 'other/')).toBeUndefined();
  });

  it('a tick is claimed once; a new leader claims again a tick left unfinished or failed, never one done', async () => {
    const one = (await replicas.acquireLease('leader:ticks', 'host:1', 'l1', 60_000)) as HeldLease;
    expect(await replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(true);
    expect(await replicas.claimRun('nightly', 'T1', one, 'host:1')).toBe(false);
    await replicas.finishRun('nightly', 'T1', one.token, 'done', 'scan-1');
    expect(await replicas.claimRun('nightly', 'T2', one, 'host:1')).toBe(true);
    expect(await replicas.claimRun('nightly', 'T3', one, 'host:1')).toBe(true);
    await replicas.finishRun('nightly', 'T3', one.token, 'failed');
    await expire('leader:ticks');
    // the old leader, past its lease, claims nothing more
    expect(await replicas.claimRun('nightly', 'T4', one, 'host:1')).toBe(false);
    const two = (await replicas.acquireLease('leader:ticks', 'host:2', 'l2', 60_000)) as HeldLease;
    expect(await replicas.claimRun('nightly', 'T1', two, 'host:2')).toBe(false);
    expect(await replicas.claimRun('nightly', 'T2', two, 'host:2')).toBe(true);
    expect(await replicas.claimRun('nightly', 'T3', two, 'host:2')).toBe(true);
    // the old leader's late finish of a tick it no longer holds changes nothing
    await replicas.finishRun('nightly', 'T2', one.token, 'done', 'scan-late');
    const rows = await sql<{
      tick: string;
      status: string;
      holder: string;
      claims: number;
      scan_id: string | null;
    }>(
      `SELECT tick, status, holder, claims, scan_id FROM "${schema}".watch_runs WHERE audit_key = 'nightly' ORDER BY tick`,
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
      const lease = (await replicas.acquireLease('source:flow', 'host:1', 'f1', 60_000)) as HeldLease;
      const cp = new ReplicaCheckpoint(replicas, 'flow', lease, 'host:1', new FileCheckpoint(file));
      expect(await cp.get('s3://logs/a/')).toBe('key-9');
      await cp.set('s3://logs/a/', 'key-12');
      expect(await cp.get('s3://logs/a/')).toBe('key-12');
      expect(await replicas.getCheckpoint('flow', 's3://logs/a/')).toBe('key-12');
      expect(await cp.get('s3://logs/b/')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

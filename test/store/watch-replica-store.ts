import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import type { WatchReplicaStore } from '../../src/store/watch-replicas.js';
import { dropSchemas, freshSchema, PG_URL, sql } from './postgres-helpers.js';

/**
 * The watch replica part of a PostgreSQL store in a schema of its own, opened before a file's
 * tests and closed (its schema dropped) after them; nothing is opened when no server is
 * `available` (the file's tests are skipped then). Read `replicas` and `schema` inside tests.
 */
export function useWatchReplicaStore(available: boolean) {
  let store: Store | undefined;
  let replicas: WatchReplicaStore | undefined;
  let schema: string | undefined;
  const opened = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the watch replica store is not open');
    return v;
  };

  beforeAll(async () => {
    if (!available) return;
    schema = freshSchema();
    store = await openPostgresStore(PG_URL, { schema });
    replicas = store.watchReplicas as WatchReplicaStore;
  });

  afterAll(async () => {
    if (!available) return;
    await store?.close();
    await dropSchemas();
  });

  return {
    get replicas(): WatchReplicaStore {
      return opened(replicas);
    },
    get schema(): string {
      return opened(schema);
    },
    /** Makes a lease run out now, as if its holder had stopped renewing long ago. */
    expire: (name: string) =>
      sql(
        `UPDATE "${opened(schema)}".watch_leases SET expires_at = clock_timestamp() - interval '1 second' WHERE name = $1`,
        [name],
      ),
  };
}

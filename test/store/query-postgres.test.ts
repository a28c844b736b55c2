import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { StoreQueryError } from '../../src/store/query.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable } from './postgres-helpers.js';
import { queryContract, writeKnownStore } from './query-contract.js';

const available = await pgAvailable('postgres query');
afterAll(async () => {
  if (available) await dropSchemas();
}, 60_000);

const fresh = () => openPostgresStore(PG_URL, { schema: freshSchema() });

describe.skipIf(!available)('PostgreSQL', () => {
  queryContract('postgres', fresh);

  it('runs a query in a read-only transaction: what the text check lets through, the server refuses', async () => {
    const store = await fresh();
    await writeKnownStore(store);
    const q = await store.openQueries();
    const err = await q
      .query("SELECT nextval('finding_events_id_seq') AS n", { timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreQueryError);
    expect((err as Error).message).toMatch(/read-only transaction/);
    // nothing a query sets outlives it: the next one runs in a fresh read-only transaction
    const mode = await q.query('SELECT current_setting($name) AS ro', {
      timeoutMs: 5000,
      params: { name: 'transaction_read_only' },
    });
    expect(mode.rows).toEqual([{ ro: 'on' }]);
    await q.close();
    await store.close();
  });
});

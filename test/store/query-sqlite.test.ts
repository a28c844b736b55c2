import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteQueryStore } from '../../src/store/query-sqlite.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { queryContract, writeKnownStore } from './query-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudward-query-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

queryContract('sqlite', () => openSqliteStore(join(dir, `store-${n++}.db`)));

describe('SQLite: the engine itself refuses to write', () => {
  it('runs queries on a read-only, query_only connection', async () => {
    const store = await openSqliteStore(join(dir, 'engine.db'));
    await writeKnownStore(store);
    const q = openSqliteQueryStore(store.location);
    const r = await q.query('SELECT query_only FROM pragma_query_only', { timeoutMs: 5000 });
    expect(r.rows).toEqual([{ query_only: 1 }]);
    await q.close();
    await store.close();
  });

  it('refuses an in-memory store, which a second connection cannot see', async () => {
    const store = await openSqliteStore(':memory:');
    await expect(store.openQueries()).rejects.toThrow(/need a store file/);
    await store.close();
  });
});

import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { storeContract } from './contract.js';
import { dashboardContract } from './dashboard-contract.js';
import { detectionsContract } from './detections-contract.js';
import { outboxContract } from './outbox-contract.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable } from './postgres-helpers.js';

const available = await pgAvailable('postgres store contract');
// dropping some sixty schemas of a dozen tables each takes a while on a busy server
afterAll(async () => {
  if (available) await dropSchemas();
}, 120_000);

/** A second handle on a store: its own pool on the same schema (another process, in effect). */
const reopen = (s: Store) =>
  openPostgresStore(PG_URL, { schema: new URL(s.location).searchParams.get('schema')! });
const fresh = () => openPostgresStore(PG_URL, { schema: freshSchema() });

describe.skipIf(!available)('PostgreSQL', () => {
  storeContract('postgres', fresh);
  outboxContract('postgres', fresh, reopen);
  detectionsContract('postgres', fresh, reopen);
  dashboardContract('postgres', fresh);
});

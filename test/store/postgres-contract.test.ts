import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { storeContract } from './contract.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable } from './postgres-helpers.js';

const available = await pgAvailable('postgres store contract');
afterAll(async () => {
  if (available) await dropSchemas();
});

describe.skipIf(!available)('PostgreSQL', () => {
  storeContract('postgres', () => openPostgresStore(PG_URL, { schema: freshSchema() }));
});

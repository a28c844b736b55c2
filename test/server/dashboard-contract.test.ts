import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable } from '../store/postgres-helpers.js';
import { dashboardContract } from './dashboard-contract.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cw-dash-contract-');
let n = 0;
dashboardContract('sqlite', () => openSqliteStore(`${dir}/store-${n++}.db`));

const pgUp = await pgAvailable('dashboard reads on PostgreSQL');
afterAll(async () => {
  if (pgUp) await dropSchemas();
});
describe.skipIf(!pgUp)('PostgreSQL', () => {
  dashboardContract('postgres', () => openPostgresStore(PG_URL, { schema: freshSchema() }));
});

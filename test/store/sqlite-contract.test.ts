import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { storeContract } from './contract.js';
import { dashboardContract } from './dashboard-contract.js';
import { detectionsContract } from './detections-contract.js';
import { outboxContract } from './outbox-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudward-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = () => openSqliteStore(join(dir, `store-${n++}.db`));
const reopen = (s: Store) => openSqliteStore(s.location);

storeContract('sqlite in memory', () => openSqliteStore(':memory:'));
storeContract('sqlite file', file);
// side stores open a second connection to the store's file: a ':memory:' store has none to share
outboxContract('sqlite file', file, reopen);
detectionsContract('sqlite file', file, reopen);
dashboardContract('sqlite file', file);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudward-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite in memory', () => openSqliteStore(':memory:'));
storeContract('sqlite file', () => openSqliteStore(join(dir, `store-${n++}.db`)));

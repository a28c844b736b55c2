import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { type DetectionStore, openDetectionStore } from '../../src/store/sqlite-detections.js';
import { records } from '../store/detections-contract.js';

let store: DetectionStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('detections in a SQLite file (the behaviour of every store: test/store/detections-contract.ts)', () => {
  it('shares the file of the SQLite store, survives reopening, and refuses foreign files untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-detections-'));
    const path = join(dir, 'cloudward.db');
    const main = await openSqliteStore(path);
    store = openDetectionStore(path);
    await store.addDetections(records);
    await store.close();
    store = openDetectionStore(path);
    expect(await store.detections({ limit: 10, offset: 0 })).toHaveLength(4);
    expect(await main.listScans()).toEqual([]);
    await main.close();

    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'not a database at all, just some text that is long enough to have a header');
    expect(() => openDetectionStore(foreign)).toThrow(/not a SQLite database/);
    expect(() => openDetectionStore('  ')).toThrow(/empty/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStorePath, expandHome, openStore, StoreError } from '../../src/store/index.js';

describe('defaultStorePath', () => {
  it('uses $CLOUDWARD_DB first, expanding a leading ~', () => {
    expect(defaultStorePath({ CLOUDWARD_DB: '/srv/cw.db', XDG_DATA_HOME: '/x', HOME: '/home/ana' })).toBe(
      '/srv/cw.db',
    );
    expect(defaultStorePath({ CLOUDWARD_DB: '~/db/cw.db', HOME: '/home/ana' })).toBe('/home/ana/db/cw.db');
  });

  it('then $XDG_DATA_HOME/cloudward/cloudward.db', () => {
    expect(defaultStorePath({ XDG_DATA_HOME: '/home/ana/.local/share', HOME: '/home/ana' })).toBe(
      '/home/ana/.local/share/cloudward/cloudward.db',
    );
    expect(defaultStorePath({ XDG_DATA_HOME: '~/data', HOME: '/home/ana' })).toBe(
      '/home/ana/data/cloudward/cloudward.db',
    );
  });

  it('then ~/.cloudward/cloudward.db; empty variables and a relative XDG_DATA_HOME count as unset', () => {
    expect(defaultStorePath({ HOME: '/home/ana' })).toBe('/home/ana/.cloudward/cloudward.db');
    expect(defaultStorePath({ CLOUDWARD_DB: '', XDG_DATA_HOME: '', HOME: '/home/ana' })).toBe(
      '/home/ana/.cloudward/cloudward.db',
    );
    expect(defaultStorePath({ XDG_DATA_HOME: 'relative/share', HOME: '/home/ana' })).toBe(
      '/home/ana/.cloudward/cloudward.db',
    );
  });
});

describe('expandHome', () => {
  it('expands only a leading ~ or ~/', () => {
    const env = { HOME: '/home/ana' };
    expect(expandHome('~', env)).toBe('/home/ana');
    expect(expandHome('~/x/y.db', env)).toBe('/home/ana/x/y.db');
    expect(expandHome('~bob/y.db', env)).toBe('~bob/y.db');
    expect(expandHome('/a/~/b', env)).toBe('/a/~/b');
    expect(expandHome('rel/~', env)).toBe('rel/~');
  });
});

describe('openStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-openstore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the SQLite store a config names', async () => {
    const path = join(dir, 'nested', 'cw.db');
    const store = await openStore({ type: 'sqlite', path });
    expect(store.location).toBe(path);
    expect(await store.listScans()).toEqual([]);
    await store.close();
  });

  it('refuses an unknown store type', async () => {
    await expect(openStore({ type: 'postgres' } as unknown as { type: 'sqlite' })).rejects.toThrow(
      StoreError,
    );
  });
});

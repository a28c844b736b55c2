import { StoreError } from './errors.js';
import { defaultStorePath, expandHome } from './paths.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export { defaultStorePath, expandHome } from './paths.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
export type * from './store.js';
export { StoreError };

export interface SqliteStoreConfig {
  type: 'sqlite';
  /** defaults to defaultStorePath(); a leading ~ is expanded */
  path?: string;
}

export type StoreConfig = SqliteStoreConfig;

/** Opens the store a config names. */
export async function openStore(config: StoreConfig): Promise<Store> {
  switch (config.type) {
    case 'sqlite':
      return openSqliteStore(expandHome(config.path ?? defaultStorePath()));
    default:
      throw new StoreError(
        '(config)',
        `unknown store type "${String((config as { type: unknown }).type)}" (expected sqlite)`,
      );
  }
}

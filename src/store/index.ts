import { StoreError } from './errors.js';
import { defaultStorePath, expandHome } from './paths.js';
import type { PostgresStoreOptions } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export type * from './dashboard-store.js';
export type * from './detections.js';
export type * from './outbox.js';
export { defaultStorePath, expandHome } from './paths.js';
export type { PostgresStoreOptions } from './postgres.js';
export * from './query.js';
export { STORE_SAMPLES, storeSampleNamed } from './query-samples.js';
export { QUERY_TABLES, type QueryTable, type TableColumn } from './query-tables.js';
export { pointAt } from './query-text.js';
export type * from './scale-out.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
export type * from './store.js';
export { StoreError };

export interface SqliteStoreConfig {
  type: 'sqlite';
  /** defaults to defaultStorePath(); a leading ~ is expanded */
  path?: string;
}

export interface PostgresStoreConfig {
  type: 'postgres';
  /** postgres://user:password@host:port/database, optionally with ?schema=name */
  url: string;
  /** the schema of the store's tables; overrides the URL's ?schema= (default "cloudward") */
  schema?: string;
}

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;

/** Opens a PostgreSQL store; the driver is loaded only when one is used. */
export async function openPostgresStore(url: string, opts?: PostgresStoreOptions): Promise<Store> {
  const pg = await import('./postgres.js');
  return pg.openPostgresStore(url, opts);
}

export interface OpenStoreOptions {
  /**
   * A store that does not exist yet is created (default): for commands that write. false: it
   * is refused with a message naming the path, so a mistyped path never becomes a new store.
   */
  create?: boolean;
  /** SQLite: check the file for damage before using it (reads the whole file). */
  verify?: boolean;
}

/** Opens the store a config names. */
export async function openStore(config: StoreConfig, opts: OpenStoreOptions = {}): Promise<Store> {
  switch (config.type) {
    case 'sqlite':
      return openSqliteStore(expandHome(config.path ?? defaultStorePath()), opts);
    case 'postgres':
      return openPostgresStore(config.url, {
        ...(config.schema === undefined ? {} : { schema: config.schema }),
        ...(opts.create === undefined ? {} : { create: opts.create }),
      });
    default:
      throw new StoreError(
        '(config)',
        `unknown store type "${String((config as { type: unknown }).type)}" (expected sqlite or postgres)`,
      );
  }
}

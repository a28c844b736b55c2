/*
 * SQL over the store: `cloudward query "SELECT ..."` and the dashboard's Query page. A query
 * sees the tables of query-tables.ts (the same names and columns on SQLite and PostgreSQL) and
 * can never change the store: its text is checked (query-text.ts), then it runs on a
 * read-only connection (SQLite) or in a read-only transaction (PostgreSQL), with a time limit.
 * Saved queries are kept in the store's `saved_queries` table.
 */

import { QueryTextError } from './query-text.js';

export { QueryTextError };

export interface StoreQueryColumn {
  name: string;
  /** the engine's type name, where it knows one ('' where it does not) */
  type: string;
}

export interface StoreQueryResult {
  columns: StoreQueryColumn[];
  rows: Record<string, unknown>[];
}

export interface StoreQueryOptions {
  /** values of the query's `$name` parameters, bound as text */
  params?: Record<string, string>;
  timeoutMs: number;
  /** the time mutes are judged at (default: now) */
  now?: Date;
}

/** The engine refused or failed the query; the message is the engine's, with where in the query. */
export class StoreQueryError extends Error {
  override name = 'StoreQueryError';
}

/** The query ran longer than its limit and was cancelled. */
export class StoreQueryTimeout extends Error {
  override name = 'StoreQueryTimeout';
  constructor(readonly timeoutMs: number) {
    super(
      `query cancelled: it ran longer than the ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000}s` : `${timeoutMs}ms`} limit`,
    );
  }
}

export interface SavedQuery {
  name: string;
  sql: string;
  description: string;
  created_at: string;
  updated_at: string;
}

/** A saved query's name: letters, digits, `.`, `_`, `-`; 1 to 64 characters. */
export const SAVED_QUERY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkSavedQueryName(name: string): void {
  if (!SAVED_QUERY_NAME.test(name))
    throw new QueryTextError(
      `query name "${name}": use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
}

export interface QueryStore {
  /** Runs one read-only SELECT over the query tables. */
  query(sql: string, opts: StoreQueryOptions): Promise<StoreQueryResult>;
  /** saved queries, by name */
  savedQueries(): Promise<SavedQuery[]>;
  savedQuery(name: string): Promise<SavedQuery | null>;
  /** saves (or replaces) a query under its name */
  saveQuery(q: { name: string; sql: string; description?: string }, now?: Date): Promise<SavedQuery>;
  /** false when no query had that name */
  deleteQuery(name: string): Promise<boolean>;
  close(): Promise<void>;
}

/** JSON text columns of SQLite's tables, by (table, column) as better-sqlite3 reports them. */
export const SQLITE_JSON_COLUMNS = new Set([
  'scans.counts',
  'scans.errors',
  'scans.accounts',
  'resources.record',
  'findings.record',
  'detections.record',
  'incidents.record',
]);

/** Whole numbers that fit a double, as numbers; larger ones stay text. */
export function plainInteger(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'string' && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return v;
}

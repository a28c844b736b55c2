import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { messageOf, StoreError } from './errors.js';
import { expandHome } from './paths.js';
import { inspectSchema, MIGRATIONS, type Migration, migrate } from './sqlite-migrations.js';

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 12 is the last major that supports Node 20, but on Node 24 its statements abort
 * the process at exit (Node 24's ObjectWrap cleanup hooks); 13 is built on Node-API and does not.
 * So Node >= 22 uses 13, installed as the optional `better-sqlite3-napi` (npm skips it on Node 20
 * by its engines field), and Node 20, or an install without it, uses 12. Both have the same API.
 */
function loadDriver(): typeof Database {
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    try {
      return require('better-sqlite3-napi') as typeof Database;
    } catch {
      // not installed (or not built): fall back to 12
    }
  }
  return require('better-sqlite3') as typeof Database;
}

export const SqliteDriver = loadDriver();

/** How long a write waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What a user does about a damaged store file. */
export const DAMAGE_ADVICE =
  'restore it from a backup, or copy what SQLite can still read into a new file (docs/store.md, "A damaged store"); `cloudward store check` lists every problem';

const codeOf = (err: unknown) =>
  typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';

/** Turns a SQLite or file-system error into words a user can act on. */
export function describeSqliteError(err: unknown): string {
  const code = codeOf(err);
  const detail = messageOf(err);
  if (code.startsWith('SQLITE_CORRUPT')) return `is damaged (${detail}): ${DAMAGE_ADVICE}`;
  if (code === 'SQLITE_NOTADB') return `is not a SQLite database (${detail})`;
  if (code.startsWith('SQLITE_READONLY')) return `cannot be written: it is read-only (${detail})`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `is locked by another process and stayed locked for ${BUSY_TIMEOUT_MS / 1000}s (${detail})`;
  if (code === 'SQLITE_FULL') return `cannot be written: the disk is full (${detail})`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `cannot be opened (${detail})`;
  if (code.startsWith('SQLITE_IOERR')) return `had an I/O error (${detail})`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${detail})`;
  return detail;
}

/**
 * Looks at the file before SQLite does, so a wrong file gets a precise message and is never
 * touched: 'missing', 'empty' (a zero-length file is a valid empty database) or 'sqlite'.
 */
export function checkDatabaseFile(location: string): 'missing' | 'empty' | 'sqlite' {
  let size: number;
  try {
    const st = statSync(location);
    if (st.isDirectory()) throw new StoreError(location, 'is a directory, not a database file');
    if (!st.isFile()) throw new StoreError(location, 'is not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  if (size === 0) return 'empty';
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = openSync(location, 'r');
    try {
      read = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  if (read < header.length || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StoreError(
      location,
      'is not a SQLite database (its header does not start with "SQLite format 3")',
    );
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new StoreError(location, `is corrupt: its header gives an invalid page size ${rawPageSize}`);
  }
  return 'sqlite';
}

function ensureParentDir(location: string): void {
  try {
    mkdirSync(dirname(location), { recursive: true });
  } catch (err) {
    throw new StoreError(location, `its directory cannot be created (${messageOf(err)})`, { cause: err });
  }
}

/**
 * The problems SQLite finds in the file's structure (pages, b-trees, records; with 'full' also
 * index contents and UNIQUE constraints), at most `max`; [] when it is sound. quick_check reads
 * every page of the file: about 0.5 s for a store of 100,000 resources (157 MB) in the page
 * cache; integrity_check about 2.5 times that (bench/store-check.mjs).
 */
export function integrityProblems(db: Database.Database, kind: 'quick' | 'full', max = 100): string[] {
  const pragma = kind === 'quick' ? 'quick_check' : 'integrity_check';
  let rows: Record<string, unknown>[];
  try {
    rows = db.pragma(`${pragma}(${max})`, { simple: false }) as Record<string, unknown>[];
  } catch (err) {
    // a page too damaged to walk stops the check itself; quick_check, which skips the index
    // comparisons, often still gets through and says where
    const code = codeOf(err);
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') throw err;
    const quick = kind === 'full' ? integrityProblems(db, 'quick', max) : [];
    return quick.length > 0 ? quick : [messageOf(err)];
  }
  const lines = rows
    .flatMap((r) => String(Object.values(r)[0]).split('\n'))
    .filter((l) => l !== '' && !l.startsWith('*** in database'));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/**
 * Refuses a file whose structure is damaged, before anything is written to it. The check runs
 * on a read-only connection of its own, which measured 35-40% faster than on a read-write one.
 */
export function assertIntact(location: string): void {
  let problems: string[];
  try {
    const db = new SqliteDriver(location, { readonly: true, fileMustExist: true });
    try {
      problems = integrityProblems(db, 'quick', 10);
    } finally {
      db.close();
    }
  } catch (err) {
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  throw new StoreError(
    location,
    `is damaged: SQLite's check found: ${shown}${more}. Nothing was written to it: ${DAMAGE_ADVICE}`,
  );
}

/** The message for a store file that does not exist, where only an existing store makes sense. */
export const MISSING_STORE =
  "no store here (the file does not exist). Check the path: --db, $CLOUDWARD_DB, or the store's path in the config; `cloudward scan` creates a store";

export interface OpenOptions {
  /**
   * Check the file's structure (PRAGMA quick_check) before using it: reads the whole file, so
   * commands that write ask for it and commands that only read do not. Whatever this says,
   * the check runs before opening writes to the file (pending schema steps).
   */
  verify?: boolean;
  /** a missing file is created, with its directory (default); false: refused with MISSING_STORE */
  create?: boolean;
  /** the schema steps (tests pass their own) */
  migrations?: readonly Migration[];
}

/** The absolute file of a store path (`~` expanded), or ':memory:'; an empty path is refused. */
export function storeLocation(path: string): string {
  if (path.trim() === '') throw new StoreError('(no path)', 'the SQLite store path is empty');
  return path === ':memory:' ? path : resolve(expandHome(path));
}

/**
 * Opens, validates and migrates a database. Until the file is known to be a Cloudward store of
 * a version this code understands, only reads are made, so a refused file is left as it was.
 */
export function openDatabase(location: string, options: OpenOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const memory = location === ':memory:';
  const kind = memory ? 'missing' : checkDatabaseFile(location);
  if (!memory && kind === 'missing') {
    if (options.create === false) throw new StoreError(location, MISSING_STORE);
    ensureParentDir(location);
  }
  let db: Database.Database;
  try {
    db = new SqliteDriver(location, { timeout: BUSY_TIMEOUT_MS, fileMustExist: kind !== 'missing' });
  } catch (err) {
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  try {
    const state = inspectSchema(db, location, migrations);
    const pending = state === 'empty' ? migrations.length : migrations.length - state.length;
    if (kind === 'sqlite' && (options.verify || pending > 0)) assertIntact(location);
    // from here on the file is ours to write
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, location, migrations);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
}

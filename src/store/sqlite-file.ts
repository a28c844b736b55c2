import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { messageOf, StoreError } from './errors.js';
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

/** Turns a SQLite or file-system error into words a user can act on. */
export function describeSqliteError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const detail = messageOf(err);
  if (code.startsWith('SQLITE_CORRUPT')) return `is corrupt (${detail})`;
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

export interface OpenOptions {
  /** run PRAGMA quick_check before use: reads the whole file, so off by default */
  verify?: boolean;
  /** the schema steps (tests pass their own) */
  migrations?: readonly Migration[];
}

/**
 * Opens, validates and migrates a database. Until the file is known to be a Cloudward store of
 * a version this code understands, only reads are made, so a refused file is left as it was.
 */
export function openDatabase(location: string, options: OpenOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const memory = location === ':memory:';
  const kind = memory ? 'missing' : checkDatabaseFile(location);
  if (!memory && kind === 'missing') ensureParentDir(location);
  let db: Database.Database;
  try {
    db = new SqliteDriver(location, { timeout: BUSY_TIMEOUT_MS, fileMustExist: kind !== 'missing' });
  } catch (err) {
    throw new StoreError(location, describeSqliteError(err), { cause: err });
  }
  try {
    inspectSchema(db, location, migrations);
    if (options.verify) {
      const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      const text = problems.map((p) => p.quick_check);
      if (text.join() !== 'ok') throw new StoreError(location, `is corrupt: ${text.join('; ')}`);
    }
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

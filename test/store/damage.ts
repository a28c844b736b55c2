import { closeSync, openSync, writeSync } from 'node:fs';
import { SqliteDriver } from '../../src/store/sqlite-file.js';

/**
 * Damages a SQLite store as a failing disk or a bad copy does: one b-tree page of `table`
 * is overwritten, while the file header and the schema stay valid (the file opens, and
 * reads that do not touch the page work). Returns the page number.
 */
export function damagePage(
  path: string,
  table = 'resources',
  pageType: 'leaf' | 'internal' = 'leaf',
): number {
  const db = new SqliteDriver(path);
  let page: number;
  let size: number;
  try {
    // whatever is still in the write-ahead log goes into the file first
    db.pragma('wal_checkpoint(TRUNCATE)');
    const row = db
      .prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno LIMIT 1')
      .get(table, pageType) as { pageno: number } | undefined;
    if (!row) throw new Error(`no ${pageType} page of ${table} in ${path}`);
    page = row.pageno;
    size = db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size, 0xee), 0, size, (page - 1) * size);
  } finally {
    closeSync(fd);
  }
  return page;
}

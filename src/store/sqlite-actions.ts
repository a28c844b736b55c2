import type Database from 'better-sqlite3';
import type { ActionQuery, ActionRecord, ActionState, ActionStore } from '../core/remediation.js';
import { actionColumns, parseActionRecord, patched } from './actions.js';
import { StoreError } from './errors.js';
import { describeSqliteError, type OpenOptions, openDatabase, storeLocation } from './sqlite-file.js';

/* The remediation actions of a SQLite store (migration 8), on a connection of their own. */

class SqliteActionStore implements ActionStore {
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  private run<T>(what: string, fn: () => T): T {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  async insert(r: ActionRecord): Promise<boolean> {
    return this.run(`recording action ${r.id}`, () => {
      const cols = actionColumns(r);
      return (
        this.db
          .prepare(
            'INSERT OR IGNORE INTO remediation_actions (id, state, target_key, created_ms, updated_ms, record) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(...cols, JSON.stringify(r)).changes === 1
      );
    });
  }

  async get(id: string): Promise<ActionRecord | null> {
    return this.run(`reading action ${id}`, () => {
      const row = this.db.prepare('SELECT record FROM remediation_actions WHERE id = ?').get(id) as
        | { record: string }
        | undefined;
      return row ? parseActionRecord(this.location, id, row.record) : null;
    });
  }

  async list(q: ActionQuery = {}): Promise<ActionRecord[]> {
    return this.run('listing actions', () => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.states?.length) {
        where.push(`state IN (${q.states.map(() => '?').join(', ')})`);
        params.push(...q.states);
      }
      if (q.target_key !== undefined) {
        where.push('target_key = ?');
        params.push(q.target_key);
      }
      const rows = this.db
        .prepare(
          `SELECT id, record FROM remediation_actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY created_ms DESC, id DESC LIMIT ?`,
        )
        .all(...params, q.limit ?? 1000) as { id: string; record: string }[];
      return rows.map((r) => parseActionRecord(this.location, r.id, r.record));
    });
  }

  async update(
    id: string,
    from: readonly ActionState[],
    patch: Partial<Omit<ActionRecord, 'id'>>,
  ): Promise<ActionRecord | null> {
    return this.run(`updating action ${id}`, () =>
      this.db
        .transaction((): ActionRecord | null => {
          const row = this.db.prepare('SELECT state, record FROM remediation_actions WHERE id = ?').get(id) as
            | { state: ActionState; record: string }
            | undefined;
          if (!row || !from.includes(row.state)) return null;
          const next = patched(parseActionRecord(this.location, id, row.record), patch);
          const [, state, , , updated] = actionColumns(next);
          this.db
            .prepare('UPDATE remediation_actions SET state = ?, updated_ms = ?, record = ? WHERE id = ?')
            .run(state, updated, JSON.stringify(next), id);
          return next;
        })
        .immediate(),
    );
  }

  async countSince(sinceMs: number, states: readonly ActionState[]): Promise<number> {
    return this.run('counting actions', () => {
      if (states.length === 0) return 0;
      const row = this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM remediation_actions WHERE created_ms >= ? AND state IN (${states.map(() => '?').join(', ')})`,
        )
        .get(sinceMs, ...states) as { n: number };
      return row.n;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens the remediation actions of the SQLite store at `path`. */
export function openSqliteActionStore(
  path: string,
  options: Pick<OpenOptions, 'verify' | 'create'> = {},
): ActionStore {
  const location = storeLocation(path);
  const db = openDatabase(location, options);
  // an action's record must survive a crash the moment it is written
  db.pragma('synchronous = FULL');
  return new SqliteActionStore(db, location);
}

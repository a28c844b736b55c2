import type { ActionQuery, ActionRecord, ActionState, ActionStore } from '../core/remediation.js';
import { actionColumns, parseActionRecord, patched } from './actions.js';
import { StoreError } from './errors.js';
import type { PgSession } from './postgres-connection.js';

/* The remediation actions of a PostgreSQL store (PG migration 6), over the store's pool. */

export class PostgresActionStore implements ActionStore {
  private closed = false;

  constructor(private readonly pg: PgSession) {}

  get location(): string {
    return this.pg.location;
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(this.location, `${what}: the store is closed`));
    return this.pg.run(what, fn);
  }

  insert(r: ActionRecord): Promise<boolean> {
    return this.run(`recording action ${r.id}`, async () => {
      const rows = await this.pg.query(
        `INSERT INTO ${this.pg.s}.remediation_actions (id, state, target_key, created_ms, updated_ms, record)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [...actionColumns(r), JSON.stringify(r)],
      );
      return rows.length === 1;
    });
  }

  get(id: string): Promise<ActionRecord | null> {
    return this.run(`reading action ${id}`, async () => {
      const rows = await this.pg.query<{ record: unknown }>(
        `SELECT record FROM ${this.pg.s}.remediation_actions WHERE id = $1`,
        [id],
      );
      return rows[0] ? parseActionRecord(this.location, id, rows[0].record) : null;
    });
  }

  list(q: ActionQuery = {}): Promise<ActionRecord[]> {
    return this.run('listing actions', async () => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.states?.length) {
        params.push([...q.states]);
        where.push(`state = ANY($${params.length}::text[])`);
      }
      if (q.target_key !== undefined) {
        params.push(q.target_key);
        where.push(`target_key = $${params.length}`);
      }
      params.push(q.limit ?? 1000);
      const rows = await this.pg.query<{ id: string; record: unknown }>(
        `SELECT id, record FROM ${this.pg.s}.remediation_actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY created_ms DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => parseActionRecord(this.location, r.id, r.record));
    });
  }

  update(
    id: string,
    from: readonly ActionState[],
    patch: Partial<Omit<ActionRecord, 'id'>>,
  ): Promise<ActionRecord | null> {
    return this.run(`updating action ${id}`, () =>
      this.pg.tx(async (c) => {
        const row = (
          await c.query<{ state: ActionState; record: unknown }>(
            `SELECT state, record FROM ${this.pg.s}.remediation_actions WHERE id = $1 FOR UPDATE`,
            [id],
          )
        ).rows[0];
        if (!row || !from.includes(row.state)) return null;
        const next = patched(parseActionRecord(this.location, id, row.record), patch);
        const [, state, , , updated] = actionColumns(next);
        await c.query(
          `UPDATE ${this.pg.s}.remediation_actions SET state = $1, updated_ms = $2, record = $3::jsonb WHERE id = $4`,
          [state, updated, JSON.stringify(next), id],
        );
        return next;
      }),
    );
  }

  countSince(sinceMs: number, states: readonly ActionState[]): Promise<number> {
    return this.run('counting actions', async () => {
      const rows = await this.pg.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${this.pg.s}.remediation_actions WHERE created_ms >= $1 AND state = ANY($2::text[])`,
        [sinceMs, [...states]],
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

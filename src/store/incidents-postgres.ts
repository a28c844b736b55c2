import type { Incident, IncidentPage, IncidentQuery, IncidentStore } from '../core/incidents.js';
import { StoreError } from './errors.js';
import { checkIncidentQuery, incidentColumns, incidentFilter, incidentOf } from './incidents-sqlite.js';
import type { PgSession } from './postgres-connection.js';

/*
 * Incidents in a PostgreSQL store's `incidents` table (PG migration 4): the same rows and
 * queries as the SQLite store (incidents-sqlite.ts), over the store's pool.
 */

interface Row {
  id: string;
  notified_version: number;
  notified_at: string | null;
  record: unknown;
}

/** `?` placeholders as $1, $2... */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export class PostgresIncidentStore implements IncidentStore {
  private closed = false;

  constructor(private readonly pg: PgSession) {}

  get location(): string {
    return this.pg.location;
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(this.location, `${what}: the store is closed`));
    return this.pg.run(what, fn);
  }

  private read(r: Row): Incident {
    return incidentOf(this.location, r.id, r.record, r.notified_version, r.notified_at);
  }

  private get select() {
    return `SELECT id, notified_version, notified_at, record FROM ${this.pg.s}.incidents`;
  }

  findIncident(principalKey: string, timeMs: number, gapMs: number): Promise<Incident | null> {
    return this.run('finding an incident', async () => {
      const rows = await this.pg.query<Row>(
        `${this.select} WHERE principal_key = $1 AND last_ms >= $2 AND first_ms <= $3 ORDER BY last_ms DESC LIMIT 1`,
        [principalKey, timeMs - gapMs, timeMs + gapMs],
      );
      return rows[0] ? this.read(rows[0]) : null;
    });
  }

  saveIncidents(incidents: readonly Incident[]): Promise<void> {
    if (incidents.length === 0) return Promise.resolve();
    return this.run(`storing ${incidents.length} incident(s)`, async () => {
      const rows = incidents.map((i) => incidentColumns(this.location, i));
      await this.pg.tx(async (c) => {
        for (const r of rows) {
          await c.query(
            `INSERT INTO ${this.pg.s}.incidents (id, principal_key, principal, severity_rank, first_ms, last_ms, version, record)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
             ON CONFLICT (id) DO UPDATE SET principal_key = excluded.principal_key, principal = excluded.principal,
               severity_rank = excluded.severity_rank, first_ms = excluded.first_ms, last_ms = excluded.last_ms,
               version = excluded.version, record = excluded.record`,
            [
              r.id,
              r.principal_key,
              r.principal,
              r.severity_rank,
              r.first_ms,
              r.last_ms,
              r.version,
              JSON.stringify(r.record),
            ],
          );
        }
      });
    });
  }

  getIncident(id: string): Promise<Incident | null> {
    return this.run(`reading incident ${id}`, async () => {
      const rows = await this.pg.query<Row>(`${this.select} WHERE id = $1`, [id]);
      return rows[0] ? this.read(rows[0]) : null;
    });
  }

  incidents(q: IncidentQuery): Promise<IncidentPage> {
    return this.run('querying incidents', async () => {
      checkIncidentQuery(this.location, q);
      const { where, params } = incidentFilter(q);
      const w = numbered(where);
      const [total] = await this.pg.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${this.pg.s}.incidents ${w}`,
        params,
      );
      const rows = await this.pg.query<Row>(
        `${this.select} ${w} ORDER BY last_ms DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      return { total: Number(total?.n ?? 0), items: rows.map((r) => this.read(r)) };
    });
  }

  unnotified(limit: number, source?: string): Promise<Incident[]> {
    return this.run('reading incidents to notify', async () => {
      const rows = await this.pg.query<Row>(
        source === undefined
          ? `${this.select} WHERE version > notified_version ORDER BY first_ms, id LIMIT $1`
          : `${this.select} WHERE version > notified_version AND record->>'source' = $2 ORDER BY first_ms, id LIMIT $1`,
        source === undefined ? [limit] : [limit, source],
      );
      return rows.map((r) => this.read(r));
    });
  }

  markNotified(id: string, version: number, at: Date = new Date()): Promise<void> {
    return this.run(`marking incident ${id} notified`, async () => {
      await this.pg.query(
        `UPDATE ${this.pg.s}.incidents SET notified_version = $1, notified_at = $2 WHERE id = $3 AND notified_version < $1`,
        [version, at.toISOString(), id],
      );
    });
  }

  /** The store's pool stays open: it is the store's to close. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DashboardReads } from './dashboard-reads.js';
import type { Query } from './dashboard-sql.js';
import type {
  AccountSeverityCount,
  CountRow,
  Dashboard,
  DashboardInput,
  DashboardStore,
  DetectionPage,
  DetectionPageQuery,
  Facet,
  FindingFilter,
  FindingPage,
  FindingPageQuery,
  ResourceQuery,
  ResourceSummary,
  ResourceTypeCount,
  ScanChanges,
  ScanScope,
  Widget,
} from './dashboard-store.js';
import { StoreError } from './errors.js';

/*
 * The dashboard's reads over a PostgreSQL store (findings and inventory through DashboardReads,
 * the same queries as on SQLite) and its saved dashboards (PG migration 2). It shares the
 * store's connection pool, and reads the detections `detect` and `watch` stored in the same schema.
 */

/** `%needle%` for LIKE, with LIKE's own characters escaped (backslash is PostgreSQL's default escape). */
function likeContains(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface DashboardRow {
  id: string;
  name: string;
  description: string;
  widgets: unknown;
  created_at: string;
  updated_at: string;
}

function readDashboard(location: string, row: DashboardRow): Dashboard {
  if (!Array.isArray(row.widgets))
    throw new StoreError(location, `dashboard ${row.id}: widgets is not a list`);
  return { ...row, widgets: row.widgets as Widget[] };
}

export class PostgresDashboardStore implements DashboardStore {
  private closed = false;
  private readonly reads: DashboardReads;

  /**
   * @param prefix the quoted schema and a dot (`"cloudward".`)
   * @param wrap turns a driver error into a StoreError naming the operation (the store's own)
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly location: string,
    private readonly prefix: string,
    private readonly wrap: (what: string, err: unknown) => StoreError,
  ) {
    this.reads = new DashboardReads({
      dialect: 'postgres',
      location,
      prefix,
      all: async <R>(sql: string, q: Query) =>
        (await this.pool.query(sql, q.params() as unknown[])).rows as R[],
      // finding_search.search_text is folded by JavaScript when written; its trigram index serves LIKE
      search: (q, needle) =>
        `(f.audit_key, f.finding_id) IN (SELECT audit_key, finding_id FROM ${prefix}finding_search
           WHERE search_text LIKE ${q.p(likeContains(needle.toLowerCase()))})`,
      contains: (q, expr, needle) => `strpos(lower(${expr}), ${q.p(needle.toLowerCase())}) > 0`,
    });
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return await fn();
    } catch (err) {
      throw this.wrap(what, err);
    }
  }

  findingsPage(q: FindingPageQuery): Promise<FindingPage> {
    return this.run('querying findings', () => this.reads.findingsPage(q));
  }

  findingCounts(f: FindingFilter, by: Facet, limit = 50): Promise<CountRow[]> {
    return this.run(`counting findings by ${by}`, () => this.reads.findingCounts(f, by, limit));
  }

  accountSeverityCounts(f: FindingFilter): Promise<AccountSeverityCount[]> {
    return this.run('counting findings by account and severity', () => this.reads.accountSeverityCounts(f));
  }

  findingFacets(f: FindingFilter, by: readonly Facet[], limit = 50): Promise<Record<Facet, CountRow[]>> {
    return this.run(`counting findings by ${by.join(', ')}`, () => this.reads.findingFacets(f, by, limit));
  }

  scanChanges(scope: ScanScope, limit: number): Promise<ScanChanges> {
    return this.run(`reading the changes of scan ${scope.join(', ')}`, () =>
      this.reads.scanChanges(scope, limit),
    );
  }

  resourceTypes(scope: ScanScope): Promise<ResourceTypeCount[]> {
    return this.run(`counting resources of scan ${scope[0]}`, () => this.reads.resourceTypes(scope));
  }

  resourceCounts(scope: ScanScope, by: 'type' | 'cloud' | 'account' | 'region'): Promise<CountRow[]> {
    return this.run(`counting resources of scan ${scope[0]}`, () => this.reads.resourceCounts(scope, by));
  }

  resourcesPage(q: ResourceQuery): Promise<{ total: number; items: ResourceSummary[] }> {
    return this.run(`listing resources of scan ${q.scope[0]}`, () => this.reads.resourcesPage(q));
  }

  detections(q: DetectionPageQuery): Promise<DetectionPage> {
    return this.run('querying detections', () => this.reads.detectionsPage(q));
  }

  listDashboards(): Promise<Dashboard[]> {
    return this.run('listing dashboards', async () => {
      const rows = await this.pool.query<DashboardRow>(
        `SELECT * FROM ${this.prefix}dashboards ORDER BY lower(name), id`,
      );
      return rows.rows.map((r) => readDashboard(this.location, r));
    });
  }

  getDashboard(id: string): Promise<Dashboard | null> {
    return this.run(`reading dashboard ${id}`, async () => {
      const [row] = (
        await this.pool.query<DashboardRow>(`SELECT * FROM ${this.prefix}dashboards WHERE id = $1`, [id])
      ).rows;
      return row ? readDashboard(this.location, row) : null;
    });
  }

  createDashboard(d: DashboardInput): Promise<Dashboard> {
    return this.run('saving a dashboard', async () => {
      const now = new Date().toISOString();
      const dash: Dashboard = { id: randomUUID(), ...d, created_at: now, updated_at: now };
      await this.pool.query(
        `INSERT INTO ${this.prefix}dashboards (id, name, description, widgets, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
        [dash.id, dash.name, dash.description, JSON.stringify(dash.widgets), now, now],
      );
      return dash;
    });
  }

  updateDashboard(id: string, d: DashboardInput): Promise<Dashboard | null> {
    return this.run(`saving dashboard ${id}`, async () => {
      const [row] = (
        await this.pool.query<DashboardRow>(
          `UPDATE ${this.prefix}dashboards SET name = $1, description = $2, widgets = $3::jsonb, updated_at = $4
            WHERE id = $5 RETURNING *`,
          [d.name, d.description, JSON.stringify(d.widgets), new Date().toISOString(), id],
        )
      ).rows;
      return row ? readDashboard(this.location, row) : null;
    });
  }

  deleteDashboard(id: string): Promise<boolean> {
    return this.run(`deleting dashboard ${id}`, async () => {
      const res = await this.pool.query(`DELETE FROM ${this.prefix}dashboards WHERE id = $1`, [id]);
      return (res.rowCount ?? 0) > 0;
    });
  }

  dataVersion(): Promise<number> {
    return this.run('reading the data version', async () => {
      const [row] = (
        await this.pool.query<{ version: string }>(`SELECT version FROM ${this.prefix}data_version`)
      ).rows;
      return Number(row?.version ?? 0);
    });
  }

  /** The pool is the store's: closing the dashboard's view leaves it open. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

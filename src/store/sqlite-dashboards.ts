import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DashboardReads, type Row } from './dashboard-reads.js';
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
import { messageOf, StoreError } from './errors.js';
import { describeSqliteError, openDatabase, storeLocation } from './sqlite-file.js';

/*
 * The dashboard's reads over the SQLite store (findings and inventory through DashboardReads,
 * the detections table of migration 4), and its saved dashboards (migration 2).
 * It opens its own connection to the store file (WAL lets it read while a scan writes) and
 * only ever writes the dashboards table. Everything a filter or sort uses is bound as a
 * parameter; column and expression names come from fixed maps, never from input.
 */

/** FTS5 trigram queries need 3 characters; shorter needles are looked for in every row. */
const TRIGRAM = 3;

/**
 * Substring search through the findings_search FTS5 index (trigram tokenizer: case folded,
 * any substring of 3 or more characters), the needle quoted as one FTS5 string.
 */
function search(q: Query, needle: string): string {
  if ([...needle].length < TRIGRAM) return `instr(cw_fold(f.search), ${q.p(needle.toLowerCase())}) > 0`;
  const phrase = `"${needle.replaceAll('"', '""')}"`;
  return `f.rowid IN (SELECT rowid FROM findings_search WHERE findings_search MATCH ${q.p(phrase)})`;
}

interface DashboardRow {
  id: string;
  name: string;
  description: string;
  widgets: string;
  created_at: string;
  updated_at: string;
}

function readDashboard(location: string, row: DashboardRow): Dashboard {
  let widgets: unknown;
  try {
    widgets = JSON.parse(row.widgets);
  } catch (err) {
    throw new StoreError(location, `dashboard ${row.id}: damaged widgets JSON (${messageOf(err)})`);
  }
  if (!Array.isArray(widgets)) throw new StoreError(location, `dashboard ${row.id}: widgets is not a list`);
  return { ...row, widgets: widgets as Widget[] };
}

/** Opens the dashboard's view of the SQLite store at `path` (migrating it like openSqliteStore). */
export function openSqliteDashboardStore(path: string): DashboardStore {
  const location = storeLocation(path);
  const db = openDatabase(location);
  db.function('cw_fold', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? s.toLowerCase() : s,
  );
  return new SqliteDashboardStore(db, location);
}

class SqliteDashboardStore implements DashboardStore {
  private closed = false;
  private readonly reads: DashboardReads;

  constructor(
    private readonly db: Database.Database,
    private readonly location: string,
  ) {
    this.reads = new DashboardReads({
      dialect: 'sqlite',
      location,
      prefix: '',
      all: async <R = Row>(sql: string, q: Query) => this.db.prepare(sql).all(q.params()) as R[],
      search,
      contains: (q, expr, needle) => `instr(cw_fold(${expr}), ${q.p(needle.toLowerCase())}) > 0`,
    });
  }

  /** Runs `fn` (sync or async), turning any failure into a StoreError naming the store and the operation. */
  private async run<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(this.location, `${what}: the store is closed`);
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(this.location, `${what}: ${describeSqliteError(err)}`, { cause: err });
    }
  }

  async findingsPage(q: FindingPageQuery): Promise<FindingPage> {
    return this.run('querying findings', () => this.reads.findingsPage(q));
  }

  async findingCounts(f: FindingFilter, by: Facet, limit = 50): Promise<CountRow[]> {
    return this.run(`counting findings by ${by}`, () => this.reads.findingCounts(f, by, limit));
  }

  async accountSeverityCounts(f: FindingFilter): Promise<AccountSeverityCount[]> {
    return this.run('counting findings by account and severity', () => this.reads.accountSeverityCounts(f));
  }

  async findingFacets(
    f: FindingFilter,
    by: readonly Facet[],
    limit = 50,
  ): Promise<Record<Facet, CountRow[]>> {
    return this.run(`counting findings by ${by.join(', ')}`, () => this.reads.findingFacets(f, by, limit));
  }

  async scanChanges(scope: ScanScope, limit: number): Promise<ScanChanges> {
    return this.run(`reading the changes of scan ${scope.join(', ')}`, () =>
      this.reads.scanChanges(scope, limit),
    );
  }

  async resourceTypes(scope: ScanScope): Promise<ResourceTypeCount[]> {
    return this.run(`counting resources of scan ${scope[0]}`, () => this.reads.resourceTypes(scope));
  }

  async resourceCounts(scope: ScanScope, by: 'type' | 'cloud' | 'account' | 'region'): Promise<CountRow[]> {
    return this.run(`counting resources of scan ${scope[0]}`, () => this.reads.resourceCounts(scope, by));
  }

  async resourcesPage(q: ResourceQuery): Promise<{ total: number; items: ResourceSummary[] }> {
    return this.run(`listing resources of scan ${q.scope[0]}`, () => this.reads.resourcesPage(q));
  }

  async detections(q: DetectionPageQuery): Promise<DetectionPage> {
    return this.run('querying detections', () => this.reads.detectionsPage(q));
  }

  async listDashboards(): Promise<Dashboard[]> {
    return this.run('listing dashboards', () =>
      (this.db.prepare('SELECT * FROM dashboards ORDER BY cw_fold(name), id').all() as DashboardRow[]).map(
        (r) => readDashboard(this.location, r),
      ),
    );
  }

  async getDashboard(id: string): Promise<Dashboard | null> {
    return this.run(`reading dashboard ${id}`, () => {
      const row = this.db.prepare('SELECT * FROM dashboards WHERE id = ?').get(id) as
        | DashboardRow
        | undefined;
      return row ? readDashboard(this.location, row) : null;
    });
  }

  async createDashboard(d: DashboardInput): Promise<Dashboard> {
    return this.run('saving a dashboard', () => {
      const now = new Date().toISOString();
      const dash: Dashboard = { id: randomUUID(), ...d, created_at: now, updated_at: now };
      this.db
        .prepare(
          `INSERT INTO dashboards (id, name, description, widgets, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(dash.id, dash.name, dash.description, JSON.stringify(dash.widgets), now, now);
      return dash;
    });
  }

  async updateDashboard(id: string, d: DashboardInput): Promise<Dashboard | null> {
    return this.run(`saving dashboard ${id}`, () => {
      const now = new Date().toISOString();
      const changed = this.db
        .prepare('UPDATE dashboards SET name = ?, description = ?, widgets = ?, updated_at = ? WHERE id = ?')
        .run(d.name, d.description, JSON.stringify(d.widgets), now, id).changes;
      if (changed === 0) return null;
      const row = this.db.prepare('SELECT * FROM dashboards WHERE id = ?').get(id) as DashboardRow;
      return readDashboard(this.location, row);
    });
  }

  async deleteDashboard(id: string): Promise<boolean> {
    return this.run(
      `deleting dashboard ${id}`,
      () => this.db.prepare('DELETE FROM dashboards WHERE id = ?').run(id).changes > 0,
    );
  }

  async dataVersion(): Promise<number> {
    return this.run(
      'reading the data version',
      () => this.db.pragma('data_version', { simple: true }) as number,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

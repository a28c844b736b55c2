import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardStore } from '../../src/store/dashboard-store.js';
import { StoreError } from '../../src/store/errors.js';
import { openSqliteDashboardStore } from '../../src/store/sqlite-dashboards.js';
import { MIGRATIONS } from '../../src/store/sqlite-migrations.js';
import { storeDetections, tempDir } from './helpers.js';

const opened: DashboardStore[] = [];
const open = (path: string) => {
  const d = openSqliteDashboardStore(path);
  opened.push(d);
  return d;
};
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

const widget = {
  id: 'w1',
  title: 'By severity',
  chart: 'bar' as const,
  width: 1 as const,
  query: { source: 'findings' as const },
};

describe('dashboards table (migration 2)', () => {
  it('is added to a store created before it, keeping its data', async () => {
    const path = join(tempDir('cw-mig-'), 'old.db');
    const raw = new Database(path);
    raw.exec(
      `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    raw.exec(MIGRATIONS[0]!.sql);
    raw
      .prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)')
      .run(MIGRATIONS[0]!.name, '2025-01-01T00:00:00Z');
    raw.prepare("INSERT INTO mutes VALUES ('abc', 'o', 'r', '2025-01-01T00:00:00Z', NULL, NULL)").run();
    raw.close();
    const d = open(path);
    expect(await d.listDashboards()).toEqual([]);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'dashboards'").pluck().get()).toBe(
      'dashboards',
    );
    expect(check.prepare('SELECT COUNT(*) FROM mutes').pluck().get()).toBe(1);
    check.close();
  });

  it('saves, lists by name, updates and deletes dashboards across reopening', async () => {
    const path = join(tempDir('cw-dash-'), 'cw.db');
    const d = open(path);
    const b = await d.createDashboard({ name: 'beta', description: '', widgets: [widget] });
    const a = await d.createDashboard({ name: 'Alpha', description: 'first', widgets: [] });
    expect((await d.listDashboards()).map((x) => x.name)).toEqual(['Alpha', 'beta']);
    const u = await d.updateDashboard(b.id, {
      name: 'beta',
      description: 'edited',
      widgets: [widget, { ...widget, id: 'w2' }],
    });
    expect(u?.widgets.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(u?.created_at).toBe(b.created_at);
    expect(await d.updateDashboard('nope', { name: 'x', description: '', widgets: [] })).toBeNull();
    await d.close();
    const again = open(path);
    expect((await again.getDashboard(b.id))?.description).toBe('edited');
    expect(await again.deleteDashboard(a.id)).toBe(true);
    expect(await again.deleteDashboard(a.id)).toBe(false);
    expect(await again.getDashboard(a.id)).toBeNull();
  });

  it('reports a damaged row instead of passing it on', async () => {
    const path = join(tempDir('cw-dmg-'), 'cw.db');
    const d = open(path);
    const x = await d.createDashboard({ name: 'x', description: '', widgets: [] });
    const raw = new Database(path);
    raw.prepare("UPDATE dashboards SET widgets = '{not json' WHERE id = ?").run(x.id);
    raw.close();
    await expect(d.getDashboard(x.id)).rejects.toThrow(/damaged widgets JSON/);
    await expect(d.listDashboards()).rejects.toBeInstanceOf(StoreError);
  });
});

describe('finding and detection queries', () => {
  it('refuse bad paging and unknown states with a StoreError', async () => {
    const d = open(join(tempDir('cw-q-'), 'cw.db'));
    await expect(d.findingsPage({ limit: -1, offset: 0 })).rejects.toThrow(/limit/);
    await expect(d.findingsPage({ limit: 10, offset: 1.5 })).rejects.toThrow(/offset/);
    await expect(d.findingsPage({ limit: 10, offset: 0, states: ['bogus' as 'new'] })).rejects.toThrow(
      /unknown state/,
    );
    await expect(d.findingCounts({}, 'colour' as 'cloud')).rejects.toThrow(/unknown facet/);
  });

  it('read the detections table, newest first, with filters', async () => {
    const path = join(tempDir('cw-det-'), 'cw.db');
    await storeDetections(path, [
      {
        id: 'e0000000000000000000000000000001',
        time: '2025-05-01T08:00:00Z',
        actor: 'alice',
        ip: '8.8.8.8',
        action: 'StopLogging',
      },
      {
        id: 'e0000000000000000000000000000002',
        time: '2025-05-02T08:00:00Z',
        actor: null,
        ip: null,
        action: 'DeleteTrail',
      },
    ]);
    const d = open(path);
    const all = await d.detections({ limit: 10, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.items.map((x) => [x.time, x.actor, x.source_ip, x.action])).toEqual([
      ['2025-05-02T08:00:00Z', null, null, 'DeleteTrail'],
      ['2025-05-01T08:00:00Z', 'alice', '8.8.8.8', 'StopLogging'],
    ]);
    expect((await d.detections({ limit: 10, offset: 0, to: '2025-05-02T00:00:00Z' })).total).toBe(1);
    expect((await d.detections({ limit: 10, offset: 0, search: 'ALICE' })).total).toBe(1);
    expect((await d.detections({ limit: 10, offset: 0, actor: 'alice' })).total).toBe(1);
  });
});

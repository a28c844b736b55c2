import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/server/api/overview.js';
import type { FindingPage } from '../../src/store/dashboard-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { recheckClosedBastion, scanDemo, startTestServer, type TestServer, tempDir } from './helpers.js';

/*
 * After `watch` re-checks one resource (a partial scan), every page still describes the estate:
 * the latest full scan with the re-check applied, never the re-check's handful of resources.
 */

const db = join(tempDir('cw-current-'), 'cw.db');
let t: TestServer;
let full: { id: string; resources: number; label: string | null };
let recheckId: string;

beforeAll(async () => {
  await scanDemo(db);
  const store = await openSqliteStore(db);
  const last = await store.lastScan('demo');
  full = { id: last!.id, resources: last!.counts.resources, label: last!.label };
  await store.close();
  const report = await recheckClosedBastion(db);
  recheckId = report.scan.id;
  expect(report.scan.counts.resources).toBeLessThan(10);
  expect(report.findings.some((f) => f.com.state === 'resolved')).toBe(true);
  t = await startTestServer(db);
}, 90_000);

afterAll(async () => {
  await t?.close();
});

type List = FindingPage & { limit: number; offset: number };

describe('after a re-check of one resource', () => {
  it('the overview describes the full scan with the re-check applied', async () => {
    const { body } = await t.json<Overview>('/api/overview');
    expect(body.scan?.id).toBe(full.id);
    expect(body.scan?.label).toBe(full.label);
    expect(body.scan?.counts.resources).toBe(full.resources);
    expect(body.scan?.rechecks?.scan_ids).toEqual([recheckId]);
    // the trend plots full scans only
    expect(body.trend.map((p) => p.label)).toEqual(['demo day1', 'demo day2', 'demo day3']);
    expect(body.previous_scan?.label).toBe('demo day2');
    // what changed since day 2 includes the re-check's resolution
    const resolved = body.changes.findings.filter((c) => c.state === 'resolved').map((c) => c.finding.name);
    expect(resolved).toContain('bastion inbound tcp:22 from 0.0.0.0/0');
    expect(
      body.changes.findings.filter((c) => c.state === 'regressed').map((c) => c.finding.name),
    ).not.toContain('bastion inbound tcp:22 from 0.0.0.0/0');
    expect(body.changes.inventory?.counts.unchanged).toBeGreaterThan(10);
  });

  it('the overview, findings list, inventory and compliance agree on the estate', async () => {
    const { body: o } = await t.json<Overview>('/api/overview');
    const live = await t.json<List>('/api/findings?audit=demo&limit=1');
    expect(o.totals.live).toBe(live.body.total);
    const inv = await t.json<{ total: number; scan: { id: string; rechecks?: number } }>('/api/inventory');
    expect(inv.body.scan.id).toBe(full.id);
    expect(inv.body.scan.rechecks).toBe(1);
    expect(inv.body.total).toBe(full.resources);
    const comp = await t.json<{ scan: { id: string }; frameworks: { totals: Record<string, number> }[] }>(
      '/api/compliance',
    );
    expect(comp.body.scan.id).toBe(full.id);
    const evaluated = comp.body.frameworks.reduce((n, f) => n + f.totals.pass! + f.totals.fail!, 0);
    expect(evaluated).toBeGreaterThan(10);
    // the re-check's passing result is part of the current results
    expect(o.coverage?.checked).toBe((o.scan?.counts.results.pass ?? 0) + (o.scan?.counts.results.fail ?? 0));
  });

  it('one scan is still shown alone when asked for by id', async () => {
    const inv = await t.json<{ total: number; scan: { id: string } }>(`/api/inventory?scan=${recheckId}`);
    expect(inv.body.scan.id).toBe(recheckId);
    expect(inv.body.total).toBeLessThan(10);
  });
});

describe('results that could not be evaluated', () => {
  it('are counted apart from findings and never in critical and high', async () => {
    const { body } = await t.json<Overview>('/api/overview');
    const errors = await t.json<List>('/api/findings?audit=demo&status=error&limit=500');
    expect(errors.body.total).toBeGreaterThan(0);
    expect(new Set(errors.body.items.map((f) => f.status))).toEqual(new Set(['error']));
    expect(body.totals.could_not_evaluate).toBe(errors.body.total);
    const fails = await t.json<List>('/api/findings?audit=demo&limit=500');
    expect(new Set(fails.body.items.map((f) => f.status))).toEqual(new Set(['fail']));
    const highFails = fails.body.items.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(body.totals.critical_high).toBe(highFails.length);
    const both = await t.json<List>('/api/findings?audit=demo&status=all&limit=1');
    expect(both.body.total).toBe(fails.body.total + errors.body.total);
    expect(body.coverage?.could_not_evaluate).toBe(body.scan?.counts.results.error);
  });

  it('have their own facet and are refused under an unknown status', async () => {
    const facets = await t.json<Record<string, { key: string; count: number }[]>>(
      '/api/findings/facets?audit=demo&status=all',
    );
    expect(facets.body.status?.map((r) => r.key).sort()).toEqual(['error', 'fail']);
    const bad = await t.json<{ error: string }>('/api/findings?status=broken');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/status/);
  });
});

describe('account names', () => {
  it('are given with account ids in the overview, findings, facets and inventory', async () => {
    const { body } = await t.json<Overview>('/api/overview');
    const prod = body.by_account.find((r) => r.key === '111122223333');
    expect(prod?.label).toBe('acme-prod');
    const list = await t.json<List>('/api/findings?audit=demo&account=444455556666&limit=5');
    expect(list.body.items[0]?.account_name).toBe('acme-dev');
    const facets = await t.json<Record<string, { key: string; label?: string }[]>>('/api/findings/facets');
    expect(facets.body.account?.find((r) => r.key === '0d3e0000-0000-4000-8000-000000000001')?.label).toBe(
      'acme-azure-prod',
    );
    const inv = await t.json<{ by_account: { key: string; label?: string }[] }>('/api/inventory');
    expect(inv.body.by_account.find((r) => r.key === 'cloudward-demo')?.label).toBe('Cloudward demo');
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostureNode } from '../../src/core/org-posture.js';
import type { AccountsAnswer } from '../../src/server/api/accounts.js';
import type { FindingPage } from '../../src/store/dashboard-store.js';
import { jsonInit, startTestServer, type TestServer, tempDir } from './helpers.js';
import { ORG_ACCOUNTS, seedOrgEstate } from './org-estate.js';

/*
 * GET /api/accounts: posture per account and per level of the clouds' hierarchies, accounts
 * ranked by live critical then high findings, filters by any level; and the findings list
 * filtered by the same levels.
 */

const TOKEN = 'accounts-test-token-0123456789abcdef';
let t: TestServer;

const sum = (ids: string[], severity?: string) =>
  ORG_ACCOUNTS.filter((a) => ids.includes(a.account)).reduce(
    (n, a) =>
      n +
      Object.entries(a.findings)
        .filter(([s]) => severity === undefined || s === severity)
        .reduce((m, [, c]) => m + (c ?? 0), 0),
    0,
  );

const find = (nodes: PostureNode[], id: string): PostureNode | undefined => {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children, id);
    if (inner) return inner;
  }
  return undefined;
};

beforeAll(async () => {
  const db = join(tempDir('cw-accounts-'), 'cw.db');
  await seedOrgEstate(db);
  t = await startTestServer(db, { token: TOKEN });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/accounts', () => {
  it('ranks accounts by live critical, then high findings, with names, places and counts', async () => {
    const { status, body } = await t.json<AccountsAnswer>('/api/accounts?audit=org');
    expect(status).toBe(200);
    expect(body.accounts.map((a) => a.name)).toEqual([
      'payments-prod', // 2 critical
      'shared-services', // 1 critical
      'web-prod', // 3 high
      'corp-subscription', // 2 high
      'dev-sandbox', // 4 medium
      'lonely-project-1', // 1 info
    ]);
    const pay = body.accounts[0]!;
    expect(pay).toMatchObject({
      cloud: 'aws',
      account: '100000000001',
      findings: { critical: 2, high: 1, medium: 0, low: 0, info: 0 },
      live: 3,
      failing_checks: 3,
      resources: 6,
      last_scanned: '2026-11-02T03:01:00.000Z',
    });
    expect(pay.path.map((l) => l.name)).toEqual(['Acme', 'Workloads', 'Prod']);
    expect(body.totals.live).toBe(sum(ORG_ACCOUNTS.map((a) => a.account)));
    expect(body.totals.accounts).toBe(6);
    expect(body.accounts_in_audit).toBe(6);
  });

  it('sums counts up each hierarchy, nested levels included', async () => {
    const { body } = await t.json<AccountsAnswer>('/api/accounts?audit=org');
    expect(body.roots.map((r) => r.id)).toEqual(['o-acme1', 'tenant-root']);
    const org = body.roots[0]!;
    expect(org).toMatchObject({ kind: 'organization', name: 'Acme', account_count: 4 });
    expect(org.live).toBe(sum(['100000000001', '100000000002', '100000000003', '100000000004']));
    const work = find(body.roots, 'ou-work-1')!;
    expect(work.account_count).toBe(3);
    expect(work.findings.critical).toBe(3);
    expect(work.accounts).toEqual(['aws:100000000003']);
    expect(work.children.map((c) => c.name)).toEqual(['Prod']);
    expect(find(body.roots, 'ou-prod-1')!.accounts).toEqual(['aws:100000000001', 'aws:100000000002']);
    expect(find(body.roots, 'mg-corp')).toMatchObject({ kind: 'management_group', live: 3 });
    // a project whose place is unknown is listed, not dropped
    expect(body.unplaced).toEqual(['gcp:lonely-project-1']);
  });

  it('filters by organisation, by any unit (nested ones included), by account and by cloud', async () => {
    const names = async (q: string) =>
      (await t.json<AccountsAnswer>(`/api/accounts?audit=org&${q}`)).body.accounts.map((a) => a.name);
    expect(await names('org=o-acme1')).toEqual([
      'payments-prod',
      'shared-services',
      'web-prod',
      'dev-sandbox',
    ]);
    expect(await names('unit=ou-work-1')).toEqual(['payments-prod', 'shared-services', 'web-prod']);
    expect(await names('unit=ou-prod-1')).toEqual(['payments-prod', 'web-prod']);
    expect(await names('unit=tenant-root')).toEqual(['corp-subscription']);
    expect(await names('account=100000000004')).toEqual(['dev-sandbox']);
    expect(await names('cloud=gcp')).toEqual(['lonely-project-1']);
    expect(await names('unit=ou-nowhere')).toEqual([]);
    const { body } = await t.json<AccountsAnswer>('/api/accounts?audit=org&unit=ou-prod-1');
    // the tree keeps the path down to the level asked for, with its counts only
    expect(body.roots.map((r) => [r.id, r.account_count])).toEqual([['o-acme1', 2]]);
    expect(body.filter).toEqual({ unit: 'ou-prod-1' });
  });

  it('keeps the API security: no token, no answer; a bad filter is a clear 400', async () => {
    const r = await fetch(`http://127.0.0.1:${t.server.port}/api/accounts?audit=org`);
    expect(r.status).toBe(401);
    const bad = await t.json<{ error: string }>(`/api/accounts?audit=org&unit=${'x'.repeat(201)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unit: at most 200 characters/);
    // a write method on it is refused
    const post = await t.get('/api/accounts', jsonInit('POST', {}));
    expect(post.status).toBe(405);
  });
});

describe('GET /api/findings by level', () => {
  type List = FindingPage & { total: number };

  it('lists the findings of the accounts under a unit, nested units included', async () => {
    const work = await t.json<List>('/api/findings?audit=org&unit=ou-work-1&limit=100');
    const ids = ['100000000001', '100000000002', '100000000003'];
    expect(work.body.total).toBe(sum(ids));
    expect(new Set(work.body.items.map((f) => f.account))).toEqual(new Set(ids));
    expect(work.body.items.find((f) => f.account === '100000000001')?.account_name).toBe('payments-prod');
    const org = await t.json<List>('/api/findings?audit=org&org=o-acme1&severity=critical');
    expect(org.body.total).toBe(sum(['100000000001', '100000000003'], 'critical'));
    const none = await t.json<List>('/api/findings?audit=org&unit=ou-nowhere');
    expect(none.body).toMatchObject({ total: 0, items: [] });
    const mg = await t.json<List>('/api/findings?audit=org&unit=mg-corp&cloud=azure');
    expect(mg.body.total).toBe(3);
  });
});

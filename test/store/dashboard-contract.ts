import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARTIAL_SCAN_PREFIX } from '../../src/core/scan-kind.js';
import type { DashboardStore } from '../../src/store/dashboard-store.js';
import type { FindingLife, Store } from '../../src/store/store.js';
import { ALICE, records as DETECTIONS } from './detections-contract.js';
import { eventOf, life, resource, summary } from './fixtures.js';

/*
 * What the dashboard's reads must answer, whatever database is behind the store. Each store's
 * test file runs dashboardContract(name, factory) with a factory giving a new, empty store.
 */

const T1 = '2024-03-02T00:00:00.000Z';
const T2 = '2024-03-03T00:00:00.000Z';
const CHECK_A = 'aws.s3.bucket_public_access_blocked';
const CHECK_B = 'aws.iam.root_mfa_enabled';

async function write(
  store: Store,
  id: string,
  startedAt: string,
  o: { label?: string; lives?: FindingLife[]; resources?: ReturnType<typeof resource>[] } = {},
) {
  const s = summary(id, 'nightly', startedAt, {
    resources: o.resources?.length ?? 0,
    ...(o.label ? { label: o.label } : {}),
  });
  const w = await store.beginScan(s);
  if (o.resources?.length) await w.addResources(o.resources);
  const lives = o.lives ?? [];
  await w.commit(
    { ...s, status: 'complete' },
    lives,
    lives.map((l) => eventOf(l, id)),
  );
}

export function dashboardContract(name: string, open: () => Promise<Store>): void {
  describe(`dashboard reads: ${name}`, () => {
    let store: Store;
    let dash: DashboardStore;
    beforeEach(async () => {
      store = await open();
      dash = await store.openDashboards();
    });
    afterEach(async () => {
      await dash.close();
      await store.close();
    });

    const lives = () => [
      life({ checkId: CHECK_A, reference: 'arn:aws:s3:::alpha-logs', severity: 'high', lastSeen: T1 }),
      life({ checkId: CHECK_A, reference: 'arn:aws:s3:::beta_100%', severity: 'medium', lastSeen: T1 }),
      life({
        checkId: CHECK_B,
        reference: 'aws:444455556666',
        name: 'Ünïcode Root',
        severity: 'critical',
        account: '444455556666',
        lastSeen: T1,
      }),
      life({
        checkId: CHECK_A,
        reference: 'arn:aws:s3:::gamma',
        severity: 'high',
        status: 'error',
        lastSeen: T1,
      }),
      life({ checkId: CHECK_A, reference: 'arn:aws:s3:::old', state: 'resolved', lastSeen: T1 }),
    ];

    describe('findings', () => {
      beforeEach(async () => {
        await write(store, 's1', T1, { lives: lives() });
      });

      it('page in list order (most severe, most recent first) with a total', async () => {
        const page = await dash.findingsPage({ limit: 2, offset: 0 });
        expect(page.total).toBe(5);
        expect(page.items.map((f) => f.severity)).toEqual(['critical', 'high']);
        const rest = await dash.findingsPage({ limit: 10, offset: 2 });
        expect(rest.items).toHaveLength(3);
        const ids = [...page.items, ...rest.items].map((f) => f.finding_id);
        expect(new Set(ids).size).toBe(5);
        expect(page.items[0]).toMatchObject({
          check_id: CHECK_B,
          title: `Title of ${CHECK_B}`,
          status: 'fail',
          region: 'eu-west-1',
          service: 's3',
          origin: 'check',
          message: 'The bucket can be made public.',
          muted: null,
        });
      });

      it('filter on status: failures apart from what could not be evaluated', async () => {
        const live = ['new', 'open', 'regressed'] as const;
        const fails = await dash.findingsPage({
          limit: 10,
          offset: 0,
          states: [...live],
          statuses: ['fail'],
        });
        expect(fails.items.map((f) => f.status)).toEqual(['fail', 'fail', 'fail']);
        const errors = await dash.findingsPage({ limit: 10, offset: 0, statuses: ['error'] });
        expect(errors.items.map((f) => f.reference)).toEqual(['arn:aws:s3:::gamma']);
        const counts = await dash.findingCounts({ states: [...live] }, 'status');
        expect(counts).toEqual([
          { key: 'fail', count: 3 },
          { key: 'error', count: 1 },
        ]);
      });

      it('filter on severity, account, accounts, service, region, check, origin and reference', async () => {
        const n = async (f: Parameters<DashboardStore['findingsPage']>[0]) =>
          (await dash.findingsPage(f)).total;
        const page = { limit: 10, offset: 0 };
        expect(await n({ ...page, severities: ['high'] })).toBe(3);
        expect(await n({ ...page, account: '444455556666' })).toBe(1);
        // the accounts under an organisation level
        expect(await n({ ...page, accounts: ['444455556666', '999999999999'] })).toBe(1);
        expect(await n({ ...page, accounts: [] })).toBe(0);
        expect(await n({ ...page, service: 's3', region: 'eu-west-1' })).toBe(5);
        expect(await n({ ...page, check_id: CHECK_B })).toBe(1);
        expect(await n({ ...page, origin: 'check' })).toBe(5);
        expect(await n({ ...page, origin: 'detection' })).toBe(0);
        expect(await n({ ...page, reference: 'arn:aws:s3:::gamma' })).toBe(1);
      });

      it('search name, reference, check, title and description as substrings, ignoring case', async () => {
        const hits = async (search: string) =>
          (await dash.findingsPage({ limit: 10, offset: 0, search })).items.map((f) => f.reference).sort();
        expect(await hits('ALPHA-LO')).toEqual(['arn:aws:s3:::alpha-logs']);
        expect(await hits('ünïcode')).toEqual(['aws:444455556666']);
        expect(await hits('root_mfa')).toEqual(['aws:444455556666']);
        expect(await hits('title of aws.iam')).toEqual(['aws:444455556666']);
        expect(await hits('made public')).toHaveLength(5);
        // LIKE's and FTS's own characters are plain text
        expect(await hits('_100%')).toEqual(['arn:aws:s3:::beta_100%']);
        expect(await hits('"')).toEqual([]);
        expect(await hits('a"b')).toEqual([]);
        // shorter than a trigram
        expect(await hits('ph')).toEqual(['arn:aws:s3:::alpha-logs']);
        expect(await hits('zzz-not-there')).toEqual([]);
      });

      it('find a finding by its new name once a scan renames it', async () => {
        const renamed = life({
          checkId: CHECK_A,
          reference: 'arn:aws:s3:::alpha-logs',
          name: 'renamed-bucket',
          severity: 'high',
          lastSeen: T2,
          state: 'open',
        });
        await write(store, 's2', T2, { lives: [renamed] });
        const found = await dash.findingsPage({ limit: 10, offset: 0, search: 'renamed-b' });
        expect(found.items.map((f) => f.name)).toEqual(['renamed-bucket']);
        expect((await dash.findingsPage({ limit: 10, offset: 0, search: 'alpha-logs' })).total).toBe(1);
        expect((await dash.findingsPage({ limit: 10, offset: 0, search: 'ha-lo' })).items[0]?.name).toBe(
          'renamed-bucket',
        );
      });

      it('count facets, muted findings in their own state', async () => {
        const [first] = (await dash.findingsPage({ limit: 1, offset: 0 })).items;
        const before = await dash.dataVersion();
        await store.mute({
          finding_id: first!.finding_id,
          owner: 'alice',
          reason: 'accepted',
          created_at: T1,
          expires_at: null,
        });
        expect(await dash.dataVersion()).not.toBe(before);
        const facets = await dash.findingFacets({}, ['state', 'severity', 'account', 'status'], 10);
        expect(facets.state).toEqual([
          { key: 'new', count: 3 },
          { key: 'muted', count: 1 },
          { key: 'resolved', count: 1 },
        ]);
        expect(facets.severity.find((r) => r.key === 'high')?.count).toBe(3);
        expect(facets.status).toEqual([
          { key: 'fail', count: 4 },
          { key: 'error', count: 1 },
        ]);
        const muted = await dash.findingsPage({ limit: 10, offset: 0, states: ['muted'] });
        expect(muted.items.map((f) => [f.finding_id, f.muted?.owner])).toEqual([
          [first!.finding_id, 'alice'],
        ]);
      });
    });

    describe('counts', () => {
      it('agree with the rows they count through new, resolved, regressed and muted findings', async () => {
        const [a, b, c, d, e] = lives();
        await write(store, 's1', T1, { lives: [a!, b!, c!, d!, e!] });
        // b resolved, e regressed, a changes severity and status
        await write(store, 's2', T2, {
          lives: [
            { ...b!, state: 'resolved', resolved_at: T2 },
            { ...e!, state: 'regressed', resolved_at: null },
            life({
              checkId: CHECK_A,
              reference: 'arn:aws:s3:::alpha-logs',
              severity: 'low',
              status: 'error',
              state: 'open',
              lastSeen: T2,
            }),
          ],
        });
        await store.mute({
          finding_id: c!.finding_id,
          owner: 'o',
          reason: 'r',
          created_at: T1,
          expires_at: null,
        });
        const filters: Parameters<DashboardStore['findingsPage']>[0][] = [
          { limit: 100, offset: 0 },
          { limit: 100, offset: 0, states: ['new', 'open', 'regressed'], statuses: ['fail'] },
          { limit: 100, offset: 0, states: ['muted'] },
          { limit: 100, offset: 0, states: ['resolved', 'muted'], severities: ['critical', 'medium'] },
          { limit: 100, offset: 0, statuses: ['error'], cloud: 'aws' },
          { limit: 100, offset: 0, region: 'eu-west-1', states: ['open', 'regressed'] },
          { limit: 100, offset: 0, search: 's3', states: ['new', 'open', 'regressed', 'muted'] },
        ];
        for (const f of filters) {
          const page = await dash.findingsPage(f);
          expect(page.total, JSON.stringify(f)).toBe(page.items.length);
          const facets = await dash.findingFacets(f, ['state', 'severity', 'status', 'account'], 50);
          const tally = (field: 'state' | 'severity' | 'status' | 'account') => {
            const m = new Map<string, number>();
            for (const x of page.items) m.set(x[field], (m.get(x[field]) ?? 0) + 1);
            return [...m]
              .map(([key, count]) => ({ key, count }))
              .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : 1));
          };
          for (const facet of ['state', 'severity', 'status', 'account'] as const) {
            expect(facets[facet], `${facet} of ${JSON.stringify(f)}`).toEqual(tally(facet));
          }
          // by account and severity at once: the same as counting the page's rows
          const { limit: _l, offset: _o, ...filter } = f;
          const bySeverity = new Map<string, number>();
          for (const x of page.items) {
            const key = `${x.cloud} ${x.account} ${x.severity}`;
            bySeverity.set(key, (bySeverity.get(key) ?? 0) + 1);
          }
          const grouped = await dash.accountSeverityCounts(filter);
          expect(
            new Map(grouped.map((r) => [`${r.cloud} ${r.account} ${r.severity}`, r.count])),
            `by account and severity of ${JSON.stringify(f)}`,
          ).toEqual(bySeverity);
          expect(grouped).toHaveLength(bySeverity.size);
        }
      });
    });

    describe('a current state (a full scan and its re-checks)', () => {
      const b = (n: string, name = n) => resource({ reference: `arn:aws:s3:::${n}`, name });
      beforeEach(async () => {
        const [a, , c] = lives();
        await write(store, 's1', T1, { lives: [a!, c!], resources: [b('one'), b('two'), b('three')] });
        const fixed = { ...a!, state: 'resolved' as const, resolved_at: T2 };
        await write(store, 'r1', '2024-03-02T06:00:00.000Z', {
          label: `${PARTIAL_SCAN_PREFIX}aws.s3.bucket one`,
          lives: [fixed],
          resources: [b('one', 'one-renamed'), b('four')],
        });
        await write(store, 'r2', '2024-03-02T07:00:00.000Z', {
          label: `${PARTIAL_SCAN_PREFIX}aws.s3.bucket one`,
          resources: [b('one', 'one-again')],
        });
      });

      it('has the inventory of the full scan with re-checked resources replaced and new ones added', async () => {
        const scope = ['s1', 'r1', 'r2'];
        const page = await dash.resourcesPage({ scope, limit: 10, offset: 0 });
        expect(page.total).toBe(4);
        expect(page.items.map((r) => r.name).sort()).toEqual(['four', 'one-again', 'three', 'two']);
        expect(await dash.resourceCounts(scope, 'type')).toEqual([{ key: 'aws.s3.bucket', count: 4 }]);
        expect((await dash.resourceTypes(scope))[0]?.count).toBe(4);
        expect((await dash.resourcesPage({ scope, search: 'AGAIN', limit: 10, offset: 0 })).total).toBe(1);
        // one scan alone
        expect((await dash.resourcesPage({ scope: ['r1'], limit: 10, offset: 0 })).total).toBe(2);
      });

      it('counts what changed once per finding, in its last state', async () => {
        const changes = await dash.scanChanges(['s1', 'r1', 'r2'], 10);
        expect(changes.counts).toEqual({ new: 1, resolved: 1 });
        expect(changes.items.map((c) => [c.state, c.finding.severity])).toEqual([
          ['new', 'critical'],
          ['resolved', 'high'],
        ]);
        const base = await dash.scanChanges(['s1'], 10);
        expect(base.counts).toEqual({ new: 2 });
      });
    });

    describe('activity', () => {
      it('reads the stored detections newest first, with filters, search, paging and mutes', async () => {
        const det = await store.openDetections();
        await det.addDetections(DETECTIONS);
        await det.close();
        const page = { limit: 10, offset: 0 };
        const refs = async (q: Partial<Parameters<DashboardStore['detections']>[0]>) => {
          const r = await dash.detections({ ...page, ...q });
          return [r.total, r.items.map((x) => x.record.com.reference)];
        };
        const all = await dash.detections(page);
        expect(all.total).toBe(4);
        expect(all.items[0]).toMatchObject({
          time: '2026-05-04T12:00:00Z',
          actor: null,
          source_ip: '198.51.100.1',
          action: 'X',
          title: 'Info rule',
          rule: 'rule-info',
          severity: 'info',
          state: 'open',
          account: '111122223333',
        });
        expect(all.items[0]?.record).toEqual(DETECTIONS[3]);
        expect(await refs({})).toEqual([4, ['e4', 'e3', 'e2', 'e1']]);
        expect(await refs({ to: '2026-05-04T10:00:00Z' })).toEqual([1, ['e1']]);
        expect(await refs({ from: '2026-05-04T11:00:00Z' })).toEqual([2, ['e4', 'e3']]);
        expect(await refs({ search: 'USER/ALICE' })).toEqual([2, ['e3', 'e1']]);
        expect(await refs({ search: 'low r' })).toEqual([1, ['e3']]);
        expect(await refs({ actor: ALICE })).toEqual([2, ['e3', 'e1']]);
        expect(await refs({ source_ip: '203.0.113.11' })).toEqual([1, ['e2']]);
        expect(await refs({ limit: 1, offset: 1 })).toEqual([4, ['e3']]);
        const e2 = DETECTIONS[1]!.com.finding_id;
        await store.mute({
          finding_id: e2,
          owner: 'ana',
          reason: 'expected',
          created_at: T1,
          expires_at: null,
        });
        const states = (await dash.detections(page)).items.map((x) => [x.record.com.reference, x.state]);
        expect(states).toEqual([
          ['e4', 'open'],
          ['e3', 'open'],
          ['e2', 'muted'],
          ['e1', 'open'],
        ]);
      });
    });

    describe('saved dashboards', () => {
      it('are created, listed by name, updated and deleted', async () => {
        const widget = {
          id: 'w1',
          title: 'By severity',
          chart: 'bar' as const,
          width: 1 as const,
          query: { source: 'findings' as const },
        };
        const x = await dash.createDashboard({ name: 'beta', description: '', widgets: [widget] });
        await dash.createDashboard({ name: 'Alpha', description: '', widgets: [] });
        expect((await dash.listDashboards()).map((d) => d.name)).toEqual(['Alpha', 'beta']);
        const u = await dash.updateDashboard(x.id, { name: 'beta', description: 'edited', widgets: [] });
        expect(u?.description).toBe('edited');
        expect(u?.created_at).toBe(x.created_at);
        expect((await dash.getDashboard(x.id))?.widgets).toEqual([]);
        expect(await dash.updateDashboard('nope', { name: 'x', description: '', widgets: [] })).toBeNull();
        expect(await dash.deleteDashboard(x.id)).toBe(true);
        expect(await dash.deleteDashboard(x.id)).toBe(false);
      });
    });
  });
}

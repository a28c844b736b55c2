import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleParams } from '../../src/core/sample-query.js';
import {
  QUERY_TABLES,
  type QueryStore,
  QueryTextError,
  STORE_SAMPLES,
  StoreQueryError,
  StoreQueryTimeout,
} from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { records as detectionRecords } from './detections-contract.js';
import { eventOf, life, resource, resultOf, summary } from './fixtures.js';

/*
 * What `cloudward query` over the store must answer, on every database: a known store of two
 * scans (a bucket changed, one added, one removed), three finding lives (one muted, one
 * resolved) and four detections, queried through the documented tables.
 */

const SCAN1 = '20261120T020000Z';
const SCAN2 = '20261124T020000Z';
const NOW = new Date('2026-11-29T12:00:00Z');

const bucket = (name: string, created: string, isPublic: boolean, extra: Record<string, unknown> = {}) => {
  const r = resource({
    reference: `arn:aws:s3:::${name}`,
    name,
    raw: { item: { Name: name, CreationDate: created }, ...extra },
  });
  r.com.public_access = isPublic;
  return r;
};

/** Fills `store` with the known history; returns nothing it did not write. */
export async function writeKnownStore(store: Store): Promise<void> {
  const a = bucket('bucket-a', '2026-10-15T09:00:00.000Z', true);
  const b1 = bucket('bucket-b', '2026-10-20T09:00:00.000Z', false);
  const b2 = bucket('bucket-b', '2026-10-20T09:00:00.000Z', true, { policy: { Statement: [] } });
  const c = bucket('bucket-c', '2026-09-01T09:00:00.000Z', true);
  const d = bucket('bucket-d', '2026-10-31T23:00:00.000Z', true);

  const fa = life({
    checkId: 'aws.s3.public',
    reference: a.com.reference,
    severity: 'critical',
    state: 'new',
    firstSeen: '2026-11-20T02:00:00.000Z',
  });
  const fc = life({
    checkId: 'aws.s3.public',
    reference: c.com.reference,
    severity: 'high',
    state: 'new',
    firstSeen: '2026-11-20T02:00:00.000Z',
  });
  const w1 = await store.beginScan(summary(SCAN1, 'nightly', '2026-11-20T02:00:00.000Z', { resources: 3 }));
  await w1.addResources([a, b1, c]);
  await w1.addResults([
    resultOf(a, 'aws.s3.public', 'fail', 'critical'),
    resultOf(b1, 'aws.s3.public', 'pass', 'critical'),
    resultOf(c, 'aws.s3.public', 'fail', 'high'),
  ]);
  await w1.commit(
    summary(SCAN1, 'nightly', '2026-11-20T02:00:00.000Z', { resources: 3 }),
    [fa, fc],
    [eventOf(fa, SCAN1), eventOf(fc, SCAN1)],
  );

  const fa2 = { ...fa, state: 'open' as const, last_seen: '2026-11-24T02:00:00.000Z' };
  const fc2 = { ...fc, state: 'resolved' as const, resolved_at: '2026-11-24T02:00:00.000Z' };
  const fd = life({
    checkId: 'aws.s3.public',
    reference: d.com.reference,
    severity: 'medium',
    state: 'new',
    firstSeen: '2026-11-24T02:00:00.000Z',
  });
  const w2 = await store.beginScan(summary(SCAN2, 'nightly', '2026-11-24T02:00:00.000Z', { resources: 3 }));
  await w2.addResources([a, b2, d]);
  await w2.addResults([
    resultOf(a, 'aws.s3.public', 'fail', 'critical'),
    resultOf(b2, 'aws.s3.public', 'pass', 'critical'),
    resultOf(d, 'aws.s3.public', 'fail', 'medium'),
  ]);
  await w2.commit(
    summary(SCAN2, 'nightly', '2026-11-24T02:00:00.000Z', { resources: 3 }),
    [fa2, fc2, fd],
    [eventOf(fa2, SCAN2), eventOf(fc2, SCAN2, 'resolved'), eventOf(fd, SCAN2)],
  );
  await store.mute({
    finding_id: fa.finding_id,
    owner: 'ana',
    reason: 'public website',
    created_at: '2026-11-25T00:00:00.000Z',
    expires_at: null,
  });
  const detections = await store.openDetections();
  await detections.addDetections(detectionRecords);
  await detections.close();
}

export function queryContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: SQL over the store`, () => {
    let store: Store;
    let q: QueryStore;
    const run = (sql: string, params?: Record<string, string>) =>
      q.query(sql, { timeoutMs: 10_000, now: NOW, ...(params ? { params } : {}) });

    beforeAll(async () => {
      store = await open();
      await writeKnownStore(store);
      q = await store.openQueries();
    });
    afterAll(async () => {
      await q?.close();
      await store?.close();
    });

    it('offers every documented table with exactly its documented columns', async () => {
      for (const t of QUERY_TABLES) {
        const r = await run(`SELECT * FROM ${t.name} LIMIT 1`);
        expect(
          r.columns.map((c) => c.name),
          t.name,
        ).toEqual(t.columns.map((c) => c.name));
      }
    });

    it('answers each store sample with the known rows', async () => {
      const answers: Record<string, { params?: Record<string, string>; rows: unknown[] }> = {
        'findings-by-severity': {
          rows: [
            { severity: 'critical', live: 1, new: 0, regressed: 0, muted: 1 },
            { severity: 'medium', live: 1, new: 1, regressed: 0, muted: 0 },
          ],
        },
        'public-buckets-created-last-month': {
          rows: [
            {
              name: 'bucket-a',
              cloud: 'aws',
              account: '111122223333',
              region: 'eu-west-1',
              created_at: '2026-10-15T09:00:00.000Z',
              audit_key: 'nightly',
            },
            {
              name: 'bucket-b',
              cloud: 'aws',
              account: '111122223333',
              region: 'eu-west-1',
              created_at: '2026-10-20T09:00:00.000Z',
              audit_key: 'nightly',
            },
            {
              name: 'bucket-d',
              cloud: 'aws',
              account: '111122223333',
              region: 'eu-west-1',
              created_at: '2026-10-31T23:00:00.000Z',
              audit_key: 'nightly',
            },
          ],
        },
        'resources-changed-since': {
          rows: [
            {
              changed_at: '2026-11-24T02:00:00.000Z',
              change: 'added',
              type: 'aws.s3.bucket',
              name: 'bucket-d',
              account: '111122223333',
              region: 'eu-west-1',
              audit_key: 'nightly',
            },
            {
              changed_at: '2026-11-24T02:00:00.000Z',
              change: 'changed',
              type: 'aws.s3.bucket',
              name: 'bucket-b',
              account: '111122223333',
              region: 'eu-west-1',
              audit_key: 'nightly',
            },
            {
              changed_at: '2026-11-24T02:00:00.000Z',
              change: 'removed',
              type: 'aws.s3.bucket',
              name: 'bucket-c',
              account: '111122223333',
              region: 'eu-west-1',
              audit_key: 'nightly',
            },
          ],
        },
        'new-findings-since': {
          params: { since: '2026-11-23' },
          rows: [
            {
              severity: 'medium',
              check_id: 'aws.s3.public',
              resource_name: 'bucket-d',
              account: '111122223333',
              region: 'eu-west-1',
              first_seen: '2026-11-24T02:00:00.000Z',
              state: 'new',
            },
          ],
        },
        'resolved-findings-since': {
          rows: [
            {
              severity: 'high',
              check_id: 'aws.s3.public',
              resource_name: 'bucket-c',
              account: '111122223333',
              first_seen: '2026-11-20T02:00:00.000Z',
              resolved_at: '2026-11-24T02:00:00.000Z',
            },
          ],
        },
        'top-failing-checks': {
          rows: [
            {
              check_id: 'aws.s3.public',
              title: 'Title of aws.s3.public',
              severity: 'critical',
              findings: 1,
              accounts: 1,
            },
            {
              check_id: 'aws.s3.public',
              title: 'Title of aws.s3.public',
              severity: 'medium',
              findings: 1,
              accounts: 1,
            },
          ],
        },
        'detections-by-rule': {
          params: { since: '2026-05-01' },
          rows: [
            {
              rule_id: 'rule-high',
              rule_title: 'High rule',
              severity: 'high',
              detections: 2,
              actors: 2,
              last: '2026-05-04T10:00:00Z',
            },
            {
              rule_id: 'rule-low',
              rule_title: 'Low rule',
              severity: 'low',
              detections: 1,
              actors: 1,
              last: '2026-05-04T11:00:00Z',
            },
            {
              rule_id: 'rule-info',
              rule_title: 'Info rule',
              severity: 'info',
              detections: 1,
              actors: 0,
              last: '2026-05-04T12:00:00Z',
            },
          ],
        },
      };
      expect(Object.keys(answers).sort()).toEqual(STORE_SAMPLES.map((s) => s.name).sort());
      for (const sample of STORE_SAMPLES) {
        const want = answers[sample.name]!;
        const params = sampleParams(sample, want.params ?? {}, NOW);
        const r = await run(sample.sql, Object.keys(params).length ? params : undefined);
        expect(r.rows, sample.name).toEqual(want.rows);
      }
    });

    it('gives a finding its life: first seen, last seen, resolved, muted', async () => {
      const r = await run(
        `SELECT resource_name, state, life_state, muted, mute_owner, first_seen, last_seen, resolved_at, compliance
         FROM findings ORDER BY resource_name`,
      );
      expect(r.rows).toEqual([
        {
          resource_name: 'bucket-a',
          state: 'muted',
          life_state: 'open',
          muted: 1,
          mute_owner: 'ana',
          first_seen: '2026-11-20T02:00:00.000Z',
          last_seen: '2026-11-24T02:00:00.000Z',
          resolved_at: null,
          compliance: ['cis-aws-7.0:2.1.4'],
        },
        {
          resource_name: 'bucket-c',
          state: 'resolved',
          life_state: 'resolved',
          muted: 0,
          mute_owner: null,
          first_seen: '2026-11-20T02:00:00.000Z',
          last_seen: '2026-11-20T02:00:00.000Z',
          resolved_at: '2026-11-24T02:00:00.000Z',
          compliance: ['cis-aws-7.0:2.1.4'],
        },
        {
          resource_name: 'bucket-d',
          state: 'new',
          life_state: 'new',
          muted: 0,
          mute_owner: null,
          first_seen: '2026-11-24T02:00:00.000Z',
          last_seen: '2026-11-24T02:00:00.000Z',
          resolved_at: null,
          compliance: ['cis-aws-7.0:2.1.4'],
        },
      ]);
    });

    it('keeps the current inventory apart from its history, JSON as values', async () => {
      const now = await run('SELECT name, first_seen, tags FROM resources ORDER BY name');
      expect(now.rows).toEqual([
        { name: 'bucket-a', first_seen: '2026-11-20T02:00:00.000Z', tags: { env: 'prod' } },
        { name: 'bucket-b', first_seen: '2026-11-20T02:00:00.000Z', tags: { env: 'prod' } },
        { name: 'bucket-d', first_seen: '2026-11-24T02:00:00.000Z', tags: { env: 'prod' } },
      ]);
      const history = await run(
        'SELECT scan_id, count(*) AS n FROM resource_history GROUP BY scan_id ORDER BY scan_id',
      );
      expect(history.rows).toEqual([
        { scan_id: SCAN1, n: 3 },
        { scan_id: SCAN2, n: 3 },
      ]);
      const scans = await run('SELECT id, kind, resources, counts FROM scans ORDER BY id');
      expect(scans.rows[0]).toMatchObject({
        id: SCAN1,
        kind: 'full',
        resources: 3,
        counts: { resources: 3 },
      });
      const results = await run(
        "SELECT count(*) AS n FROM results WHERE scan_id = $scan AND status = 'fail'",
        { scan: SCAN2 },
      );
      expect(results.rows).toEqual([{ n: 2 }]);
    });

    it('never changes the store: writes, attaches, copies and settings are refused', async () => {
      const refused = [
        "INSERT INTO findings (finding_id) VALUES ('x')",
        "UPDATE findings SET state = 'resolved'",
        'DELETE FROM findings',
        'DROP TABLE findings',
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "COPY findings TO '/tmp/out.csv'",
        'PRAGMA query_only = OFF',
        'SELECT 1; DELETE FROM findings',
        'WITH gone AS (DELETE FROM main.findings RETURNING *) SELECT * FROM gone',
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT load_extension('/tmp/evil')",
        'SELECT * FROM "pg_ls_dir"(\'.\')',
      ];
      for (const sql of refused) {
        await expect(run(sql), sql).rejects.toBeInstanceOf(QueryTextError);
      }
      const count = await run('SELECT count(*) AS n FROM findings');
      expect(count.rows).toEqual([{ n: 3 }]);
    });

    it('reads words inside strings and quoted names as data, not as code', async () => {
      const r = await run(
        "SELECT count(*) AS n FROM findings WHERE description LIKE '%update%' OR finding_id = 'delete'",
      );
      expect(r.rows).toEqual([{ n: 0 }]);
    });

    it('shows the engine message and where in the query it failed', async () => {
      const err = await run('SELECT actr\nFROM findings').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreQueryError);
      expect((err as Error).message).toMatch(/actr/);
      expect((err as Error).message).toContain('LINE 1: SELECT actr\n               ^');
      const syntax = await run('SELECT * FORM findings').catch((e: unknown) => e);
      expect((syntax as Error).message).toContain('LINE 1: SELECT * FORM findings\n                 ^');
    });

    it('cancels a query that runs past its limit', async () => {
      const slow = `SELECT count(*) AS n FROM results a, results b, results c, results d, results e, results f,
        results g, results h, results i, results j, results k, results l`;
      await expect(q.query(slow, { timeoutMs: 200 })).rejects.toBeInstanceOf(StoreQueryTimeout);
      // the connection answers again afterwards
      expect((await run('SELECT count(*) AS n FROM scans')).rows).toEqual([{ n: 2 }]);
    });

    it('needs a value for every parameter and refuses unknown ones', async () => {
      await expect(run('SELECT * FROM findings WHERE severity = $sev')).rejects.toThrow(
        /needs a value for \$sev/,
      );
      await expect(run('SELECT 1 AS one', { x: '1' })).rejects.toThrow(/no parameter \$x/);
      const r = await run('SELECT resource_name FROM findings WHERE severity = $sev', { sev: 'medium' });
      expect(r.rows).toEqual([{ resource_name: 'bucket-d' }]);
    });

    it('saves, lists, replaces and deletes shared queries', async () => {
      const first = await q.saveQuery(
        {
          name: 'live-critical',
          sql: "SELECT * FROM findings WHERE severity = 'critical'",
          description: 'd1',
        },
        new Date('2026-11-01T00:00:00Z'),
      );
      expect(first).toMatchObject({
        name: 'live-critical',
        description: 'd1',
        created_at: '2026-11-01T00:00:00.000Z',
      });
      const again = await q.saveQuery(
        { name: 'live-critical', sql: 'SELECT 1 AS one' },
        new Date('2026-11-02T00:00:00Z'),
      );
      expect(again).toMatchObject({
        sql: 'SELECT 1 AS one',
        description: '',
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-02T00:00:00.000Z',
      });
      await q.saveQuery({ name: 'another', sql: 'SELECT 2 AS two' });
      expect((await q.savedQueries()).map((s) => s.name)).toEqual(['another', 'live-critical']);
      await expect(q.saveQuery({ name: 'bad name!', sql: 'SELECT 1' })).rejects.toThrow(/query name/);
      await expect(q.saveQuery({ name: 'writer', sql: 'DELETE FROM findings' })).rejects.toThrow(/read-only/);
      expect(await q.deleteQuery('another')).toBe(true);
      expect(await q.deleteQuery('another')).toBe(false);
      expect(await q.savedQuery('another')).toBeNull();
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingRecordSchema, resourceRecordSchema } from '../../src/core/record.js';
import { PARTIAL_SCAN_PREFIX } from '../../src/core/scan-kind.js';
import { StoreError } from '../../src/store/errors.js';
import type { FindingLife, Store } from '../../src/store/store.js';
import { buckets, eventOf, findingRecord, life, resource, resultOf, summary } from './fixtures.js';

/*
 * The behaviour every Store must have, whatever database is behind it. A store module runs
 * storeContract(name, factory) from its own test file; factory returns a new, empty store.
 */

const T0 = '2024-03-01T00:00:00.000Z';
const T1 = '2024-03-02T00:00:00.000Z';
const T2 = '2024-03-03T00:00:00.000Z';
const T3 = '2024-03-04T00:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

/** Commits one scan in a single batch; returns what it wrote. */
async function commitScan(
  store: Store,
  id: string,
  auditKey: string,
  startedAt: string,
  o: { resources?: ReturnType<typeof buckets>; lives?: FindingLife[] } = {},
) {
  const resources = o.resources ?? [];
  const w = await store.beginScan(summary(id, auditKey, startedAt, { resources: resources.length }));
  if (resources.length > 0) await w.addResources(resources);
  const lives = o.lives ?? [];
  await w.commit(
    summary(id, auditKey, startedAt, { resources: resources.length }),
    lives,
    lives.map((l) => eventOf(l, id)),
  );
  return { resources, lives };
}

export function storeContract(name: string, factory: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('test data', () => {
      it('is valid per the core record schemas', () => {
        expect(resourceRecordSchema.safeParse(resource({ reference: 'arn:aws:s3:::a' })).success).toBe(true);
        const rec = findingRecord({
          checkId: 'aws.s3.bucket_public_access_blocked',
          reference: 'arn:aws:s3:::a',
        });
        expect(findingRecordSchema.safeParse(rec).error).toBeUndefined();
      });
    });

    describe('a scan', () => {
      it('round-trips its summary, resources, results, finding lives and events', async () => {
        const recs = buckets(5, 'rt', 's1');
        const firewall = resource({
          reference: 'sg-1/ingress/0',
          name: 'web ingress',
          type: 'aws.ec2.security_group',
          comType: 'firewall_rule',
          raw: {
            item: { GroupId: 'sg-1', IpPermissions: [{ FromPort: 22, ToPort: 22 }] },
            note: 'ünïcødé ✓',
          },
        });
        const results = [
          resultOf(recs[0]!, 'aws.s3.bucket_public_access_blocked', 'fail', 'high'),
          resultOf(recs[1]!, 'aws.s3.bucket_public_access_blocked', 'pass', 'high'),
          resultOf(firewall, 'common.firewall.no_ssh_from_internet', 'error', 'critical'),
        ];
        const lives = [
          life({
            checkId: 'aws.s3.bucket_public_access_blocked',
            reference: recs[0]!.com.reference,
            lastSeen: T0,
          }),
          life({
            checkId: 'common.firewall.no_ssh_from_internet',
            reference: firewall.com.reference,
            severity: 'critical',
            status: 'error',
          }),
        ];
        const events = lives.map((l) => eventOf(l, 's1', 'new'));
        const final = {
          ...summary('s1', 'nightly', T0, { resources: 6, label: 'first' }),
          status: 'complete' as const,
        };

        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(recs.slice(0, 3));
        await w.addResources([...recs.slice(3), firewall]);
        await w.addResults(results.slice(0, 2));
        await w.addResults(results.slice(2));
        await w.commit(final, lives, events);

        expect(await store.getScan('s1')).toEqual(final);
        expect(await store.listScans()).toEqual([final]);
        expect(await store.resources('s1')).toEqual([...recs, firewall]);
        expect(await store.resources('s1', 'aws.ec2.security_group')).toEqual([firewall]);
        expect(await store.resources('s1', 'firewall_rule')).toEqual([firewall]);
        expect(await store.resources('s1', 'storage')).toEqual(recs);
        expect(await store.resources('s1', 'nothing.of.this.type')).toEqual([]);
        expect(await store.results('s1')).toEqual(results);

        const map = await store.findingLives('nightly');
        expect([...map.keys()].sort()).toEqual(lives.map((l) => l.finding_id).sort());
        expect(map.get(lives[0]!.finding_id)).toEqual(lives[0]);

        const one = await store.finding(lives[1]!.finding_id);
        expect(one).toEqual({ life: lives[1], events: [events[1]], mute: null });
        expect(await store.finding('0000000000000000')).toBeNull();
      });

      it('is invisible to every read until commit', async () => {
        const recs = buckets(3, 'inv', 's1');
        const lives = [life({ checkId: 'c.a', reference: recs[0]!.com.reference })];
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(recs);
        await w.addResults([resultOf(recs[0]!, 'c.a', 'fail', 'high')]);

        expect(await store.listScans()).toEqual([]);
        expect(await store.getScan('s1')).toBeNull();
        expect(await store.lastScan('nightly')).toBeNull();
        expect(await store.resources('s1')).toEqual([]);
        expect(await store.results('s1')).toEqual([]);
        expect(await store.resourceHistory(recs[0]!.com.reference)).toEqual([]);
        expect(await store.findings({})).toEqual([]);
        expect((await store.findingLives('nightly')).size).toBe(0);

        await w.commit(summary('s1', 'nightly', T0, { resources: 3 }), lives, [eventOf(lives[0]!, 's1')]);
        expect((await store.getScan('s1'))?.status).toBe('complete');
        expect(await store.resources('s1')).toHaveLength(3);
        expect(await store.results('s1')).toHaveLength(1);
        expect(await store.findings({})).toHaveLength(1);
      });

      it('leaves nothing behind when aborted, and its id can be used again', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(buckets(4, 'ab'));
        await w.addResults([resultOf(buckets(1, 'ab')[0]!, 'c.a', 'fail', 'low')]);
        await w.abort();
        await w.abort(); // twice is harmless

        expect(await store.listScans()).toEqual([]);
        expect(await store.getScan('s1')).toBeNull();
        expect(await store.resources('s1')).toEqual([]);
        expect(await store.results('s1')).toEqual([]);
        expect(await store.resourceHistory('arn:aws:s3:::ab-0')).toEqual([]);
        await expect(w.addResources(buckets(1))).rejects.toThrow(StoreError);
        await expect(w.commit(summary('s1', 'nightly', T0), [], [])).rejects.toThrow(/aborted/);

        const again = await commitScan(store, 's1', 'nightly', T0, { resources: buckets(2, 'again') });
        expect(await store.resources('s1')).toEqual(again.resources);
      });

      it('cannot be written, committed or aborted away once committed', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(buckets(2));
        await w.commit(summary('s1', 'nightly', T0, { resources: 2 }), [], []);
        await expect(w.addResources(buckets(1))).rejects.toThrow(/already committed/);
        await expect(w.addResults([])).rejects.toThrow(StoreError);
        await expect(w.commit(summary('s1', 'nightly', T0), [], [])).rejects.toThrow(StoreError);
        await w.abort();
        expect(await store.resources('s1')).toHaveLength(2);
        expect(await store.getScan('s1')).not.toBeNull();
      });

      it('refuses a second scan with the same id', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await expect(store.beginScan(summary('s1', 'other', T1))).rejects.toThrow(/s1 already exists/);
        await w.commit(summary('s1', 'nightly', T0), [], []);
        await expect(store.beginScan(summary('s1', 'nightly', T1))).rejects.toThrow(StoreError);
      });

      it('refuses a commit whose summary is for another scan', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await expect(w.commit(summary('s2', 'nightly', T0), [], [])).rejects.toThrow(/s2/);
        await expect(w.commit(summary('s1', 'weekly', T0), [], [])).rejects.toThrow(StoreError);
        await w.commit(summary('s1', 'nightly', T0), [], []);
        expect(await store.getScan('s1')).not.toBeNull();
      });

      it('refuses a bad batch whole, naming each bad item, and keeps the scan usable', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        const good = buckets(2, 'good');
        const noRef = resource({ reference: 'arn:aws:s3:::x' });
        noRef.com.reference = '';
        const bad = [good[0]!, noRef, 'not a record' as unknown as (typeof good)[0], good[1]!];
        const err = await w.addResources(bad).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreError);
        expect(String(err)).toMatch(/#1 .*com\.reference/);
        expect(String(err)).toMatch(/#2: not an object/);
        expect(String(err)).toMatch(/2 of 4 refused, nothing written/);
        const badResult = { ...resultOf(good[0]!, 'c.a', 'fail', 'high'), status: 'broken' };
        await expect(w.addResults([badResult as unknown as ReturnType<typeof resultOf>])).rejects.toThrow(
          /status must be one of/,
        );
        await w.addResources(good);
        await w.commit(summary('s1', 'nightly', T0, { resources: 2 }), [], []);
        expect(await store.resources('s1')).toEqual(good);
        expect(await store.results('s1')).toEqual([]);
      });

      it('refuses finding lives of another audit and events with an unknown state, writing nothing', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(buckets(1));
        const foreign = life({ checkId: 'c.a', reference: 'r1', auditKey: 'weekly' });
        await expect(w.commit(summary('s1', 'nightly', T0), [foreign], [])).rejects.toThrow(/weekly/);
        const l = life({ checkId: 'c.a', reference: 'r1' });
        const badEvent = { ...eventOf(l, 's1'), state: 'gone' } as unknown as ReturnType<typeof eventOf>;
        await expect(w.commit(summary('s1', 'nightly', T0), [l], [badEvent])).rejects.toThrow(
          /state must be/,
        );
        expect(await store.getScan('s1')).toBeNull();
        expect((await store.findingLives('nightly')).size).toBe(0);
        await w.commit(summary('s1', 'nightly', T0), [l], [eventOf(l, 's1')]);
        expect((await store.findingLives('nightly')).size).toBe(1);
      });

      it('keeps two scans written at once apart', async () => {
        const a = await store.beginScan(summary('a1', 'nightly', T0));
        const b = await store.beginScan(summary('b1', 'hourly', T1));
        await a.addResources(buckets(2, 'a'));
        await b.addResources(buckets(3, 'b'));
        await a.addResources(buckets(1, 'a2'));
        await b.commit(summary('b1', 'hourly', T1, { resources: 3 }), [], []);
        expect(await store.listScans()).toHaveLength(1);
        await a.commit(summary('a1', 'nightly', T0, { resources: 3 }), [], []);
        expect((await store.resources('a1')).map((r) => r.com.name)).toEqual(['a-0', 'a-1', 'a2-0']);
        expect((await store.resources('b1')).map((r) => r.com.name)).toEqual(['b-0', 'b-1', 'b-2']);
      });
    });

    describe('listScans and lastScan', () => {
      beforeEach(async () => {
        // committed out of time order on purpose
        await commitScan(store, 'n2', 'nightly', T2);
        await commitScan(store, 'n0', 'nightly', T0);
        await commitScan(store, 'h1', 'hourly', T1);
        await commitScan(store, 'n1', 'nightly', T1);
        await commitScan(store, 'h3', 'hourly', T3);
      });

      it('lists complete scans newest first, by audit and up to a limit', async () => {
        expect((await store.listScans()).map((s) => s.id)).toEqual(['h3', 'n2', 'n1', 'h1', 'n0']);
        expect((await store.listScans({ audit_key: 'nightly' })).map((s) => s.id)).toEqual([
          'n2',
          'n1',
          'n0',
        ]);
        expect((await store.listScans({ limit: 2 })).map((s) => s.id)).toEqual(['h3', 'n2']);
        expect((await store.listScans({ audit_key: 'hourly', limit: 1 })).map((s) => s.id)).toEqual(['h3']);
        expect(await store.listScans({ audit_key: 'nope' })).toEqual([]);
      });

      it('gives the latest complete scan of each audit', async () => {
        const running = await store.beginScan(summary('n9', 'nightly', '2030-01-01T00:00:00.000Z'));
        expect((await store.lastScan('nightly'))?.id).toBe('n2');
        expect((await store.lastScan('hourly'))?.id).toBe('h3');
        expect(await store.lastScan('weekly')).toBeNull();
        await running.abort();
      });

      it('skips partial scans (rechecks of one resource) in lastScan and with full_only', async () => {
        const w = await store.beginScan(
          summary('n5', 'nightly', '2029-01-01T00:00:00.000Z', {
            label: `${PARTIAL_SCAN_PREFIX}aws.ec2.security_group sg-1`,
          }),
        );
        await w.commit(
          {
            ...summary('n5', 'nightly', '2029-01-01T00:00:00.000Z', {
              label: `${PARTIAL_SCAN_PREFIX}aws.ec2.security_group sg-1`,
            }),
            status: 'complete',
            finished_at: '2029-01-01T00:00:01.000Z',
          },
          [],
          [],
        );
        expect((await store.listScans({ audit_key: 'nightly', limit: 1 }))[0]?.id).toBe('n5');
        expect((await store.listScans({ audit_key: 'nightly', full_only: true })).map((s) => s.id)).toEqual([
          'n2',
          'n1',
          'n0',
        ]);
        expect((await store.lastScan('nightly'))?.id).toBe('n2');
      });
    });

    describe('current state', () => {
      const CHECK = 'aws.s3.bucket_public_access_blocked';
      const [b0, b1, b2] = buckets(3);
      const b9 = resource({ reference: 'arn:aws:s3:::bucket-9', name: 'bucket-9' });
      const lifeOf = (r: typeof b0, o: Partial<Parameters<typeof life>[0]> = {}) =>
        life({ checkId: CHECK, reference: r!.com.reference, ...o });

      /** Writes one complete scan with its resources, results, lives and events. */
      async function write(
        id: string,
        auditKey: string,
        startedAt: string,
        o: {
          label?: string | null;
          resources?: ReturnType<typeof buckets>;
          results?: ReturnType<typeof resultOf>[];
          lives?: FindingLife[];
          events?: ReturnType<typeof eventOf>[];
          counts?: Partial<ReturnType<typeof summary>['counts']>;
        } = {},
      ): Promise<void> {
        const s = summary(id, auditKey, startedAt, {
          resources: o.resources?.length ?? 0,
          ...(o.label === undefined ? {} : { label: o.label }),
        });
        const w = await store.beginScan(s);
        if (o.resources?.length) await w.addResources(o.resources);
        if (o.results?.length) await w.addResults(o.results);
        const lives = o.lives ?? [];
        await w.commit(
          { ...s, status: 'complete', counts: { ...s.counts, ...o.counts } },
          lives,
          o.events ?? lives.map((l) => eventOf(l, id)),
        );
      }
      const recheck = (what: string) => `${PARTIAL_SCAN_PREFIX}aws.s3.bucket ${what}`;

      beforeEach(async () => {
        // a re-check before the full scan, and one of another audit: neither is part of it
        await write('r0', 'nightly', T0, { label: recheck('bucket-1') });
        await write('w1', 'weekly', T2, { label: recheck('bucket-1') });
        await write('s1', 'nightly', T1, {
          label: 'nightly',
          resources: [b0!, b1!, b2!],
          results: [
            resultOf(b0!, CHECK, 'fail', 'high'),
            resultOf(b1!, CHECK, 'pass', 'high'),
            resultOf(b2!, CHECK, 'error', 'high'),
          ],
          lives: [lifeOf(b0, { lastSeen: T1 }), lifeOf(b2, { lastSeen: T1, status: 'error' })],
          counts: {
            results: { pass: 1, fail: 1, error: 1, manual: 0, not_applicable: 0 },
            findings: { new: 2 },
          },
        });
      });

      it('is the latest full scan alone while no re-check follows it', async () => {
        const state = await store.currentState('nightly');
        expect(state?.base.id).toBe('s1');
        expect(state?.rechecks).toEqual([]);
        expect(state?.scan_ids).toEqual(['s1']);
        expect(state?.summary).toEqual(state?.base);
        expect((await store.currentResults(state!)).map((r) => [r.reference, r.status])).toEqual([
          [b0!.com.reference, 'fail'],
          [b1!.com.reference, 'pass'],
          [b2!.com.reference, 'error'],
        ]);
        expect(await store.currentState('hourly')).toBeNull();
      });

      it('applies the re-checks after the full scan, in order, to results, inventory and finding counts', async () => {
        const fixed = lifeOf(b0, { state: 'resolved', lastSeen: T1, resolvedAt: T2 });
        // bucket-0 is fixed: its re-check passes and resolves its finding
        await write('r1', 'nightly', '2024-03-02T06:00:00.000Z', {
          label: recheck('bucket-0'),
          resources: [b0!],
          results: [resultOf(b0!, CHECK, 'pass', 'high')],
          lives: [fixed],
          counts: {
            results: { pass: 1, fail: 0, error: 0, manual: 0, not_applicable: 0 },
            findings: { resolved: 1 },
          },
        });
        // bucket-9 is new and fails
        const found = lifeOf(b9, { firstSeen: T2, lastSeen: T2 });
        await write('r2', 'nightly', '2024-03-02T07:00:00.000Z', {
          label: recheck('bucket-9'),
          resources: [b9],
          results: [resultOf(b9, CHECK, 'fail', 'high')],
          lives: [found],
          counts: {
            results: { pass: 0, fail: 1, error: 0, manual: 0, not_applicable: 0 },
            findings: { new: 1 },
          },
        });
        // bucket-2 is gone: its finding is resolved with no result of its own
        const gone = lifeOf(b2, { state: 'resolved', lastSeen: T1, resolvedAt: T2, status: 'error' });
        await write('r3', 'nightly', '2024-03-02T08:00:00.000Z', {
          label: recheck('bucket-2'),
          lives: [gone],
          counts: {
            results: { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 },
            findings: { resolved: 1 },
          },
        });

        const state = await store.currentState('nightly');
        expect(state?.base.id).toBe('s1');
        expect(state?.rechecks.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
        expect(state?.scan_ids).toEqual(['s1', 'r1', 'r2', 'r3']);
        // "the latest full scan" is unchanged by re-checks
        expect((await store.lastScan('nightly'))?.id).toBe('s1');

        const results = await store.currentResults(state!);
        expect(results.map((r) => [r.reference, r.status])).toEqual([
          [b1!.com.reference, 'pass'],
          [b0!.com.reference, 'pass'],
          [b9.com.reference, 'fail'],
        ]);
        const sum = state!.summary;
        expect(sum.id).toBe('s1');
        expect(sum.label).toBe('nightly');
        expect(sum.started_at).toBe(T1);
        expect(sum.finished_at).toBe(state!.rechecks[2]!.finished_at);
        expect(sum.counts.results).toEqual({ pass: 2, fail: 1, error: 0, manual: 0, not_applicable: 0 });
        expect(sum.counts.resources).toBe(4);
        expect(sum.counts.findings).toEqual({ new: 1, resolved: 2 });
        expect(sum.rechecks).toEqual({
          count: 3,
          scan_ids: ['r1', 'r2', 'r3'],
          last_started_at: '2024-03-02T08:00:00.000Z',
        });

        // the next full scan starts a new state
        await write('s2', 'nightly', T3, { label: 'nightly' });
        const next = await store.currentState('nightly');
        expect(next?.scan_ids).toEqual(['s2']);
      });
    });

    describe('account names', () => {
      it('are kept with the scan that read them', async () => {
        const named = {
          ...summary('s1', 'nightly', T0),
          accounts: [{ cloud: 'aws', account: '111122223333', name: 'acme-prod' }],
        };
        const w = await store.beginScan(named);
        await w.commit({ ...named, status: 'complete' }, [], []);
        await commitScan(store, 's0', 'nightly', T1);
        expect((await store.getScan('s1'))?.accounts).toEqual(named.accounts);
        expect((await store.listScans()).map((s) => s.accounts ?? null)).toEqual([null, named.accounts]);
      });
    });

    describe('finding lives', () => {
      it('are replaced by each commit and keep resolved findings for regressions', async () => {
        const a1 = life({ checkId: 'c.a', reference: 'r1', lastSeen: T0 });
        const b1 = life({ checkId: 'c.b', reference: 'r2', lastSeen: T0 });
        await commitScan(store, 's0', 'nightly', T0, { lives: [a1, b1] });

        const a2 = {
          ...life({ checkId: 'c.a', reference: 'r1', firstSeen: T0, lastSeen: T1 }),
          state: 'open' as const,
        };
        const b2 = { ...b1, state: 'resolved' as const, resolved_at: T1 };
        await commitScan(store, 's1', 'nightly', T1, { lives: [a2, b2] });

        const lives = await store.findingLives('nightly');
        expect(lives.size).toBe(2);
        expect(lives.get(a1.finding_id)).toMatchObject({ state: 'open', first_seen: T0, last_seen: T1 });
        expect(lives.get(b1.finding_id)).toMatchObject({ state: 'resolved', resolved_at: T1 });
        expect((await store.findingLives('weekly')).size).toBe(0);

        const history = await store.finding(a1.finding_id);
        expect(history?.events.map((e) => [e.scan_id, e.state])).toEqual([
          ['s0', 'new'],
          ['s1', 'open'],
        ]);
      });

      it('are kept per audit when two audits see the same finding', async () => {
        const nightly = life({ checkId: 'c.a', reference: 'r1', lastSeen: T0 });
        const hourly = {
          ...life({ checkId: 'c.a', reference: 'r1', auditKey: 'hourly', lastSeen: T2 }),
          state: 'open' as const,
        };
        await commitScan(store, 's0', 'nightly', T0, { lives: [nightly] });
        await commitScan(store, 'h0', 'hourly', T2, { lives: [hourly] });
        expect((await store.findingLives('nightly')).get(nightly.finding_id)?.state).toBe('new');
        expect((await store.findingLives('hourly')).get(nightly.finding_id)?.state).toBe('open');
        // the finding itself is the most recently seen life
        expect((await store.finding(nightly.finding_id))?.life.audit_key).toBe('hourly');
      });
    });

    describe('findings(q)', () => {
      const lives = {
        crit: life({
          checkId: 'aws.iam.root_mfa',
          reference: 'arn:aws:iam::111122223333:root',
          name: 'root',
          severity: 'critical',
          lastSeen: T1,
        }),
        highOld: life({
          checkId: 'aws.s3.public',
          reference: 'arn:aws:s3:::Logs-Bucket',
          severity: 'high',
          lastSeen: T0,
        }),
        highNew: {
          ...life({
            checkId: 'aws.s3.public',
            reference: 'arn:aws:s3:::data',
            severity: 'high',
            firstSeen: T0,
            lastSeen: T2,
          }),
          state: 'open' as const,
        },
        medium: {
          ...life({
            checkId: 'aws.ec2.imdsv2',
            reference: 'i-0abc',
            severity: 'medium',
            message: 'Instance allows IMDSv1',
            lastSeen: T2,
            account: '444455556666',
          }),
          state: 'regressed' as const,
        },
        low: {
          ...life({ checkId: 'aws.s3.public', reference: 'arn:aws:s3:::old', severity: 'low', lastSeen: T1 }),
          state: 'resolved' as const,
          resolved_at: T2,
        },
        azure: life({
          checkId: 'azure.sql.tls',
          reference: '/subscriptions/s/servers/Écoute',
          name: 'Écoute',
          severity: 'high',
          cloud: 'azure',
          account: 'sub-1',
          lastSeen: T1,
        }),
      };
      const weekly = life({
        checkId: 'aws.s3.public',
        reference: 'arn:aws:s3:::weekly',
        severity: 'info',
        auditKey: 'weekly',
        lastSeen: T3,
      });
      const names = (recs: { com: { reference: string } }[]) => recs.map((r) => r.com.reference);

      beforeEach(async () => {
        await commitScan(store, 's0', 'nightly', T2, { lives: Object.values(lives) });
        await commitScan(store, 'w0', 'weekly', T3, { lives: [weekly] });
      });

      it('orders by severity, then most recently seen first', async () => {
        expect(names(await store.findings({ audit_key: 'nightly' }))).toEqual(
          names(
            [lives.crit, lives.highNew, lives.azure, lives.highOld, lives.medium, lives.low].map(
              (l) => l.record,
            ),
          ),
        );
      });

      it('returns records that pass the finding schema, with the life state and dates in com', async () => {
        const [rec] = await store.findings({ check_id: 'aws.ec2.imdsv2' });
        expect(findingRecordSchema.safeParse(rec).error).toBeUndefined();
        expect(rec?.com).toMatchObject({ state: 'regressed', last_seen: T2 });
        expect(rec?.ext.muted).toBeUndefined();
      });

      it('filters by audit, states, severity, check, cloud and account', async () => {
        expect(await store.findings({})).toHaveLength(7);
        expect(names(await store.findings({ audit_key: 'weekly' }))).toEqual([weekly.reference]);
        expect(names(await store.findings({ states: ['open', 'regressed'] }))).toEqual([
          lives.highNew.reference,
          lives.medium.reference,
        ]);
        expect(names(await store.findings({ states: ['resolved'] }))).toEqual([lives.low.reference]);
        expect(await store.findings({ states: [] })).toHaveLength(7);
        expect(names(await store.findings({ min_severity: 'high', audit_key: 'nightly' }))).toHaveLength(4);
        expect(names(await store.findings({ min_severity: 'critical' }))).toEqual([lives.crit.reference]);
        expect(await store.findings({ min_severity: 'info' })).toHaveLength(7);
        expect(names(await store.findings({ check_id: 'aws.s3.public', audit_key: 'nightly' }))).toEqual([
          lives.highNew.reference,
          lives.highOld.reference,
          lives.low.reference,
        ]);
        expect(names(await store.findings({ cloud: 'azure' }))).toEqual([lives.azure.reference]);
        expect(names(await store.findings({ account: '444455556666' }))).toEqual([lives.medium.reference]);
        expect(await store.findings({ cloud: 'gcp' })).toEqual([]);
      });

      it('searches name, reference, check and message, ignoring case', async () => {
        expect(names(await store.findings({ search: 'logs-bucket' }))).toEqual([lives.highOld.reference]);
        expect(names(await store.findings({ search: 'ROOT' }))).toEqual([lives.crit.reference]);
        expect(names(await store.findings({ search: 'imdsv1' }))).toEqual([lives.medium.reference]);
        expect(names(await store.findings({ search: 'azure.sql' }))).toEqual([lives.azure.reference]);
        expect(names(await store.findings({ search: 'écoute' }))).toEqual([lives.azure.reference]);
        expect(await store.findings({ search: '100%_' })).toEqual([]);
        expect(await store.findings({ search: '' })).toHaveLength(7);
      });

      it('pages with limit and offset', async () => {
        const all = names(await store.findings({}));
        expect(names(await store.findings({ limit: 3 }))).toEqual(all.slice(0, 3));
        expect(names(await store.findings({ limit: 3, offset: 3 }))).toEqual(all.slice(3, 6));
        expect(names(await store.findings({ offset: 5 }))).toEqual(all.slice(5));
        expect(await store.findings({ limit: 0 })).toEqual([]);
      });

      it('refuses malformed queries with a clear error', async () => {
        await expect(store.findings({ limit: -1 })).rejects.toThrow(/limit/);
        await expect(store.findings({ offset: 1.5 })).rejects.toThrow(/offset/);
        await expect(store.findings({ states: ['closed' as 'open'] })).rejects.toThrow(
          /unknown state "closed"/,
        );
        await expect(store.findings({ min_severity: 'severe' as 'high' })).rejects.toThrow(/severity/);
      });
    });

    describe('mutes', () => {
      const l = life({ checkId: 'aws.s3.public', reference: 'arn:aws:s3:::muted', severity: 'high' });
      const other = life({ checkId: 'aws.s3.public', reference: 'arn:aws:s3:::loud', severity: 'high' });
      const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

      beforeEach(async () => {
        await commitScan(store, 's0', 'nightly', T0, { lives: [l, other] });
      });

      it('mute a finding until they expire, with owner and reason on the record', async () => {
        const until = iso(DAY);
        await store.mute({
          finding_id: l.finding_id,
          owner: 'ana',
          reason: 'accepted risk',
          created_at: iso(0),
          expires_at: until,
        });

        const [muted] = await store.findings({ states: ['muted'] });
        expect(muted?.com.finding_id).toBe(l.finding_id);
        expect(muted?.com.state).toBe('muted');
        expect(muted?.ext.muted).toEqual({ owner: 'ana', reason: 'accepted risk', expires_at: until });
        expect(findingRecordSchema.safeParse(muted).error).toBeUndefined();
        expect((await store.findings({ states: ['new'] })).map((r) => r.com.finding_id)).toEqual([
          other.finding_id,
        ]);

        const active = await store.activeMutes(new Date());
        expect([...active.keys()]).toEqual([l.finding_id]);
        expect(active.get(l.finding_id)).toMatchObject({ owner: 'ana', expires_at: until });
        expect((await store.finding(l.finding_id))?.mute).toMatchObject({
          owner: 'ana',
          reason: 'accepted risk',
        });
        // the life itself keeps its lifecycle state
        expect((await store.findingLives('nightly')).get(l.finding_id)?.state).toBe('new');
        expect(await store.activeMutes(new Date(Date.now() + 2 * DAY))).toEqual(new Map());
      });

      it('no longer mute once expired', async () => {
        await store.mute({
          finding_id: l.finding_id,
          owner: 'ana',
          reason: 'temporary',
          created_at: iso(-2 * DAY),
          expires_at: iso(-DAY),
        });
        expect(await store.findings({ states: ['muted'] })).toEqual([]);
        const recs = await store.findings({ states: ['new'] });
        expect(recs).toHaveLength(2);
        for (const r of recs) {
          expect(r.com.state).toBe('new');
          expect(r.ext.muted).toBeUndefined();
        }
        expect((await store.activeMutes(new Date())).size).toBe(0);
        expect((await store.finding(l.finding_id))?.mute).toBeNull();
      });

      it('without an end last until unmuted, and muting again replaces the mute', async () => {
        await store.mute({
          finding_id: l.finding_id,
          owner: 'ana',
          reason: 'r1',
          created_at: iso(0),
          expires_at: null,
        });
        await store.mute({
          finding_id: l.finding_id,
          owner: 'bo',
          reason: 'r2',
          created_at: iso(0),
          expires_at: null,
        });
        expect(await store.activeMutes(new Date('2999-01-01T00:00:00Z'))).toHaveProperty('size', 1);
        expect((await store.findings({ states: ['muted'] }))[0]?.ext.muted).toEqual({
          owner: 'bo',
          reason: 'r2',
          expires_at: null,
        });
        expect(await store.unmute(l.finding_id)).toBe(true);
        expect(await store.unmute(l.finding_id)).toBe(false);
        expect(await store.findings({ states: ['muted'] })).toEqual([]);
      });

      it('are refused when malformed', async () => {
        const base = {
          finding_id: l.finding_id,
          owner: 'ana',
          reason: 'r',
          created_at: iso(0),
          expires_at: null,
        };
        await expect(store.mute({ ...base, expires_at: 'next tuesday' })).rejects.toThrow(/expires_at/);
        await expect(store.mute({ ...base, owner: '' })).rejects.toThrow(/owner/);
        expect((await store.activeMutes(new Date())).size).toBe(0);
      });
    });

    describe('resourceHistory', () => {
      const version = (n: number) =>
        resource({
          reference: 'arn:aws:s3:::hist',
          name: 'hist',
          raw: { item: { Name: 'hist' }, version: n },
        });

      it('gives every version of a resource in complete scans, oldest first, by reference or name', async () => {
        await commitScan(store, 's2', 'nightly', T2, { resources: [version(2)] });
        await commitScan(store, 's0', 'nightly', T0, { resources: [version(0), ...buckets(2)] });
        await commitScan(store, 'h1', 'hourly', T1, { resources: [version(1)] });
        const running = await store.beginScan(summary('s3', 'nightly', T3));
        await running.addResources([version(3)]);

        const byRef = await store.resourceHistory('arn:aws:s3:::hist');
        expect(byRef.map((v) => [v.scan_id, v.scan_started_at, v.record.raw.version])).toEqual([
          ['s0', T0, 0],
          ['h1', T1, 1],
          ['s2', T2, 2],
        ]);
        expect(byRef[0]?.record).toEqual(version(0));
        expect((await store.resourceHistory('hist')).map((v) => v.scan_id)).toEqual(['s0', 'h1', 's2']);
        expect(await store.resourceHistory('arn:aws:s3:::nothing')).toEqual([]);
        await running.abort();
        expect(await store.resourceHistory('hist')).toHaveLength(3);
      });

      it('prefers a reference match over resources that merely share the name', async () => {
        const named = resource({ reference: 'arn:aws:s3:::other', name: 'arn:aws:s3:::hist' });
        await commitScan(store, 's0', 'nightly', T0, { resources: [version(0), named] });
        expect((await store.resourceHistory('arn:aws:s3:::hist')).map((v) => v.record.com.reference)).toEqual(
          ['arn:aws:s3:::hist'],
        );
      });
    });

    describe('close', () => {
      it('abandons a scan still being written and refuses further use', async () => {
        const w = await store.beginScan(summary('s1', 'nightly', T0));
        await w.addResources(buckets(1));
        await store.close();
        await expect(store.listScans()).rejects.toThrow(/closed/);
        await store.close();
      });
    });
  });
}

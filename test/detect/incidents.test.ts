import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findingId } from '../../src/core/ids.js';
import type { IncidentStore } from '../../src/core/incidents.js';
import type { FindingRecord } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';
import { IncidentTracker, MemoryIncidentStore } from '../../src/detect/incidents.js';
import { detectionTarget } from '../../src/detect/targets.js';
import { openSqliteIncidentStore } from '../../src/store/incidents-sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';

const ACCOUNT = '111122223333';
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const ANA = `arn:aws:sts::${ACCOUNT}:assumed-role/ops/ana`;
const T0 = Date.parse('2026-11-20T03:00:00Z');
const min = (m: number) => new Date(T0 + m * 60_000).toISOString();

let seq = 0;
interface DetOpts {
  rule: string;
  tactic?: string;
  actor?: string | null;
  at: number;
  severity?: Severity;
  raw?: Record<string, unknown>;
  ip?: string;
}

/** A detection record as the pipeline makes it (the fields incidents read). */
function det(o: DetOpts): FindingRecord {
  seq += 1;
  const eventId = `evt-${seq}`;
  const time = min(o.at);
  const actor = o.actor === undefined ? BOB : o.actor;
  return {
    raw: o.raw ?? { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com' },
    ext: {
      record_type: 'sigma_detection',
      check_id: o.rule,
      check_title: `Rule ${o.rule}`,
      resource_record_type: 'aws.cloudtrail.event',
      rule: { id: o.rule, tags: o.tactic ? [`attack.${o.tactic}`, 'attack.t1000'] : [] },
      time,
      actor,
      source_ip: o.ip ?? '198.51.100.23',
      action: 'ListUsers',
      event_id: eventId,
    },
    com: {
      cloud_type: 'aws',
      record_type: 'detection_event',
      reference: eventId,
      name: actor ?? 'x',
      account: ACCOUNT,
      region: 'eu-west-1',
      service: 'iam',
      tags: {},
      origin_key: o.rule,
      origin_class: 'sigma',
      origin_type: 'detection',
      description: 'd',
      recommendation: 'r',
      severity: o.severity ?? 'medium',
      status: 'fail',
      compliance: [],
      finding_id: findingId(o.rule, eventId),
      state: 'new',
      first_seen: time,
      last_seen: time,
      ...(actor ? { actor } : {}),
    },
  } as FindingRecord;
}

const s3Get = (bucket: string, key: string) => ({
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  requestParameters: { bucketName: bucket, key },
});

describe('IncidentTracker', () => {
  it('folds one rule and principal within the alert window into one alert with count, first/last and targets', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'trail' });
    await t.add([
      det({ rule: 'read', tactic: 'collection', at: 0, raw: s3Get('data', 'a.csv') }),
      det({ rule: 'read', tactic: 'collection', at: 20, raw: s3Get('data', 'b.csv') }),
      det({ rule: 'read', tactic: 'collection', at: 50, raw: s3Get('data', 'a.csv') }),
    ]);
    await t.flush();
    const [incident] = (await store.incidents({ limit: 5, offset: 0 })).items;
    expect(incident?.alerts).toHaveLength(1);
    const alert = incident?.alerts[0];
    expect(alert?.count).toBe(3);
    expect(alert?.first.time).toBe(min(0));
    expect(alert?.last.time).toBe(min(50));
    expect(alert?.targets).toEqual(['data/a.csv', 'data/b.csv']);
    expect(incident?.detections).toBe(3);
  });

  it('starts a new alert for the rule after the alert window, within the same incident', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'trail', alertWindowMs: 30 * 60_000 });
    await t.add([det({ rule: 'r', at: 0 }), det({ rule: 'r', at: 100 })]);
    await t.flush();
    const [incident] = (await store.incidents({ limit: 5, offset: 0 })).items;
    expect(incident?.alerts.map((a) => a.count)).toEqual([1, 1]);
  });

  it('joins rules of one principal into one incident, stages in event order, whatever order they arrive in', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'trail' });
    await t.add([
      det({ rule: 'exfil', tactic: 'exfiltration', at: 30, severity: 'high' }),
      det({ rule: 'recon', tactic: 'discovery', at: 0, severity: 'info' }),
      det({ rule: 'stop', tactic: 'defense-evasion', at: 20, severity: 'high' }),
      det({ rule: 'admin', tactic: 'privilege-escalation', at: 10, severity: 'high' }),
      det({ rule: 'other', tactic: 'discovery', at: 5, actor: ANA }),
    ]);
    await t.flush();
    const page = await store.incidents({ limit: 5, offset: 0 });
    expect(page.total).toBe(2);
    const bob = page.items.find((i) => i.principal === BOB);
    expect(bob?.stages).toEqual(['discovery', 'privilege-escalation', 'defense-evasion', 'exfiltration']);
    expect(bob?.alerts.map((a) => a.rule_id)).toEqual(['recon', 'admin', 'stop', 'exfil']);
    expect(bob?.first_time).toBe(min(0));
    expect(bob?.last_time).toBe(min(30));
    expect(bob?.severity).toBe('high');
  });

  it('opens a new incident after the incident gap', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'trail', incidentGapMs: 60 * 60_000 });
    await t.add([det({ rule: 'a', at: 0 }), det({ rule: 'b', at: 30 }), det({ rule: 'c', at: 200 })]);
    await t.flush();
    const page = await store.incidents({ limit: 5, offset: 0 });
    expect(page.items.map((i) => i.alerts.length).sort()).toEqual([1, 2]);
  });

  it('keeps detections without an actor out of other principals incidents', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'flows' });
    const anon = (rule: string, at: number) => {
      const d = det({ rule, at, actor: null });
      d.ext.source_ip = null;
      return d;
    };
    await t.add([anon('scan', 0), anon('beacon', 1), det({ rule: 'x', at: 2 })]);
    await t.flush();
    expect((await store.incidents({ limit: 5, offset: 0 })).total).toBe(3);
  });

  it('counts a detection once, also when the same logs are read again by a new tracker', async () => {
    const store = new MemoryIncidentStore();
    const same = [det({ rule: 'r', at: 0 }), det({ rule: 'r', at: 1 })];
    for (let i = 0; i < 2; i++) {
      const t = new IncidentTracker(store, { source: 'trail' });
      await t.add(same);
      await t.add(same);
      await t.flush();
    }
    const [incident] = (await store.incidents({ limit: 5, offset: 0 })).items;
    expect(incident?.detections).toBe(2);
    expect(incident?.version).toBe(2);
  });

  it('keeps memory bounded: principals beyond maxCached are read back from the store', async () => {
    const store = new MemoryIncidentStore();
    const t = new IncidentTracker(store, { source: 'trail', maxCached: 2 });
    const actors = ['u1', 'u2', 'u3', 'u4'].map((u) => `arn:aws:iam::${ACCOUNT}:user/${u}`);
    for (const actor of actors) await t.add([det({ rule: 'r', at: 0, actor })]);
    for (const actor of actors) await t.add([det({ rule: 'r', at: 1, actor })]);
    await t.flush();
    const page = await store.incidents({ limit: 10, offset: 0 });
    expect(page.total).toBe(4);
    expect(page.items.every((i) => i.detections === 2 && i.alerts.length === 1)).toBe(true);
  });
});

describe('detectionTarget', () => {
  it('reads the resource from the log shapes', () => {
    expect(
      detectionTarget({
        eventSource: 'iam.amazonaws.com',
        eventName: 'AttachUserPolicy',
        requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      }),
    ).toBe('bob');
    expect(
      detectionTarget({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'TerminateInstances',
        requestParameters: { instancesSet: { items: [{ instanceId: 'i-0abc' }] } },
      }),
    ).toBe('i-0abc');
    expect(detectionTarget({ protoPayload: { resourceName: 'projects/p/buckets/b' } })).toBe(
      'projects/p/buckets/b',
    );
    expect(detectionTarget({ resourceId: '/subscriptions/s/resourceGroups/rg' })).toBe(
      '/subscriptions/s/resourceGroups/rg',
    );
    expect(detectionTarget({ correlation: { count: 3 }, last_event: s3Get('b', 'k') })).toBe('b/k');
    expect(detectionTarget({ correlation: { count: 3 } })).toBeNull();
    expect(
      detectionTarget({
        eventSource: 'sts.amazonaws.com',
        eventName: 'GetCallerIdentity',
        requestParameters: null,
      }),
    ).toBeNull();
  });
});

/** The same behaviour from each persistent store, and a restart keeps the incident. */
function storeSuite(name: string, open: () => Promise<IncidentStore>, skip?: string) {
  describe.skipIf(skip !== undefined)(`${name} incident store${skip ? ` (${skip})` : ''}`, () => {
    it('continues an incident after a restart, lists, pages and tracks notification', async () => {
      let store = await open();
      let t = new IncidentTracker(store, { source: 'trail' });
      await t.add([
        det({ rule: 'recon', tactic: 'discovery', at: 0 }),
        det({ rule: 'other', at: 0, actor: ANA }),
      ]);
      await t.flush();
      await store.close();

      store = await open();
      t = new IncidentTracker(store, { source: 'trail' });
      await t.add([det({ rule: 'stop', tactic: 'defense-evasion', at: 10, severity: 'high' })]);
      await t.flush();
      const page = await store.incidents({ limit: 1, offset: 0 });
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
      const bob = (await store.incidents({ limit: 5, offset: 0, principal: BOB })).items[0];
      expect(bob?.stages).toEqual(['discovery', 'defense-evasion']);
      expect(bob?.seen).toHaveLength(2);
      expect((await store.incidents({ limit: 5, offset: 0, min_severity: 'high' })).total).toBe(1);
      expect((await store.incidents({ limit: 5, offset: 0, from: min(60) })).total).toBe(0);

      const waiting = await store.unnotified(10);
      expect(waiting.map((i) => i.principal).sort()).toEqual([BOB, ANA].sort());
      // a source is told only of the incidents it opened
      expect((await store.unnotified(10, 'trail')).length).toBe(2);
      expect(await store.unnotified(10, 'other-trail')).toEqual([]);
      if (!bob) throw new Error('no incident');
      await store.markNotified(bob.id, bob.version, new Date('2026-11-20T04:00:00Z'));
      expect((await store.unnotified(10)).map((i) => i.principal)).toEqual([ANA]);
      const told = await store.getIncident(bob.id);
      expect(told?.notified_version).toBe(bob.version);
      expect(told?.notified_at).toBe('2026-11-20T04:00:00.000Z');
      // an older version never lowers what was told
      await store.markNotified(bob.id, 1);
      expect((await store.getIncident(bob.id))?.notified_version).toBe(bob.version);
      await expect(store.incidents({ limit: 5000, offset: 0 })).rejects.toThrow(/limit/);
      await store.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cw-incidents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
storeSuite('SQLite', async () => openSqliteIncidentStore(join(dir, 'cw.db')));

const PG_URL = process.env.CLOUDWARD_TEST_PG_URL;
const PG_SCHEMA = 'detect_state_incidents_test';
storeSuite(
  'PostgreSQL',
  async () => {
    // the side store shares the store's pool: closing it leaves the pool to the store
    const store = await openPostgresStore(PG_URL ?? '', { schema: PG_SCHEMA });
    const incidents = await store.openIncidents();
    return Object.assign(incidents, {
      close: async () => {
        await store.close();
      },
    });
  },
  PG_URL ? undefined : 'CLOUDWARD_TEST_PG_URL is not set',
);
afterAll(async () => {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.end();
});

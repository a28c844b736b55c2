import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type NotifierOptions, notifierOptionsSchema } from '../../src/config/notifier-options.js';
import type { Incident } from '../../src/core/incidents.js';
import { MemoryIncidentStore } from '../../src/detect/incidents.js';
import { type Alert, alertSummary } from '../../src/notify/alert.js';
import { enqueueIncidents, type IncidentEnqueueOptions } from '../../src/notify/incidents.js';
import { slackMessage } from '../../src/notify/slack.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { recordingLogger } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-notify-incidents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRINCIPAL = 'arn:aws:iam::111122223333:user/ci-deploy';

function incident(o: Partial<Incident> = {}): Incident {
  const ref = (time: string, action: string) => ({
    id: `e-${action}`,
    time,
    action,
    source_ip: '198.51.100.23',
    detection_id: `d-${action}`,
  });
  return {
    id: 'a'.repeat(32),
    principal: PRINCIPAL,
    principal_key: `aws\u001f111122223333\u001f${PRINCIPAL}`,
    cloud: 'aws',
    account: '111122223333',
    source: 'trail',
    first_time: '2026-11-20T03:00:00.000Z',
    last_time: '2026-11-20T03:09:00.000Z',
    severity: 'high',
    stages: ['discovery', 'defense-evasion'],
    detections: 3,
    alerts: [
      {
        id: 'b'.repeat(32),
        rule_id: 'recon',
        rule_title: 'Reconnaissance burst',
        severity: 'medium',
        tactics: ['discovery'],
        count: 2,
        first: ref('2026-11-20T03:00:00.000Z', 'ListUsers'),
        last: ref('2026-11-20T03:02:00.000Z', 'ListRoles'),
        targets: [],
        targets_truncated: false,
        source_ips: ['198.51.100.23'],
      },
      {
        id: 'c'.repeat(32),
        rule_id: 'stop',
        rule_title: 'CloudTrail logging stopped',
        severity: 'high',
        tactics: ['defense-evasion'],
        count: 1,
        first: ref('2026-11-20T03:09:00.000Z', 'StopLogging'),
        last: ref('2026-11-20T03:09:00.000Z', 'StopLogging'),
        targets: ['org-trail'],
        targets_truncated: false,
        source_ips: ['198.51.100.23'],
      },
    ],
    alerts_dropped: 0,
    version: 3,
    notified_version: 0,
    notified_at: null,
    status: 'open',
    updated_at: '2026-11-20T03:09:01.000Z',
    ...o,
  };
}

const hook = (extra: Record<string, unknown> = {}) =>
  notifierOptionsSchema.parse({ type: 'webhook', url: 'http://127.0.0.1:9/hook', ...extra });

/** What enqueueIncidents is told for the trail source: every one of `notifiers` (by default one webhook, `hook`). */
const enqueueOptions = (
  outbox: IncidentEnqueueOptions['outbox'],
  notifiers: Record<string, NotifierOptions> = { hook: hook() },
): IncidentEnqueueOptions => ({
  source: 'trail',
  notify: Object.keys(notifiers),
  notifiers,
  outbox,
  logger: recordingLogger(),
});

/** An outbox of its own, a store holding incident(), and the options to enqueue it to `hook`. */
async function withIncident(db: string) {
  const outbox = await openSqliteOutbox(join(dir, db));
  const store = new MemoryIncidentStore();
  await store.saveIncidents([incident()]);
  return { outbox, store, o: enqueueOptions(outbox) };
}

describe('enqueueIncidents', () => {
  it('records one message per incident, then an update only once it grew and the interval passed', async () => {
    const { outbox, store, o } = await withIncident('a.db');
    const t0 = new Date('2026-11-20T03:10:00Z');
    // another log source's notifiers are not told of this source's incident, nor is it marked told
    expect(await enqueueIncidents(store, { ...o, source: 'flows', now: t0 })).toMatchObject({
      opened: 0,
      alerts: 0,
    });
    expect(await enqueueIncidents(store, { ...o, now: t0 })).toMatchObject({ opened: 1, alerts: 1 });
    // nothing changed: nothing sent
    expect(await enqueueIncidents(store, { ...o, now: t0 })).toMatchObject({
      opened: 0,
      updated: 0,
      alerts: 0,
    });
    // it grows: the update waits for the interval, then goes once
    const grown = {
      ...incident({ version: 5, detections: 4 }),
      notified_version: 3,
      notified_at: t0.toISOString(),
    };
    await store.saveIncidents([grown]);
    await store.markNotified(grown.id, 3, t0);
    expect(await enqueueIncidents(store, { ...o, now: new Date(t0.getTime() + 60_000) })).toMatchObject({
      waiting: 1,
      alerts: 0,
    });
    expect(await enqueueIncidents(store, { ...o, now: new Date(t0.getTime() + 16 * 60_000) })).toMatchObject({
      updated: 1,
      alerts: 1,
    });
    const rows = await outbox.claim(10, 60_000, { now: new Date(t0.getTime() + 20 * 60_000) });
    expect(rows).toHaveLength(2);
    const [first, update] = rows.map((r) => r.payload as unknown as Alert);
    expect(first?.incident?.update).toBe(false);
    expect(update?.incident?.update).toBe(true);
    expect(update?.incident?.detections).toBe(4);
    expect(first?.items.map((i) => i.rule_id)).toEqual(['recon', 'stop']);
    await outbox.close();
  });

  it('records a version once when the process died before marking it told (a replica taking over)', async () => {
    const { outbox, store, o } = await withIncident('crash.db');
    const t0 = new Date('2026-11-20T03:10:00Z');
    // the first replica writes the message and dies before markNotified commits
    const dying: typeof store = Object.create(store);
    dying.markNotified = async () => {
      throw new Error('killed');
    };
    await expect(enqueueIncidents(dying, { ...o, now: t0 })).rejects.toThrow('killed');
    // the replica that takes over finds the version unmarked: it marks it, writes nothing
    expect(await enqueueIncidents(store, { ...o, now: new Date(t0.getTime() + 5_000) })).toMatchObject({
      opened: 1,
      alerts: 0,
    });
    expect((await store.getIncident(incident().id))?.notified_version).toBe(3);
    // a later version is still told
    await store.saveIncidents([
      { ...incident({ version: 4 }), notified_version: 3, notified_at: t0.toISOString() },
    ]);
    expect(await enqueueIncidents(store, { ...o, now: new Date(t0.getTime() + 16 * 60_000) })).toMatchObject({
      updated: 1,
      alerts: 1,
    });
    expect(await outbox.claim(10, 60_000, { now: new Date(t0.getTime() + 20 * 60_000) })).toHaveLength(2);
    await outbox.close();
  });

  it('routes by the incident: a notifier taking any of its alerts gets the whole timeline', async () => {
    const outbox = await openSqliteOutbox(join(dir, 'b.db'));
    const store = new MemoryIncidentStore();
    await store.saveIncidents([
      incident(),
      incident({
        id: 'd'.repeat(32),
        severity: 'medium',
        alerts: [incident().alerts[0] as Incident['alerts'][0]],
      }),
    ]);
    const r = await enqueueIncidents(store, {
      ...enqueueOptions(outbox, { pager: hook({ min_severity: 'high' }) }),
      now: new Date('2026-11-20T03:10:00Z'),
    });
    expect(r).toMatchObject({ opened: 2, alerts: 1 });
    const [row] = await outbox.claim(10, 60_000, { now: new Date('2026-11-20T03:11:00Z') });
    expect((row?.payload as unknown as Alert | undefined)?.items).toHaveLength(2);
    await outbox.close();
  });
});

describe('incident messages', () => {
  const alert: Alert = {
    id: 'delivery-1',
    notifier: 'chat',
    source: 'trail',
    created_at: '2026-11-20T03:10:00.000Z',
    digest: true,
    incident: {
      id: 'a'.repeat(32),
      principal: PRINCIPAL,
      cloud: 'aws',
      account: '111122223333',
      severity: 'high',
      first_time: '2026-11-20T03:00:00.000Z',
      last_time: '2026-11-20T03:09:00.000Z',
      stages: ['discovery', 'defense-evasion'],
      detections: 3,
      version: 3,
      update: false,
      alerts_dropped: 0,
    },
    items: [
      {
        finding_id: 'x',
        event: 'detected',
        origin: 'detection',
        severity: 'medium',
        rule_id: 'recon',
        title: 'Reconnaissance burst',
        description: '',
        recommendation: '',
        cloud: 'aws',
        account: '1',
        region: '',
        service: '',
        reference: 'e1',
        name: 'ListUsers',
        compliance: [],
        first_seen: '',
        last_seen: '',
      },
      {
        finding_id: 'y',
        event: 'detected',
        origin: 'detection',
        severity: 'high',
        rule_id: 'stop',
        title: 'CloudTrail logging stopped',
        description: '',
        recommendation: '',
        cloud: 'aws',
        account: '1',
        region: '',
        service: '',
        reference: 'e2',
        name: 'org-trail',
        compliance: [],
        first_seen: '',
        last_seen: '',
      },
    ],
  };

  it('summarise the principal and the stages, and keep the timeline order (not by severity)', () => {
    expect(alertSummary(alert)).toBe(
      `Incident [HIGH] ${PRINCIPAL}: discovery → defense-evasion (3 detections, 2 alerts)`,
    );
    const text = JSON.stringify(slackMessage(alert));
    expect(text.indexOf('Reconnaissance burst')).toBeLessThan(text.indexOf('CloudTrail logging stopped'));
  });
});

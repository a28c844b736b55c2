import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/incidents.js';
import type { IncidentView } from '../../src/server/api/incidents.js';
import { openSqliteIncidentStore } from '../../src/store/incidents-sqlite.js';
import { startTestServer, type TestServer, tempDir } from './helpers.js';

const BOB = 'arn:aws:iam::111122223333:user/bob';

function incident(id: string, principal: string, last: string, severity: Incident['severity']): Incident {
  const ref = {
    id: `e-${id}`,
    time: last,
    action: 'StopLogging',
    source_ip: '198.51.100.23',
    detection_id: `d-${id}`,
  };
  return {
    id,
    principal,
    principal_key: `aws\u001f111122223333\u001f${principal}`,
    cloud: 'aws',
    account: '111122223333',
    source: 'trail',
    first_time: '2026-11-20T03:00:00.000Z',
    last_time: last,
    severity,
    stages: ['defense-evasion'],
    detections: 1,
    alerts: [
      {
        id: `a-${id}`,
        rule_id: 'stop',
        rule_title: 'CloudTrail logging stopped',
        severity,
        tactics: ['defense-evasion'],
        count: 1,
        first: ref,
        last: ref,
        targets: ['org-trail'],
        targets_truncated: false,
        source_ips: ['198.51.100.23'],
      },
    ],
    alerts_dropped: 0,
    version: 1,
    notified_version: 0,
    notified_at: null,
    status: 'open',
    updated_at: last,
    seen: [`d-${id}`],
  };
}

describe('incidents API', () => {
  let t: TestServer;
  let incidents: ReturnType<typeof openSqliteIncidentStore>;
  beforeAll(async () => {
    const db = join(tempDir('cw-incidents-api-'), 'cw.db');
    incidents = openSqliteIncidentStore(db);
    await incidents.saveIncidents([
      incident('i1', BOB, '2026-11-20T03:09:00.000Z', 'high'),
      incident('i2', 'arn:aws:iam::111122223333:user/ana', '2026-11-20T05:00:00.000Z', 'medium'),
    ]);
    t = await startTestServer(db, { incidents });
  });
  afterAll(async () => {
    await t.close();
    await incidents.close();
  });

  it('lists incidents newest first, filters by principal and severity, hides the counted ids', async () => {
    const all = await t.json<{ total: number; items: IncidentView[] }>('/api/incidents');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i) => i.id)).toEqual(['i2', 'i1']);
    expect(all.body.items[0]).not.toHaveProperty('seen');
    const bob = await t.json<{ total: number }>(`/api/incidents?principal=${encodeURIComponent(BOB)}`);
    expect(bob.body.total).toBe(1);
    expect((await t.json<{ total: number }>('/api/incidents?min_severity=high')).body.total).toBe(1);
  });

  it('answers one incident, 404 for an unknown id, 400 for a bad filter', async () => {
    const one = await t.json<IncidentView>('/api/incidents/i1');
    expect(one.body.alerts[0]?.targets).toEqual(['org-trail']);
    expect((await t.get('/api/incidents/nope')).status).toBe(404);
    expect((await t.get('/api/incidents?min_severity=urgent')).status).toBe(400);
  });
});

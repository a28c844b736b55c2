import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingDetail } from '../../src/server/api/findings.js';
import type { Overview } from '../../src/server/api/overview.js';
import type { Dashboard, FindingPage, FindingSummary } from '../../src/store/dashboard-store.js';
import { jsonInit, scanDemo, startTestServer, storeDetections, type TestServer, tempDir } from './helpers.js';

const db = join(tempDir('cw-api-'), 'cw.db');
let t: TestServer;

type List = FindingPage & { limit: number; offset: number };

beforeAll(async () => {
  await storeDetections(db, [
    {
      id: 'd0000000000000000000000000000001',
      time: '2025-03-04T10:00:00Z',
      actor: 'arn:aws:iam::111122223333:user/mallory',
      ip: '8.8.8.8',
      action: 'StopLogging',
    },
    {
      id: 'd0000000000000000000000000000002',
      time: '2025-03-04T11:30:00Z',
      actor: 'arn:aws:iam::111122223333:user/mallory',
      ip: '81.2.69.160',
      action: 'DeleteTrail',
    },
    {
      id: 'd0000000000000000000000000000003',
      time: '2025-03-04T12:00:00Z',
      actor: 'arn:aws:iam::111122223333:role/ci',
      ip: '10.1.2.3',
      action: 'StopLogging',
      severity: 'medium',
    },
  ]);
  await scanDemo(db);
  t = await startTestServer(db);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('overview', () => {
  it('counts live findings by severity, cloud, account and service, consistently with the findings list', async () => {
    const { status, body } = await t.json<Overview>('/api/overview');
    expect(status).toBe(200);
    expect(body.audit).toBe('demo');
    expect(body.audits).toEqual(['demo']);
    const live = await t.json<List>('/api/findings?audit=demo&limit=1');
    expect(body.totals.live).toBe(live.body.total);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(sum(body.by_severity)).toBe(body.totals.live);
    expect(sum(body.by_cloud)).toBe(body.totals.live);
    expect(body.by_cloud.map((r) => r.key).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(body.by_service.map((r) => r.key)).toContain('ec2');
    expect(body.by_account.map((r) => r.key)).toContain('111122223333');
  });

  it('gives the posture trend over the three scans, oldest first', async () => {
    const { body } = await t.json<Overview>('/api/overview');
    expect(body.trend.map((p) => p.label)).toEqual(['demo day1', 'demo day2', 'demo day3']);
    for (const p of body.trend) {
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(100);
    }
    expect(body.trend[0]?.findings.new).toBeGreaterThan(0);
  });

  it('says what changed since the previous scan: regressed and resolved findings, inventory changes', async () => {
    const { body } = await t.json<Overview>('/api/overview');
    expect(body.previous_scan?.label).toBe('demo day2');
    expect(body.changes.counts.regressed).toBeGreaterThanOrEqual(1);
    expect(body.changes.counts.resolved).toBeGreaterThanOrEqual(1);
    const names = (state: string) =>
      body.changes.findings.filter((c) => c.state === state).map((c) => c.finding.name);
    expect(names('regressed')).toContain('bastion inbound tcp:22 from 0.0.0.0/0');
    expect(names('resolved')).toContain('acme-shop-web');
    expect(body.changes.inventory?.changed.map((c) => c.name)).toContain('acme-shop-web');
  });

  it('answers for another audit, and an empty one', async () => {
    const none = await t.json<Overview>('/api/overview?audit=nothing-here');
    expect(none.body.scan).toBeNull();
    expect(none.body.totals.live).toBe(0);
  });
});

describe('findings list', () => {
  it('lists live findings by default, most severe first', async () => {
    // the demo has more live findings than one page (500) holds: read them all, page by page
    const first = await t.json<List>('/api/findings?audit=demo&limit=500');
    const rest = await t.json<List>('/api/findings?audit=demo&limit=500&offset=500');
    const items = [...first.body.items, ...rest.body.items];
    expect(first.body.total).toBe(items.length);
    expect(new Set(items.map((f) => f.state))).toEqual(new Set(['open', 'regressed']));
    const ranks = items.map((f) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('filters by severity, cloud, service and state, and searches names and titles', async () => {
    const high = await t.json<List>('/api/findings?severity=high&limit=500');
    expect(high.body.total).toBeGreaterThan(0);
    expect(high.body.items.every((f) => f.severity === 'high')).toBe(true);
    const gcp = await t.json<List>('/api/findings?cloud=gcp&audit=demo');
    expect(gcp.body.items.every((f) => f.cloud === 'gcp')).toBe(true);
    const rds = await t.json<List>('/api/findings?service=rds');
    expect(rds.body.items.map((f) => f.name)).toContain('reports-mysql');
    const search = await t.json<List>('/api/findings?q=BASTION');
    // the search reads a finding's name and its title (an Azure subscription without a Bastion host is named by the subscription)
    const hay = (f: List['items'][number]) => `${f.name} ${f.title} ${f.message}`.toLowerCase();
    expect(search.body.items.filter((f) => !hay(f).includes('bastion'))).toEqual([]);
    expect(search.body.items.some((f) => f.name.toLowerCase().includes('bastion'))).toBe(true);
    expect(search.body.total).toBeGreaterThan(0);
    const resolved = await t.json<List>('/api/findings?state=resolved');
    expect(resolved.body.items.map((f) => f.name)).toContain('acme-shop-web');
    const all = await t.json<List>('/api/findings?state=all&audit=demo&limit=1');
    expect(all.body.total).toBeGreaterThan(resolved.body.total);
  });

  it('filters on the origin of findings', async () => {
    const checks = await t.json<List>('/api/findings?origin=check&limit=1');
    const demo = await t.json<List>('/api/findings?audit=demo&limit=1');
    expect(checks.body.total).toBe(demo.body.total);
  });

  it('sorts by a column in either order and pages without overlap', async () => {
    const asc = await t.json<List>('/api/findings?audit=demo&sort=name&order=asc&limit=500');
    const names = asc.body.items.map((f) => f.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const p1 = await t.json<List>('/api/findings?audit=demo&sort=name&limit=5&offset=0');
    const p2 = await t.json<List>('/api/findings?audit=demo&sort=name&limit=5&offset=5');
    expect(p1.body.total).toBe(p2.body.total);
    const ids1 = p1.body.items.map((f) => f.finding_id);
    expect(p2.body.items.some((f) => ids1.includes(f.finding_id))).toBe(false);
    expect([...ids1, ...p2.body.items.map((f) => f.finding_id)]).toEqual(
      asc.body.items.slice(0, 10).map((f) => f.finding_id),
    );
  });

  it('refuses bad parameters with a 400 that names the parameter', async () => {
    for (const [q, word] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=price', 'sort'],
      ['state=bogus', 'state'],
      ['severity=urgent', 'severity'],
      ['origin=alien', 'origin'],
    ] as const) {
      const r = await t.json<{ error: string }>(`/api/findings?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error).toContain(word);
    }
  });

  it('gives facet counts for the filter menus', async () => {
    const { body } = await t.json<Record<string, { key: string; count: number }[]>>(
      '/api/findings/facets?audit=demo',
    );
    expect(Object.keys(body).sort()).toEqual([
      'account',
      'check',
      'cloud',
      'region',
      'service',
      'severity',
      'state',
      'status',
    ]);
    expect(body.cloud?.reduce((n, r) => n + r.count, 0)).toBe(
      body.severity?.reduce((n, r) => n + r.count, 0),
    );
  });
});

async function findingNamed(name: string): Promise<FindingSummary> {
  const { body } = await t.json<List>(`/api/findings?state=all&audit=demo&q=${encodeURIComponent(name)}`);
  const f = body.items.find((x) => x.name.includes(name));
  if (!f) throw new Error(`no finding on ${name}`);
  return f;
}

describe('finding detail', () => {
  it('has evidence, the resource, the fix, compliance and the lifecycle', async () => {
    const f = await findingNamed('bastion inbound tcp:22 from 0.0.0.0/0');
    const { status, body } = await t.json<FindingDetail>(`/api/findings/${f.finding_id}`);
    expect(status).toBe(200);
    expect(body.state).toBe('regressed');
    expect(body.evidence).toMatchObject({ source_addresses: ['0.0.0.0/0'] });
    expect(body.resource.current?.com.reference).toBe(f.reference);
    expect(body.resource.versions).toBe(2);
    expect(body.check?.remediation.text.length).toBeGreaterThan(10);
    // one finding for the exposure: the cross-cloud and the CIS mappings together
    expect(body.compliance.map((c) => c.framework_name)).toEqual(
      expect.arrayContaining([
        'Cloudward cross-cloud baseline',
        'CIS Amazon Web Services Foundations Benchmark v7.0.0',
      ]),
    );
    expect(body.compliance.every((c) => c.title)).toBe(true);
    expect(body.events.map((e) => e.state)).toEqual(['new', 'resolved', 'regressed']);
  });

  it("shows the fix for the finding's own cloud only", async () => {
    const { body } = await t.json<List>(
      '/api/findings?state=all&audit=demo&check=common.network.no_sensitive_port_open_to_internet&limit=200',
    );
    // on AWS, Azure and GCP the same exposures belong to the cloud's own checks (one exposure, one finding)
    const aws = await t.json<List>(
      '/api/findings?state=all&audit=demo&check=aws.ec2.no_high_risk_ports_from_internet&limit=200',
    );
    const gcp = await t.json<List>(
      '/api/findings?state=all&audit=demo&check=gcp.compute.firewall_no_rdp_from_internet&limit=200',
    );
    const azureNsg = await t.json<List>(
      '/api/findings?state=all&audit=demo&check=azure.network.nsg_ssh_not_open_to_internet&limit=200',
    );
    const clouds = new Map(
      [...body.items, ...aws.body.items, ...gcp.body.items, ...azureNsg.body.items].map((f) => [
        f.cloud,
        f.finding_id,
      ]),
    );
    expect([...clouds.keys()].sort()).toEqual(['aws', 'azure', 'gcp']);
    const fixOf = async (cloud: string) =>
      (await t.json<FindingDetail>(`/api/findings/${clouds.get(cloud)}`)).body.check?.remediation;
    expect((await fixOf('aws'))?.cli).toMatch(/^aws ec2 /);
    const azure = await fixOf('azure');
    expect(azure?.cli).toMatch(/^az network nsg /);
    expect(`${azure?.text} ${azure?.cli}`).not.toMatch(/\b(aws|gcloud)\b/);
    expect((await fixOf('gcp'))?.cli).toMatch(/^gcloud compute firewall-rules /);
  });

  it('is a 404 for an unknown id', async () => {
    const r = await t.json<{ error: string }>('/api/findings/0123456789abcdef0123');
    expect(r.status).toBe(404);
    expect(r.body.error).toContain('0123456789abcdef0123');
  });
});

describe('mute and unmute', () => {
  it('mutes with owner, reason and expiry, shows it, and unmutes', async () => {
    const f = await findingNamed('reports-mysql');
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const r = await t.get(
      `/api/findings/${f.finding_id}/mute`,
      jsonInit('POST', { owner: 'alice', reason: 'replaced next sprint', expires_at: expires }),
    );
    expect(r.status).toBe(201);
    const detail = await t.json<FindingDetail>(`/api/findings/${f.finding_id}`);
    expect(detail.body.state).toBe('muted');
    expect(detail.body.mute).toMatchObject({
      owner: 'alice',
      reason: 'replaced next sprint',
      expires_at: expires,
    });
    const muted = await t.json<List>('/api/findings?state=muted');
    expect(muted.body.items.map((x) => x.finding_id)).toContain(f.finding_id);
    expect(muted.body.items.find((x) => x.finding_id === f.finding_id)?.muted?.owner).toBe('alice');

    const un = await t.json<{ unmuted: boolean }>(`/api/findings/${f.finding_id}/mute`, jsonInit('DELETE'));
    expect(un.body.unmuted).toBe(true);
    const after = await t.json<FindingDetail>(`/api/findings/${f.finding_id}`);
    expect(after.body.state).toBe('open');
    expect(after.body.mute).toBeNull();
  });

  it('refuses a mute without owner or reason, with a past or malformed expiry, or with unknown fields', async () => {
    const f = await findingNamed('reports-mysql');
    for (const body of [
      { reason: 'x' },
      { owner: 'a', reason: '  ' },
      { owner: 'a', reason: 'r', expires_at: '2001-01-01T00:00:00Z' },
      { owner: 'a', reason: 'r', expires_at: 'next tuesday' },
      { owner: 'a', reason: 'r', admin: true },
      ['not', 'an', 'object'],
    ]) {
      const r = await t.get(`/api/findings/${f.finding_id}/mute`, jsonInit('POST', body));
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const bad = await t.get(`/api/findings/${f.finding_id}/mute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cloudward-request': '1' },
      body: '{"owner": "a", ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('not valid JSON');
  });

  it('is a 404 for an unknown finding', async () => {
    const r = await t.get(
      '/api/findings/ffffffffffffffffffff/mute',
      jsonInit('POST', { owner: 'a', reason: 'b' }),
    );
    expect(r.status).toBe(404);
  });
});

describe('compliance', () => {
  it('summarises each framework per section with coverage', async () => {
    const { body } = await t.json<{
      frameworks: { id: string; coverage: number; sections: { totals: Record<string, number> }[] }[];
    }>('/api/compliance');
    const fw = body.frameworks.find((f) => f.id === 'cloudward-baseline-1.0');
    expect(fw?.sections.length).toBeGreaterThan(0);
    expect(fw?.coverage).toBeGreaterThan(0);
  });

  it('drills down from a failing requirement to the failing resources', async () => {
    const { body } = await t.json<{
      framework: { sections: { requirements: { id: string; status: string }[] }[] };
    }>('/api/compliance/cloudward-baseline-1.0');
    const failing = body.framework.sections.flatMap((s) => s.requirements).find((r) => r.status === 'fail');
    expect(failing).toBeDefined();
    const req = await t.json<{ failing: { status: string; reference: string }[]; checks: { id: string }[] }>(
      `/api/compliance/cloudward-baseline-1.0/requirements/${encodeURIComponent(failing!.id)}`,
    );
    expect(req.status).toBe(200);
    expect(req.body.failing.length).toBeGreaterThan(0);
    expect(req.body.failing.every((r) => r.status === 'fail' || r.status === 'error')).toBe(true);
    expect(req.body.checks.length).toBeGreaterThan(0);
  });

  it('is a 404 for an unknown framework or requirement', async () => {
    expect((await t.get('/api/compliance/no-such-fw')).status).toBe(404);
    expect((await t.get('/api/compliance/cloudward-baseline-1.0/requirements/99.99')).status).toBe(404);
  });
});

describe('inventory', () => {
  it('counts resources by type for the latest scan and pages through them', async () => {
    const inv = await t.json<{ total: number; types: { type: string; count: number }[] }>('/api/inventory');
    const overview = await t.json<Overview>('/api/overview');
    expect(inv.body.total).toBe(overview.body.scan?.counts.resources);
    const type = inv.body.types[0]!;
    const page = await t.json<{ total: number; items: { type: string }[] }>(
      `/api/inventory/resources?type=${encodeURIComponent(type.type)}&limit=3`,
    );
    expect(page.body.total).toBe(type.count);
    expect(page.body.items.length).toBe(Math.min(3, type.count));
    expect(page.body.items.every((r) => r.type === type.type)).toBe(true);
    const search = await t.json<{ items: { name: string }[] }>('/api/inventory/resources?q=WEB-1');
    expect(search.body.items.map((r) => r.name)).toContain('web-1');
  });

  it("gives a resource's history with the diff between scans", async () => {
    const h = await t.json<{
      versions: { scan_label: string; changes: { path: string; before: unknown; after: unknown }[] | null }[];
    }>('/api/inventory/history?ref=web-1');
    expect(h.status).toBe(200);
    expect(h.body.versions.map((v) => v.scan_label)).toEqual(['demo day1', 'demo day2', 'demo day3']);
    expect(h.body.versions[0]?.changes).toBeNull();
    const tag = h.body.versions[1]?.changes?.find((c) => c.path === 'com.tags.owner');
    expect(tag).toEqual({ path: 'com.tags.owner', before: 'alice@example.com', after: 'bob@example.com' });
    expect(h.body.versions[2]?.changes).toEqual([]);
  });

  it('diffs two scans, and refuses a missing ref or unknown scan', async () => {
    const scans = await t.json<{ scans: { scan_id: string }[] }>('/api/scans?audit=demo');
    const [, day2, day1] = scans.body.scans;
    const d = await t.json<{
      added: { name: string }[];
      removed: { name: string }[];
      counts: { removed: number };
    }>(`/api/inventory/diff?from=${day1!.scan_id}&to=${day2!.scan_id}`);
    expect(d.body.added.map((r) => r.name)).toContain('debug-postgres');
    // the bastion's SSH rule was closed and the unattached scratch volume deleted
    expect(d.body.removed.map((r) => r.name).sort()).toEqual([
      'bastion inbound tcp:22 from 0.0.0.0/0',
      'migration-scratch',
    ]);
    expect((await t.get('/api/inventory/history')).status).toBe(400);
    expect((await t.get('/api/inventory/history?ref=nothing-like-this')).status).toBe(404);
    expect((await t.get('/api/inventory?scan=20000101T000000000Z')).status).toBe(404);
  });
});

describe('activity', () => {
  it('lists detections with actor, source IP and country, newest first', async () => {
    const { body } = await t.json<{
      total: number;
      items: { time: string; actor: string; source_ip: string; country: string | null; action: string }[];
    }>('/api/activity');
    expect(body.total).toBe(3);
    expect(body.items.map((d) => d.action)).toEqual(['StopLogging', 'DeleteTrail', 'StopLogging']);
    expect(body.items[1]).toMatchObject({ source_ip: '81.2.69.160', country: 'GB' });
    expect(body.items[2]).toMatchObject({ source_ip: '8.8.8.8', country: 'US' });
    expect(body.items[0]?.country).toBeNull();
  });

  it('aggregates a timeline, actors and a map of located source IPs', async () => {
    const { body } = await t.json<{
      bucket: string;
      timeline: { key: string; count: number }[];
      actors: { key: string; count: number }[];
      map: { points: { country: string; lat: number; lon: number; count: number }[]; unlocated: number };
    }>('/api/activity');
    expect(body.bucket).toBe('hour');
    expect(body.timeline).toEqual([
      { key: '2025-03-04T10:00:00Z', count: 1 },
      { key: '2025-03-04T11:00:00Z', count: 1 },
      { key: '2025-03-04T12:00:00Z', count: 1 },
    ]);
    expect(body.actors[0]).toEqual({ key: 'arn:aws:iam::111122223333:user/mallory', count: 2 });
    expect(body.map.points.map((p) => p.country).sort()).toEqual(['GB', 'US']);
    const gb = body.map.points.find((p) => p.country === 'GB')!;
    expect(gb.lat).toBeGreaterThan(50);
    expect(gb.lat).toBeLessThan(58);
    expect(body.map.unlocated).toBe(1);
  });

  it('filters by actor, source IP and time, and refuses a malformed time', async () => {
    const mallory = await t.json<{ total: number }>(
      `/api/activity?actor=${encodeURIComponent('arn:aws:iam::111122223333:user/mallory')}`,
    );
    expect(mallory.body.total).toBe(2);
    expect((await t.json<{ total: number }>('/api/activity?ip=10.1.2.3')).body.total).toBe(1);
    expect((await t.json<{ total: number }>('/api/activity?from=2025-03-04T11:00:00Z')).body.total).toBe(2);
    const bad = await t.json<{ error: string }>('/api/activity?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('from');
  });
});

describe('dashboards', () => {
  const input = {
    name: 'Team posture',
    description: 'what we look at on Mondays',
    widgets: [
      { title: 'By severity', chart: 'bar', width: 1, query: { source: 'findings', group_by: 'severity' } },
      { title: 'Trend', chart: 'line', width: 2, query: { source: 'trend', group_by: 'scan' } },
    ],
  };

  it('creates, lists, reads, updates and deletes a dashboard, persisted in the store', async () => {
    const c = await t.json<Dashboard>('/api/dashboards', jsonInit('POST', input));
    expect(c.status).toBe(201);
    expect(c.body.widgets.every((w) => typeof w.id === 'string' && w.id.length > 0)).toBe(true);
    const list = await t.json<{ dashboards: Dashboard[] }>('/api/dashboards');
    expect(list.body.dashboards.map((d) => d.name)).toContain('Team posture');
    expect(await t.dash.getDashboard(c.body.id)).toMatchObject({ name: 'Team posture' });

    const moved = { ...input, widgets: [input.widgets[1], { ...input.widgets[0], width: 3 }] };
    const u = await t.json<Dashboard>(`/api/dashboards/${c.body.id}`, jsonInit('PUT', moved));
    expect(u.status).toBe(200);
    expect(u.body.widgets.map((w) => w.title)).toEqual(['Trend', 'By severity']);
    expect(u.body.widgets[1]?.width).toBe(3);
    expect((await t.json<Dashboard>(`/api/dashboards/${c.body.id}`)).body.widgets[0]?.title).toBe('Trend');

    expect((await t.get(`/api/dashboards/${c.body.id}`, jsonInit('DELETE'))).status).toBe(200);
    expect((await t.get(`/api/dashboards/${c.body.id}`)).status).toBe(404);
    expect((await t.get(`/api/dashboards/${c.body.id}`, jsonInit('PUT', input))).status).toBe(404);
  });

  it('refuses a malformed dashboard with the path of each problem', async () => {
    const bad = await t.json<{ error: string }>(
      '/api/dashboards',
      jsonInit('POST', { ...input, widgets: [{ ...input.widgets[0], chart: 'radar' }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('widgets[0].chart');
    const group = await t.json<{ error: string }>(
      '/api/dashboards',
      jsonInit('POST', {
        ...input,
        widgets: [{ ...input.widgets[0], query: { source: 'findings', group_by: 'colour' } }],
      }),
    );
    expect(group.status).toBe(400);
    expect(group.body.error).toContain('group_by');
    expect((await t.json('/api/dashboards', jsonInit('POST', { widgets: [] }))).status).toBe(400);
  });

  it('runs widget queries over findings, trend, inventory and activity', async () => {
    const q = (body: unknown) =>
      t.json<{ rows: { key: string; count: number }[] }>('/api/query', jsonInit('POST', body));
    const sev = await q({ source: 'findings', group_by: 'severity' });
    const overview = await t.json<Overview>('/api/overview');
    expect(sev.body.rows).toEqual(overview.body.by_severity);
    const high = await q({ source: 'findings', group_by: 'cloud', filter: { severities: ['high'] } });
    expect(high.body.rows.reduce((n, r) => n + r.count, 0)).toBe(
      overview.body.by_severity.find((r) => r.key === 'high')?.count,
    );
    const trend = await q({ source: 'trend' });
    expect(trend.body.rows).toHaveLength(3);
    const inv = await q({ source: 'inventory', group_by: 'cloud' });
    expect(inv.body.rows.reduce((n, r) => n + r.count, 0)).toBe(overview.body.scan?.counts.resources);
    const countries = await t.json<{ rows: { key: string; count: number }[] }>(
      '/api/query',
      jsonInit('POST', { source: 'activity', group_by: 'country' }),
    );
    expect(countries.body.rows.map((r) => r.key).sort()).toEqual(['GB', 'US']);
    expect((await q({ source: 'findings', group_by: 'actor' })).status).toBe(400);
    expect((await q({ source: 'weather' })).status).toBe(400);
  });
});

describe('routing', () => {
  it('answers 404 for an unknown endpoint and 405 with Allow for a wrong method', async () => {
    expect((await t.get('/api/nothing')).status).toBe(404);
    const r = await t.get('/api/overview', jsonInit('POST', {}));
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });
});

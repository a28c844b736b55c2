import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropPrefixes, freshPrefix, REDIS_URL, redisAvailable } from '../queue/helpers.js';
import { dropSchemas, freshSchema, PG_URL, pgAvailable, sql } from '../store/postgres-helpers.js';
import { startReplica, type WatchChild } from './child.js';
import { ACCOUNT, GROUP, REGION, securityGroup, sgSnapshot, trailRecord } from './fixtures.js';
import { startReceiver, until } from './receiver.js';

/*
 * `cloudward watch` as replicas (child processes) sharing a PostgreSQL store, with a queue in
 * the config: one leads and runs the schedules, one reads each log source; a replica killed -9
 * loses nothing and sends nothing twice. The replicas are the built CLI (dist/, `npx tsc -p
 * tsconfig.build.json`), as test/queue/ runs its workers: the TypeScript loader starts too slowly
 * on a loaded machine for lease timings of seconds.
 */

const available = (await pgAvailable('watch replicas')) && (await redisAvailable('watch replicas'));
const CHECK = 'aws.ec2.no_admin_ports_from_ipv4_internet';
/** seconds: a dead replica's part is taken over within this plus a third */
const LEASE = 2;
const dir = mkdtempSync(join(tmpdir(), 'cw-replicas-'));
const running: WatchChild[] = [];
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) await r.kill('SIGKILL');
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

afterAll(async () => {
  if (available) {
    await dropSchemas();
    await dropPrefixes();
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

function deliver(path: string, text: string) {
  writeFileSync(`${path}.part`, text);
  renameSync(`${path}.part`, path);
}

interface Setup {
  config: string;
  schema: string;
  trail: string;
}

function setup(name: string, o: { schedule: string; hook: string }): Setup {
  const schema = freshSchema();
  const base = join(dir, name);
  const trail = join(base, 'trail');
  mkdirSync(trail, { recursive: true });
  const snapshot = join(base, 'estate.json');
  deliver(snapshot, JSON.stringify(sgSnapshot([securityGroup([[443, '0.0.0.0/0']])])));
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const config = join(base, 'cloudward.yaml');
  writeFileSync(
    config,
    `providers:
  snap: { type: snapshot, path: ${JSON.stringify(snapshot)} }
stores:
  main: { type: postgres, url: ${JSON.stringify(url)} }
defaults: { audit: prod, store: main }
queue: { type: redis, url: ${JSON.stringify(REDIS_URL)}, prefix: ${freshPrefix()} }
notifiers:
  soc: { type: webhook, url: ${JSON.stringify(o.hook)} }
audits:
  prod: { providers: [snap], checks: [${CHECK}], store: main, schedule: ${JSON.stringify(o.schedule)} }
logs:
  trail: { type: cloudtrail, path: ${JSON.stringify(trail)}, poll_seconds: 0.05, notify: [soc] }
`,
  );
  return { config, schema, trail };
}

/** A replica: `cloudward watch` in a child process, with its health server's address. */
const replica = (s: Setup) =>
  startReplica(s.config, { lease: LEASE, cwd: dir, env: { HOME: join(dir, 'home') }, running });

async function metric(url: string, line: RegExp): Promise<boolean> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return line.test(text);
}

const LEADS = /^cloudward_watch_leader 1$/m;

let planted = 0;
/** A file with one event that opens SSH to the internet, by a principal of its own (so an incident of its own). */
function plantOpening(trail: string) {
  planted += 1;
  const record = trailRecord('AuthorizeSecurityGroupIngress', {
    groupId: GROUP,
    ipPermissions: {
      items: [
        { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      ],
    },
  });
  record.userIdentity = {
    type: 'IAMUser',
    arn: `arn:aws:iam::${ACCOUNT}:user/user${planted}`,
    accountId: ACCOUNT,
  };
  const day = join(trail, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', '01');
  mkdirSync(day, { recursive: true });
  const n = String(planted).padStart(4, '0');
  deliver(
    join(day, `${ACCOUNT}_CloudTrail_${REGION}_20260101T1200Z_${n}.json`),
    JSON.stringify({ Records: [record] }),
  );
}

describe.skipIf(!available)('watch replicas on PostgreSQL and Redis', () => {
  it('two replicas: each tick of a schedule runs once; the leader killed -9 is replaced within the lease', {
    timeout: 180_000,
  }, async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    const s = setup('ticks', { schedule: '*/2 * * * * *', hook: receiver.url });
    const runs = () =>
      sql<{ tick: string; status: string; holder: string; claims: number; scan_id: string | null }>(
        `SELECT tick, status, holder, claims, scan_id FROM "${s.schema}".watch_runs ORDER BY tick`,
      );
    const done = async () => (await runs()).filter((r) => r.status === 'done');

    const a = await replica(s);
    await until(() => metric(a.url, LEADS), 'the first replica to lead', 30_000);
    const b = await replica(s);
    await until(async () => (await done()).length >= 3, 'three scheduled runs', 60_000);
    // the second replica follows: it neither leads nor reads the source the first one holds
    expect(await metric(b.url, /^cloudward_watch_leader 0$/m)).toBe(true);
    expect(await metric(b.url, /^cloudward_watch_source_held\{source="trail"\} 0$/m)).toBe(true);
    expect(await metric(a.url, /^cloudward_watch_source_held\{source="trail"\} 1$/m)).toBe(true);
    const ready = (await (await fetch(`${b.url}/readyz`)).json()) as {
      checks: Record<string, { ok: boolean; detail?: string }>;
    };
    expect(ready.checks.replica?.detail).toMatch(/follower; reads no log source/);
    expect(ready.checks['source:trail']).toEqual({ ok: true, detail: 'read by another replica' });

    await a.child.kill('SIGKILL');
    // taken over within the lease plus a third (and the time to notice), not at the next start
    await until(() => metric(b.url, LEADS), 'the second replica to lead', (LEASE * 4 + 4) * 1000);
    await until(() => metric(b.url, /^cloudward_watch_source_held\{source="trail"\} 1$/m), 'the source');
    const before = (await done()).length;
    await until(async () => (await done()).length >= before + 3, 'three runs by the new leader', 60_000);
    await b.child.kill('SIGTERM');

    const leases = await sql<{ name: string; term: string }>(
      `SELECT name, term FROM "${s.schema}".watch_leases ORDER BY name`,
    );
    expect(leases.map((l) => [l.name, Number(l.term)])).toEqual([
      ['leader', 2],
      ['source:trail', 2],
    ]);
    const scans = await sql<{ id: string }>(
      `SELECT id FROM "${s.schema}".scans WHERE audit_key = 'prod' AND label = 'scheduled' AND status = 'complete'`,
    );
    const all = await runs();
    const finished = all.filter((r) => r.status === 'done');
    // a scan per tick run, and never more scans than ticks claimed (two leaders would run a tick twice)
    expect(new Set(finished.map((r) => r.scan_id)).size).toBe(finished.length);
    expect(scans.map((x) => x.id)).toEqual(expect.arrayContaining(finished.map((r) => r.scan_id)));
    expect(scans.length).toBeLessThanOrEqual(all.length);
    // both replicas ran ticks
    expect(new Set(finished.map((r) => r.holder)).size).toBe(2);
    // a tick claimed twice is one the killed leader left unfinished
    for (const r of all.filter((x) => x.claims > 1)) expect(r.status).not.toBe('running');
  });

  it('a log source read across a replica killed -9: each incident is alerted exactly once', {
    timeout: 180_000,
  }, async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    const s = setup('source', { schedule: '0 3 1 1 *', hook: receiver.url });
    const a = await replica(s);
    await a.child.line(/logs\.trail: read by this replica/);
    const b = await replica(s);
    for (let i = 0; i < 6; i += 1) plantOpening(s.trail);
    const incidents = () =>
      new Set(
        receiver.deliveries().flatMap((d) => (d.source === 'trail' && d.incident ? [d.incident.id] : [])),
      );
    await until(() => incidents().size >= 2, 'the first incidents', 60_000);
    await a.child.kill('SIGKILL');
    for (let i = 0; i < 6; i += 1) plantOpening(s.trail);
    await b.child.line(/logs\.trail: read by this replica/, (LEASE * 4 + 4) * 1000);
    await until(() => incidents().size >= 12, 'every incident', 60_000);
    // a delivery pass more: nothing else arrives
    await new Promise((r) => setTimeout(r, 1500));
    await b.child.kill('SIGTERM');

    const fromTrail = receiver.deliveries().filter((d) => d.source === 'trail');
    // one delivery per incident (a redelivery after the kill carries the same delivery id)
    expect(fromTrail.map((d) => d.incident?.id).sort()).toEqual([...incidents()].sort());
    expect(fromTrail).toHaveLength(12);
    expect(fromTrail.every((d) => d.incident?.update === false)).toBe(true);
    const checkpoints = await sql<{ source: string; holder: string }>(
      `SELECT source, holder FROM "${s.schema}".watch_checkpoints`,
    );
    expect(checkpoints.map((c) => c.source)).toEqual(['trail']);
    expect(checkpoints[0]?.holder).toMatch(new RegExp(`:${b.child.pid}$`));
  });
});

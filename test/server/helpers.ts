import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import { packagePath } from '../../src/core/package-root.js';
import type { Collection } from '../../src/core/provider.js';
import type { FindingRecord } from '../../src/core/record.js';
import type { RunningServer, ServerOptions } from '../../src/server/server.js';
import { startServer } from '../../src/server/server.js';
import type { DashboardStore } from '../../src/store/dashboard-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openSqliteDashboardStore } from '../../src/store/sqlite-dashboards.js';
import { openDetectionStore } from '../../src/store/sqlite-detections.js';
import type { Store } from '../../src/store/store.js';
import { type RecheckReport, recheckResource } from '../../src/watch/recheck.js';
import { runCli } from '../helpers/run-cli.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Scans the bundled demo estate day1..day3 into `db` with the real CLI and scan engine. */
export async function scanDemo(db: string, days = ['day1', 'day2', 'day3']): Promise<void> {
  for (const day of days) {
    const r = await runCli([
      '--db',
      db,
      'scan',
      '--demo',
      day,
      '--quiet',
      '--no-progress',
      '--format',
      'json',
    ]);
    if (r.code !== 0) throw new Error(`scan --demo ${day} failed (${r.code}): ${r.stderr}`);
  }
}

export interface Detection {
  id: string;
  time: string;
  actor: string | null;
  ip: string | null;
  action: string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  title?: string;
}

/**
 * Stores detection hits the way `cloudward detect` does: finding records whose origin is a
 * detection, with the event's time, actor, source IP and action, in the detections table.
 */
export async function storeDetections(dbPath: string, hits: Detection[]): Promise<void> {
  const records: FindingRecord[] = hits.map((d) => ({
    raw: { event: { eventName: d.action, sourceIPAddress: d.ip, userIdentity: { arn: d.actor } } },
    ext: {
      record_type: 'sigma_detection',
      check_id: 'cloudward.aws.cloudtrail_logging_stopped',
      check_title: d.title ?? 'CloudTrail logging stopped or deleted',
      resource_record_type: 'aws.cloudtrail.event',
      time: d.time,
      actor: d.actor,
      source_ip: d.ip,
      action: d.action,
      event_id: `event-${d.id}`,
      source_name: 'test',
    },
    com: {
      cloud_type: 'aws',
      record_type: 'detection_event',
      reference: `event-${d.id}`,
      name: d.actor ?? d.action,
      account: '111122223333',
      region: 'us-east-1',
      service: 'cloudtrail',
      tags: {},
      description: `${d.action} by ${d.actor ?? 'someone'}`,
      recommendation: 'Find out who stopped logging and why; turn logging back on.',
      severity: d.severity ?? 'high',
      status: 'fail',
      compliance: [],
      finding_id: d.id,
      state: 'new',
      first_seen: d.time,
      last_seen: d.time,
      origin_key: 'cloudward.aws.cloudtrail_logging_stopped',
      origin_type: 'detection',
    },
  }));
  const store = openDetectionStore(dbPath);
  try {
    await store.addDetections(records);
  } finally {
    await store.close();
  }
}

/** A minimal built front end, so static serving is tested without running the build. */
export function fakeWebRoot(): string {
  const root = tempDir('cw-web-');
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>Cloudward</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'app.js'), 'document.title = "ok";');
  return root;
}

export interface TestServer {
  server: RunningServer;
  store: Store;
  dash: DashboardStore;
  /** fetch relative to the server, with the bearer token when one is set */
  get(path: string, init?: RequestInit): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startTestServer(
  db: string,
  opts: Partial<Omit<ServerOptions, 'store' | 'dash'>> = {},
): Promise<TestServer> {
  const store = await openSqliteStore(db);
  const dash = openSqliteDashboardStore(db);
  const queries = await store.openQueries();
  const server = await startServer({
    store,
    dash,
    queries,
    host: '127.0.0.1',
    port: 0,
    webRoot: fakeWebRoot(),
    ...opts,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const get = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (opts.token && !headers.has('authorization')) headers.set('authorization', `Bearer ${opts.token}`);
    return fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
  };
  return {
    server,
    store,
    dash,
    get,
    json: async <T>(path: string, init?: RequestInit) => {
      const r = await get(path, init);
      return { status: r.status, body: (await r.json()) as T };
    },
    close: async () => {
      await server.close();
      await dash.close();
      await queries.close();
      await store.close();
    },
  };
}

/** A JSON request that passes the CSRF rule (the custom header). */
export function jsonInit(method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', 'x-cloudward-request': '1' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

const BASTION = 'sg-0de00000000000001';

/**
 * What `watch` does when the demo's bastion security group loses its SSH rule open to the
 * internet: re-checks that one group (a partial scan of the demo audit) from a fresh
 * collection of it, with every check, and commits it to the store at `db`.
 */
export async function recheckClosedBastion(db: string): Promise<RecheckReport> {
  const snap = JSON.parse(readFileSync(packagePath('demo', 'day3.json'), 'utf8')) as {
    accounts: { account: string; collections: Collection[] }[];
  };
  const groups = snap.accounts
    .find((a) => a.account === '111122223333')
    ?.collections.find((c) => c.type === 'aws.ec2.security_group' && c.region === 'us-east-1');
  const item = structuredClone(
    groups?.items?.find((i) => (i.item as { GroupId: string }).GroupId === BASTION),
  );
  if (!item) throw new Error('the demo has no bastion group');
  const perms = (item.item as { IpPermissions: { IpRanges: { CidrIp: string }[] }[] }).IpPermissions;
  for (const p of perms) p.IpRanges = p.IpRanges.filter((r) => r.CidrIp !== '0.0.0.0/0');
  const store = await openSqliteStore(db);
  try {
    return await recheckResource(
      {
        auditKey: 'demo',
        store,
        params: new Map(ALL_CHECKS.map((c) => [c.id, resolveParams(c, undefined)])),
        compliance: new Map(),
      },
      {
        cloud: 'aws',
        type: 'aws.ec2.security_group',
        id: BASTION,
        account: '111122223333',
        region: 'us-east-1',
      },
      {
        cloud: 'aws',
        account: '111122223333',
        region: 'us-east-1',
        type: 'aws.ec2.security_group',
        items: [item],
      },
      ALL_CHECKS,
    );
  } finally {
    await store.close();
  }
}

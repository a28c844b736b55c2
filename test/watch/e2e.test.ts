import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { startAwsServer } from './aws-server.js';
import { startWatch } from './child.js';
import { ACCOUNT, GROUP, REGION, trailRecord } from './fixtures.js';
import { startReceiver, until } from './receiver.js';

/*
 * The Done-when, end to end: `cloudward watch` as a child process, the AWS provider
 * against a local EC2/STS endpoint (AWS_ENDPOINT_URL), a CloudTrail directory and a webhook
 * receiver on 127.0.0.1. Then SIGKILL during a scan and during delivery, and restart.
 */

const CHECK = 'aws.ec2.no_admin_ports_from_ipv4_internet';
const OPEN: [number, string][] = [
  [443, '0.0.0.0/0'],
  [22, '0.0.0.0/0'],
];
const CLOSED: [number, string][] = [[443, '0.0.0.0/0']];

let dir: string;
let seq = 0;
const cleanup: (() => Promise<unknown>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-watch-e2e-'));
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  const aws = await startAwsServer(ACCOUNT);
  const receiver = await startReceiver();
  cleanup.push(
    () => aws.close(),
    () => receiver.close(),
  );
  const trail = join(dir, 'trail');
  const db = join(dir, 'cw.db');
  mkdirSync(trail);
  const config = join(dir, 'cloudward.yaml');
  writeFileSync(
    config,
    `providers:
  prod: { type: aws, regions: [${REGION}], max_attempts: 1, request_timeout_ms: 120000 }
stores:
  main: { type: sqlite, path: ${JSON.stringify(db)} }
defaults: { audit: prod, store: main }
notifiers:
  hook: { type: webhook, url: ${JSON.stringify(receiver.url)}, timeout_seconds: 120 }
audits:
  prod:
    providers: [prod]
    checks: [${CHECK}]
    store: main
    notify: [hook]
    schedule: "0 3 * * *"
logs:
  trail: { type: cloudtrail, path: ${JSON.stringify(trail)}, poll_seconds: 0.1 }
`,
  );
  const env = {
    HOME: dir,
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: 'AKIDWATCHTEST',
    AWS_SECRET_ACCESS_KEY: 'not-a-secret-test-value',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
  };
  const start = () => {
    const w = startWatch(['watch', '--config', config, '--port', '0'], dir, env);
    cleanup.push(() => w.kill('SIGKILL'));
    return w;
  };
  let store: Store | undefined;
  const openStore = async () => {
    store ??= await openSqliteStore(db);
    return store;
  };
  cleanup.push(async () => store?.close());
  const plant = (eventName: string) => {
    seq += 1;
    const day = join(trail, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', '01');
    mkdirSync(day, { recursive: true });
    const name = `${ACCOUNT}_CloudTrail_${REGION}_20260101T12${String(seq).padStart(2, '0')}Z_e2e${seq}.json`;
    writeFileSync(
      join(day, `${name}.part`),
      JSON.stringify({ Records: [trailRecord(eventName, { groupId: GROUP })] }),
    );
    renameSync(join(day, `${name}.part`), join(day, name));
  };
  const scanStatuses = () => {
    const raw = new Database(db, { readonly: true });
    try {
      return (
        raw.prepare('SELECT status, label FROM scans ORDER BY started_ms').all() as {
          status: string;
          label: string;
        }[]
      ).map((r) => `${r.status}:${r.label}`);
    } finally {
      raw.close();
    }
  };
  return { aws, receiver, start, openStore, plant, scanStatuses, db };
}

describe('cloudward watch end to end (child process, AWS provider on a local endpoint)', () => {
  it('one alert for a planted security-group-open event; a later revoke resolves the finding; SIGTERM exits 0', {
    timeout: 120_000,
  }, async () => {
    const t = await setup();
    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: CLOSED });
    const w = start(t);
    const url = (await w.line(/health and metrics on (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
    const store = await t.openStore();
    await until(
      async () => (await store.listScans({ audit_key: 'prod' })).length === 1,
      'the initial scan',
      60_000,
    );
    expect(await store.findings({ audit_key: 'prod' })).toEqual([]);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: OPEN });
    t.plant('AuthorizeSecurityGroupIngress');
    await until(() => t.receiver.got.length >= 1, 'the alert', 60_000);
    // the recheck asked EC2 for that one group
    expect(t.aws.calls).toContain(`ec2:DescribeSecurityGroups ${GROUP}`);
    const live = await store.findings({ audit_key: 'prod' });
    expect(live.map((f) => [f.ext.check_id, f.com.state])).toEqual([[CHECK, 'new']]);

    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: CLOSED });
    t.plant('RevokeSecurityGroupIngress');
    await until(
      async () => (await store.findings({ audit_key: 'prod', states: ['resolved'] })).length === 1,
      'the resolution',
      60_000,
    );

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/cloudward_rechecks_total\{audit="prod",outcome="done"\} 2/);
    const [code] = await w.kill('SIGTERM');
    expect(code).toBe(0);
    expect(t.receiver.deliveries()).toHaveLength(1);
    expect(t.receiver.deliveries()[0]?.items.map((i) => [i.event, i.rule_id])).toEqual([['new', CHECK]]);
  });

  it('SIGKILL during a scan, restart: the scan is redone, the finding is kept and alerted once', {
    timeout: 120_000,
  }, async () => {
    const t = await setup();
    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: OPEN });
    t.aws.state.hold = true;
    const first = start(t);
    await until(() => t.aws.heldCount() > 0, 'the scan to be collecting', 60_000);
    await first.kill('SIGKILL');
    expect(t.scanStatuses()).toEqual(['running:scheduled']);
    t.aws.state.hold = false;
    t.aws.release();

    const second = start(t);
    await until(() => t.receiver.got.length >= 1, 'the alert after restart', 60_000);
    const store = await t.openStore();
    expect((await store.findings({ audit_key: 'prod' })).map((f) => f.com.state)).toEqual(['new']);
    // the killed scan was aborted by crash recovery; the restart's scan committed
    expect(t.scanStatuses()).toEqual(['aborted:scheduled', 'complete:scheduled']);
    const [code] = await second.kill('SIGTERM');
    expect(code).toBe(0);
    expect(t.receiver.deliveries()).toHaveLength(1);
  });

  it('SIGKILL during delivery, restart: the alert is sent again under the same delivery id, never as a second alert', {
    timeout: 120_000,
  }, async () => {
    const t = await setup();
    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: OPEN });
    t.receiver.state.hold = true;
    const first = start(t);
    await until(() => t.receiver.got.length >= 1, 'the delivery attempt', 60_000);
    await first.kill('SIGKILL');
    t.receiver.state.hold = false;
    t.receiver.release();
    expect(t.scanStatuses()).toEqual(['complete:scheduled']);

    const second = start(t);
    await until(() => t.receiver.got.length >= 2, 'the redelivery', 60_000);
    const [code] = await second.kill('SIGTERM');
    expect(code).toBe(0);
    expect(t.receiver.deliveries()).toHaveLength(1);
    expect(t.receiver.got.map((g) => g.body.delivery_id)).toEqual([
      t.receiver.got[0]?.body.delivery_id,
      t.receiver.got[0]?.body.delivery_id,
    ]);
    // the restart did not scan again (the last run is current) and the finding is there once
    expect(t.scanStatuses()).toEqual(['complete:scheduled']);
    const store = await t.openStore();
    expect((await store.findings({ audit_key: 'prod' })).map((f) => f.com.state)).toEqual(['new']);
  });

  it('SIGTERM during a scan aborts it cleanly and exits 0', { timeout: 120_000 }, async () => {
    const t = await setup();
    t.aws.groups.set(GROUP, { id: GROUP, name: 'web', inbound: OPEN });
    t.aws.state.hold = true;
    const w = start(t);
    await until(() => t.aws.heldCount() > 0, 'the scan to be collecting', 60_000);
    const [code] = await w.kill('SIGTERM');
    expect(code).toBe(0);
    // an aborted scan leaves no trace: the next start scans again
    expect(t.scanStatuses()).toEqual([]);
    expect(w.lines.some((l) => l.includes('the scan is aborted'))).toBe(true);
    expect(t.receiver.got).toEqual([]);
  });
});

function start(t: Awaited<ReturnType<typeof setup>>) {
  return t.start();
}

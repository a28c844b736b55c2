import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/core/logger.js';
import { isFirstFullScan } from '../../src/notify/baseline.js';
import { EventsCopyWriter } from '../../src/query/copy-writer.js';
import { queryEvents } from '../../src/query/engine.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { WatchService } from '../../src/watch/service.js';
import { ACCOUNT, GROUP, REGION, securityGroup, sgSnapshot, trailRecord } from './fixtures.js';
import { type Received, startReceiver, until } from './receiver.js';

const CHECK = 'aws.ec2.no_admin_ports_from_ipv4_internet';
let dir: string;
let seq = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-watch-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file the way log delivery does: whole, under its final name at once. */
function deliver(path: string, text: string) {
  writeFileSync(`${path}.part`, text);
  renameSync(`${path}.part`, path);
}

async function plantEvent(trail: string, eventName: string) {
  seq += 1;
  const day = join(trail, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', '01');
  await mkdir(day, { recursive: true });
  const name = `${ACCOUNT}_CloudTrail_${REGION}_20260101T12${String(seq).padStart(2, '0')}Z_${seq}.json`;
  deliver(join(day, name), JSON.stringify({ Records: [trailRecord(eventName, { groupId: GROUP })] }));
}

function writeSnapshot(path: string, open: boolean) {
  deliver(
    path,
    JSON.stringify(
      sgSnapshot([
        securityGroup(
          open
            ? [
                [443, '0.0.0.0/0'],
                [22, '0.0.0.0/0'],
              ]
            : [[443, '0.0.0.0/0']],
        ),
      ]),
    ),
  );
}

function configFor(o: { snapshot: string; trail: string; db: string; hook: string; logNotify?: string[] }) {
  return configSchema.parse({
    providers: { snap: { type: 'snapshot', path: o.snapshot } },
    stores: { main: { type: 'sqlite', path: o.db } },
    defaults: { audit: 'prod', store: 'main' },
    notifiers: { hook: { type: 'webhook', url: o.hook }, soc: { type: 'webhook', url: o.hook } },
    audits: {
      prod: { providers: ['snap'], checks: [CHECK], store: 'main', notify: ['hook'], schedule: '0 3 * * *' },
    },
    logs: { trail: { type: 'cloudtrail', path: o.trail, poll_seconds: 0.05, notify: o.logNotify ?? [] } },
  });
}

describe('WatchService over a snapshot provider and a CloudTrail directory', () => {
  it('a planted security-group-open event alerts once and a later revoke resolves the finding', async () => {
    const receiver = await startReceiver();
    const snapshot = join(dir, 'estate.json');
    const trail = join(dir, 'trail');
    const db = join(dir, 'cw.db');
    await mkdir(trail);
    writeSnapshot(snapshot, false);
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
    let store: Store | undefined;
    const service = new WatchService({
      config: configFor({ snapshot, trail, db, hook: receiver.url }),
      logger,
      openStore: async () => openSqliteStore(db),
      openState: () => openSqliteStore(db),
      checkpointDir: join(dir, 'checkpoints'),
      http: { host: '127.0.0.1', port: 0 },
      deliveryIntervalMs: 200,
    });
    try {
      await service.start();
      store = await openSqliteStore(db);
      const s = store;
      // the audit never ran: it runs once at start, as the baseline (nothing open yet)
      await until(async () => (await s.listScans({ audit_key: 'prod' })).length === 1, 'the initial scan');
      expect(await s.findings({ audit_key: 'prod' })).toEqual([]);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);

      writeSnapshot(snapshot, true);
      await plantEvent(trail, 'AuthorizeSecurityGroupIngress');
      await until(() => receiver.got.length >= 1, 'the alert');
      const [alert] = receiver.deliveries();
      expect(alert?.items).toHaveLength(1);
      expect(alert?.items[0]).toMatchObject({ event: 'new', origin: 'check', rule_id: CHECK });
      expect(alert?.items[0]?.reference).toContain(GROUP);
      const live = await s.findings({ audit_key: 'prod' });
      expect(live.map((f) => [f.ext.check_id, f.com.state])).toEqual([[CHECK, 'new']]);

      writeSnapshot(snapshot, false);
      await plantEvent(trail, 'RevokeSecurityGroupIngress');
      await until(
        async () => (await s.findings({ audit_key: 'prod', states: ['resolved'] })).length === 1,
        'the resolution',
      );
      // give the delivery loop a pass: nothing more is sent (resolved notices are opt-in)
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.deliveries()).toHaveLength(1);

      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toMatch(/cloudward_events_read_total\{source="trail"\} 2/);
      expect(metrics).toMatch(/cloudward_rechecks_total\{audit="prod",outcome="done"\} 2/);
      expect(metrics).toMatch(/cloudward_scans_total\{audit="prod",outcome="complete"\} 1/);
      expect(metrics).toMatch(/cloudward_findings\{audit="prod",state="resolved"\} 1/);
      expect(metrics).toMatch(/cloudward_alerts_delivered_total\{notifier="hook"\} 1/);
      expect(metrics).toMatch(/cloudward_recheck_latency_seconds_count 2/);
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${service.url}/nope`)).status).toBe(404);
    } finally {
      await service.stop();
      await store?.close();
      await receiver.close();
    }
  });

  it("the audit's first scheduled scan sends one baseline; later scans are not baselines", async () => {
    const receiver = await startReceiver();
    const snapshot = join(dir, 'estate.json');
    const trail = join(dir, 'trail');
    const db = join(dir, 'cw.db');
    await mkdir(trail);
    writeSnapshot(snapshot, true);
    const logger = createLogger({ level: 'error', write: () => undefined });
    const service = new WatchService({
      config: configFor({ snapshot, trail, db, hook: receiver.url }),
      logger,
      openStore: async () => openSqliteStore(db),
      openState: () => openSqliteStore(db),
      checkpointDir: join(dir, 'checkpoints'),
      deliveryIntervalMs: 200,
    });
    try {
      await service.runOnce();
      const [first] = receiver.deliveries() as (Received['body'] & { baseline?: { total: number } })[];
      expect(receiver.deliveries()).toHaveLength(1);
      expect(first?.baseline?.total).toBe(1);
      expect(first?.items[0]).toMatchObject({ event: 'new', rule_id: CHECK });
      // a later scheduled run is not the first: what is new there is alerted on its own
      const store = await openSqliteStore(db);
      expect(await isFirstFullScan(store, 'prod')).toBe(false);
      await store.close();
    } finally {
      await service.stop();
      await receiver.close();
    }
  });

  it('keeps the events it reads in the events copy, each once across restarts', async () => {
    const receiver = await startReceiver();
    const snapshot = join(dir, 'estate.json');
    const trail = join(dir, 'trail');
    const db = join(dir, 'cw.db');
    const copy = join(dir, 'events-copy');
    await mkdir(trail);
    writeSnapshot(snapshot, false);
    const logger = createLogger({ level: 'error', write: () => undefined });
    const make = () =>
      new WatchService({
        config: configFor({ snapshot, trail, db, hook: receiver.url }),
        logger,
        openStore: async () => openSqliteStore(db),
        openState: () => openSqliteStore(db),
        checkpointDir: join(dir, 'checkpoints'),
        deliveryIntervalMs: 200,
        openEventsCopy: () => EventsCopyWriter.open(copy, { flushEveryMs: 60_000 }),
      });
    const kept = async () =>
      (
        await queryEvents({ copy }, 'SELECT event_name, log, actor FROM events ORDER BY event_name', {
          timeoutMs: 30_000,
        })
      ).rows;
    try {
      await plantEvent(trail, 'AuthorizeSecurityGroupIngress');
      await make().runOnce();
      expect(await kept()).toEqual([
        { event_name: 'AuthorizeSecurityGroupIngress', log: 'cloudtrail', actor: expect.any(String) },
      ]);
      await make().runOnce();
      await plantEvent(trail, 'RevokeSecurityGroupIngress');
      await make().runOnce();
      expect((await kept()).map((r) => r.event_name)).toEqual([
        'AuthorizeSecurityGroupIngress',
        'RevokeSecurityGroupIngress',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('a restart resumes from the checkpoint: old events are not read again, new ones are', async () => {
    const receiver = await startReceiver();
    const snapshot = join(dir, 'estate.json');
    const trail = join(dir, 'trail');
    const db = join(dir, 'cw.db');
    await mkdir(trail);
    writeSnapshot(snapshot, false);
    const logger = createLogger({ level: 'error', write: () => undefined });
    const make = () =>
      new WatchService({
        config: configFor({ snapshot, trail, db, hook: receiver.url, logNotify: ['soc'] }),
        logger,
        openStore: async () => openSqliteStore(db),
        openState: () => openSqliteStore(db),
        checkpointDir: join(dir, 'checkpoints'),
        deliveryIntervalMs: 200,
      });
    await plantEvent(trail, 'AuthorizeSecurityGroupIngress');
    const first = make();
    await first.runOnce();
    expect(await first.metrics.registry.getSingleMetricAsString('cloudward_events_read_total')).toMatch(
      /} 1$/m,
    );
    const second = make();
    await second.runOnce();
    expect(await second.metrics.registry.getSingleMetricAsString('cloudward_events_read_total')).not.toMatch(
      /} \d+$/m,
    );
    await plantEvent(trail, 'RevokeSecurityGroupIngress');
    const third = make();
    await third.runOnce();
    expect(await third.metrics.registry.getSingleMetricAsString('cloudward_events_read_total')).toMatch(
      /} 1$/m,
    );
    await receiver.close();
  });

  it('refuses a config with nothing to watch, and names a bad schedule', async () => {
    const logger = createLogger({ level: 'error', write: () => undefined });
    const base = {
      logger,
      openStore: async () => openSqliteStore(':memory:'),
      openState: () => openSqliteStore(join(dir, 'x.db')),
      checkpointDir: dir,
    };
    await expect(new WatchService({ ...base, config: configSchema.parse({}) }).runOnce()).rejects.toThrow(
      /nothing to watch/,
    );
    const bad = configSchema.parse({
      providers: { d: { type: 'demo' } },
      audits: { nightly: { providers: ['d'], schedule: 'at two' } },
    });
    await expect(new WatchService({ ...base, config: bad }).runOnce()).rejects.toThrow(
      /audits\.nightly\.schedule: invalid cron schedule "at two"/,
    );
    // a bad log source is refused when the config is read, before the service starts
    const badLog = configSchema.safeParse({ logs: { t: { type: 'cloudtrail' } } });
    expect(badLog.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'logs.t: give exactly one of path, s3, log_group, queue_url',
    ]);
  });
});

describe('detections', () => {
  it('a detection is stored once and alerted to the log source notifiers as one incident, beside the recheck alert of the audit', async () => {
    const receiver = await startReceiver();
    const snapshot = join(dir, 'estate.json');
    const trail = join(dir, 'trail');
    const db = join(dir, 'cw.db');
    await mkdir(join(trail, 'd'), { recursive: true });
    writeSnapshot(snapshot, true);
    const record = trailRecord('AuthorizeSecurityGroupIngress', {
      groupId: GROUP,
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
        ],
      },
    });
    deliver(join(trail, 'd', 'a.json'), JSON.stringify({ Records: [record] }));
    const logger = createLogger({ level: 'error', write: () => undefined });
    const make = () =>
      new WatchService({
        config: configFor({ snapshot, trail, db, hook: receiver.url, logNotify: ['soc'] }),
        logger,
        openStore: async () => openSqliteStore(db),
        openState: () => openSqliteStore(db),
        checkpointDir: join(dir, 'checkpoints'),
      });
    try {
      await make().runOnce();
      const bodies = receiver.deliveries();
      // the log source's notifiers hear of the incident, once, as it opens
      const fromTrail = bodies.filter((b) => b.source === 'trail');
      expect(fromTrail.map((b) => [b.incident?.update, b.incident?.detections])).toEqual([[false, 1]]);
      const detection = fromTrail[0];
      expect(detection?.items.map((i) => [i.event, i.origin, i.rule_id])).toContainEqual([
        'detected',
        'detection',
        'd8df3c66-6f13-4840-adcb-2ebea6a88feb',
      ]);
      // the initial scan already found the open group: the recheck finds it open, no second alert
      const audit = bodies.filter((b) => b.source === 'prod');
      expect(audit.flatMap((b) => b.items.map((i) => i.event))).toEqual(['new']);
      const { openDetectionStore } = await import('../../src/store/sqlite-detections.js');
      const det = openDetectionStore(db);
      const stored = await det.detections({ limit: 10, offset: 0 });
      await det.close();
      expect(stored.map((d) => d.ext.check_id)).toContain('d8df3c66-6f13-4840-adcb-2ebea6a88feb');
    } finally {
      await receiver.close();
    }
  });
});

describe('health server', () => {
  it('answers GET and HEAD only, and /readyz says what is not ready', async () => {
    const { startHealthServer } = await import('../../src/watch/health-server.js');
    let ready = false;
    const srv = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      live: () => true,
      ready: async () => ({
        ready,
        checks: { 'source:trail': ready ? { ok: true } : { ok: false, detail: 'not started' } },
      }),
      metrics: async () => 'm 1\n',
      metricsContentType: 'text/plain; version=0.0.4',
    });
    try {
      expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r1 = await fetch(`${srv.url}/readyz`);
      expect(r1.status).toBe(503);
      expect(await r1.json()).toEqual({
        ready: false,
        checks: { 'source:trail': { ok: false, detail: 'not started' } },
      });
      ready = true;
      expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${srv.url}/metrics`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${srv.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
      expect(await (await fetch(`${srv.url}/metrics`)).text()).toBe('m 1\n');
    } finally {
      await srv.close();
    }
  });
});

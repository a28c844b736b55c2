import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NotifierOptions, notifierOptionsSchema } from '../../src/config/notifier-options.js';
import type { FindingRecord } from '../../src/core/record.js';
import type { Alert } from '../../src/notify/alert.js';
import { enqueueAlerts, itemsFor, notifyScan } from '../../src/notify/enqueue.js';
import { routes } from '../../src/notify/routing.js';
import { type Outbox, openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { finding, item, recordingLogger } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'cloudward-enqueue-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
let outbox: Outbox;
beforeEach(async () => {
  outbox = await openSqliteOutbox(join(root, `e${seq++}.db`));
});
afterEach(async () => {
  await outbox.close();
});

const T0 = new Date('2030-01-01T00:10:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const hook = (o: Record<string, unknown> = {}) =>
  notifierOptionsSchema.parse({ type: 'webhook', url: 'https://siem.example.test/hook', ...o });

async function pending(): Promise<Alert[]> {
  const rows = await outbox.claim(1000, 60_000, { now: new Date('2100-01-01T00:00:00Z') });
  return rows.map((r) => r.payload as unknown as Alert);
}

const enqueue = (
  findings: FindingRecord[],
  notifiers: Record<string, NotifierOptions>,
  now = T0,
  source = 'nightly',
) =>
  enqueueAlerts(findings, {
    source,
    notify: Object.keys(notifiers),
    notifiers,
    outbox,
    logger: recordingLogger(),
    now,
  });

describe('which findings alert', () => {
  it('new and regressed findings and detections; never open, muted, or resolved unless asked', () => {
    const findings = [
      finding({ reference: 'r-new', state: 'new' }),
      finding({ reference: 'r-reg', state: 'regressed' }),
      finding({ reference: 'r-open', state: 'open' }),
      finding({ reference: 'r-muted', state: 'muted' }),
      finding({ reference: 'r-res', state: 'resolved' }),
      finding({
        reference: 'r-det',
        detection: { rule_id: 'aws-ct-stop-logging', rule_title: 'Trail stopped' },
      }),
    ];
    const plain = itemsFor(findings, 'nightly', hook());
    expect(plain.map((i) => [i.reference, i.event]).sort()).toEqual([
      ['r-det', 'detected'],
      ['r-new', 'new'],
      ['r-reg', 'regressed'],
    ]);
    const withResolved = itemsFor(findings, 'nightly', hook({ resolved: true }));
    expect(withResolved.map((i) => i.event).sort()).toEqual(['detected', 'new', 'regressed', 'resolved']);
  });

  it('a detection item carries its rule, actor and source address', () => {
    const [det] = itemsFor(
      [
        finding({
          detection: {
            rule_id: 'aws-ct-stop-logging',
            rule_title: 'Trail stopped',
            actor: 'mallory',
            source_ip: '198.51.100.7',
          },
        }),
      ],
      'trail',
      hook(),
    );
    expect(det).toMatchObject({
      origin: 'detection',
      rule_id: 'aws-ct-stop-logging',
      title: 'Trail stopped',
      actor: 'mallory',
      source_ip: '198.51.100.7',
    });
  });
});

describe('routing rules', () => {
  const src = 'nightly';
  it('min_severity', () => {
    expect(routes(item({ severity: 'medium' }), src, { min_severity: 'high' })).toBe(false);
    expect(routes(item({ severity: 'critical' }), src, { min_severity: 'high' })).toBe(true);
  });

  it('include filters: any filter, every field of it; checks for checks, rules for detections', () => {
    const include = [{ accounts: ['1111*'], clouds: ['aws' as const] }, { rules: ['aws-ct-*'] }];
    expect(routes(item(), src, { include })).toBe(true);
    expect(routes(item({ account: '999' }), src, { include })).toBe(false);
    expect(
      routes(item({ account: '999', origin: 'detection', rule_id: 'aws-ct-stop' }), src, { include }),
    ).toBe(true);
    expect(routes(item({ account: '999', rule_id: 'aws-ct-stop' }), src, { include })).toBe(false);
    expect(routes(item(), src, { include: { checks: ['aws.s3.*'] } })).toBe(true);
    expect(routes(item(), src, { include: { checks: ['aws.iam.*'] } })).toBe(false);
    expect(routes(item(), src, { include: { audits: ['night*'] } })).toBe(true);
    expect(routes(item(), 'weekly', { include: { audits: ['night*'] } })).toBe(false);
    expect(routes(item(), src, { include: { regions: ['us-*'] } })).toBe(false);
    expect(routes(item({ severity: 'low' }), src, { include: { severities: ['low'] } })).toBe(true);
  });

  it('exclude wins over include', () => {
    const o = {
      include: { clouds: ['aws' as const] },
      exclude: [{ accounts: ['111122223333'], regions: ['eu-*'] }],
    };
    expect(routes(item(), src, o)).toBe(false);
    expect(routes(item({ region: 'us-east-1' }), src, o)).toBe(true);
  });

  it('filters are validated: unknown fields and empty filters are refused with their path', () => {
    const r = notifierOptionsSchema.safeParse({
      type: 'slack',
      webhook: 'https://hooks.example.test/x',
      include: [{ acounts: ['1'] }],
      exclude: {},
    });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('include.0');
    expect(paths).toContain('exclude');
  });
});

describe('enqueueing', () => {
  it('one alert per finding per notifier, filtered by each notifier', async () => {
    const findings = [
      finding({ reference: 'a', severity: 'low' }),
      finding({ reference: 'b', severity: 'critical' }),
    ];
    const s = await enqueue(findings, { all: hook(), urgent: hook({ min_severity: 'high' }) });
    expect(s).toMatchObject({ alerts: 3, items: 3, duplicates: 0 });
    expect(s.by_notifier).toEqual({
      all: { alerts: 2, items: 2, duplicates: 0 },
      urgent: { alerts: 1, items: 1, duplicates: 0 },
    });
    const alerts = await pending();
    expect(alerts.map((a) => [a.notifier, a.items[0]?.reference]).sort()).toEqual([
      ['all', 'a'],
      ['all', 'b'],
      ['urgent', 'b'],
    ]);
    for (const a of alerts)
      expect(a).toMatchObject({ source: 'nightly', digest: false, created_at: T0.toISOString() });
  });

  it('a run with nothing new writes nothing', async () => {
    const s = await enqueue([finding({ state: 'open' }), finding({ reference: 'x', state: 'muted' })], {
      all: hook(),
    });
    expect(s).toEqual({ alerts: 0, items: 0, duplicates: 0, by_notifier: {} });
    expect(await outbox.stats()).toMatchObject({ pending: 0, delivered: 0, failed: 0 });
  });

  it('dedup window: the same finding to the same notifier within N minutes is sent once', async () => {
    const n = { all: hook({ dedup_minutes: 30 }) };
    expect((await enqueue([finding()], n, T0)).items).toBe(1);
    // regressed again within the window (a flapping resource): not sent again
    expect(await enqueue([finding({ state: 'regressed' })], n, minutes(29))).toMatchObject({
      items: 0,
      duplicates: 1,
    });
    expect((await enqueue([finding({ state: 'regressed' })], n, minutes(31))).items).toBe(1);
    // dedup_minutes 0: every occurrence
    const none = { all2: hook({ dedup_minutes: 0 }) };
    await enqueue([finding()], none, T0);
    expect((await enqueue([finding()], none, T0)).items).toBe(1);
  });

  it('a resolved notice is not swallowed by the dedup of the finding it resolves', async () => {
    const n = { all: hook({ resolved: true }) };
    await enqueue([finding()], n, T0);
    const s = await enqueue([finding({ state: 'resolved' })], n, minutes(5));
    expect(s.items).toBe(1);
  });

  it('digest: true batches one run into one message', async () => {
    const findings = [
      finding({ reference: 'a', severity: 'low' }),
      finding({ reference: 'b', severity: 'critical' }),
      finding({ reference: 'c' }),
    ];
    const s = await enqueue(findings, { d: hook({ digest: true }) });
    expect(s).toMatchObject({ alerts: 1, items: 3 });
    const [a] = await pending();
    expect(a).toMatchObject({ digest: true, notifier: 'd' });
    expect(a?.items.map((i) => i.reference)).toEqual(['b', 'c', 'a']);
  });

  it('digest every 1h: items of several runs wait for the end of the period, in one message', async () => {
    const n = { d: hook({ digest: { every: '1h' } }) };
    await enqueue([finding({ reference: 'a' })], n, T0);
    await enqueue([finding({ reference: 'b' })], n, minutes(30));
    // not due before 01:00
    expect(await outbox.claim(10, 60_000, { now: new Date('2030-01-01T00:59:59.000Z') })).toEqual([]);
    const rows = await outbox.claim(10, 60_000, { now: new Date('2030-01-01T01:00:00.000Z') });
    expect(rows).toHaveLength(1);
    const a = rows[0]!.payload as unknown as Alert;
    expect(a.period).toEqual({ start: '2030-01-01T00:00:00.000Z', end: '2030-01-01T01:00:00.000Z' });
    expect(a.items.map((i) => i.reference)).toEqual(['a', 'b']);
    // the next period starts a new digest
    await enqueue([finding({ reference: 'c' })], n, minutes(55));
    expect((await outbox.stats()).pending).toBe(2);
  });

  it('rejects a digest period that is not a duration', () => {
    const r = notifierOptionsSchema.safeParse({
      type: 'webhook',
      url: 'https://x.test/',
      digest: { every: 'hourly' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['digest', 'every']);
  });

  it('a notifier name that is not in the config is logged and skipped', async () => {
    const logger = recordingLogger();
    await enqueueAlerts([finding()], {
      source: 'nightly',
      notify: ['ghost'],
      notifiers: {},
      outbox,
      logger,
      now: T0,
    });
    expect(logger.lines[0]?.msg).toContain('notifier "ghost" is not in the config');
  });
});

describe('notifyScan', () => {
  it("enqueues for the audit's notify list only", async () => {
    const config = {
      audits: {
        nightly: { providers: ['p'], notify: ['secops'] },
        quiet: { providers: ['p'], notify: [] },
      },
      notifiers: { secops: hook(), other: hook() },
    };
    const report = { findings: [finding(), finding({ reference: 'x', state: 'open' })] };
    const logger = recordingLogger();
    const s = await notifyScan(report, 'nightly', config, outbox, new Map(), logger, T0);
    expect(s.by_notifier).toEqual({ secops: { alerts: 1, items: 1, duplicates: 0 } });
    expect(logger.lines.some((l) => l.msg.includes('secops is not available in this run'))).toBe(true);
    expect((await notifyScan(report, 'quiet', config, outbox, new Map(), logger, T0)).alerts).toBe(0);
    expect((await notifyScan(report, 'unknown', config, outbox, new Map(), logger, T0)).alerts).toBe(0);
  });
});

describe('the baseline of an audit first scan', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      finding({
        reference: `arn:aws:s3:::bucket-${i}`,
        severity: i % 10 === 0 ? 'critical' : i % 3 === 0 ? 'high' : 'medium',
      }),
    );
  const baseline = (findings: FindingRecord[], notifiers: Record<string, NotifierOptions>, now = T0) =>
    enqueueAlerts(findings, {
      source: 'nightly',
      notify: Object.keys(notifiers),
      notifiers,
      outbox,
      logger: recordingLogger(),
      now,
      baseline: true,
    });

  it('one message per notifier: counts by severity, the most severe findings, the command to see all', async () => {
    const findings = [...many(40), finding({ reference: 'open-one', state: 'open' })];
    const s = await baseline(findings, {
      each: hook(),
      urgent: hook({ min_severity: 'high' }),
      hourly: hook({ digest: { every: '1h' } }),
    });
    expect(s.by_notifier).toEqual({
      each: { alerts: 1, items: 40, duplicates: 0 },
      urgent: { alerts: 1, items: 16, duplicates: 0 },
      hourly: { alerts: 1, items: 40, duplicates: 0 },
    });
    // all due now, the period digest's notifier included
    const alerts = await outbox.claim(100, 60_000, { now: T0 });
    expect(alerts).toHaveLength(3);
    const each = alerts.find((a) => a.notifier === 'each')?.payload as unknown as Alert;
    expect(each.digest).toBe(true);
    expect(each.baseline).toEqual({
      total: 40,
      by_severity: { critical: 4, high: 12, medium: 24, low: 0, info: 0 },
      see_all: 'cloudward findings list --audit nightly',
    });
    expect(each.items).toHaveLength(10);
    expect(each.items.slice(0, 4).every((i) => i.severity === 'critical')).toBe(true);
    expect(each.items.slice(4).every((i) => i.severity === 'high')).toBe(true);
    const urgent = alerts.find((a) => a.notifier === 'urgent')?.payload as unknown as Alert;
    expect(urgent.baseline?.by_severity).toMatchObject({ critical: 4, high: 12, medium: 0 });
  });

  it('nothing routed, nothing sent', async () => {
    const s = await baseline([finding({ severity: 'low' })], { urgent: hook({ min_severity: 'high' }) });
    expect(s.alerts).toBe(0);
    expect(await outbox.stats()).toMatchObject({ pending: 0 });
  });

  it('does not silence the per-finding alert of a later regression of a listed finding', async () => {
    const n = { all: hook({ dedup_minutes: 60 }) };
    await baseline([finding()], n);
    const later = await enqueue([finding({ state: 'regressed' })], n, minutes(5));
    expect(later).toMatchObject({ alerts: 1, items: 1, duplicates: 0 });
  });

  it('recorded again within the dedup window (a first scan killed before it committed, run again): one message', async () => {
    const n = { all: hook({ dedup_minutes: 60 }) };
    const first = await baseline(many(12), n);
    const again = await baseline(many(12), n, minutes(2));
    expect(first.alerts).toBe(1);
    expect(again.alerts).toBe(0);
    expect(await outbox.stats()).toMatchObject({ pending: 1 });
  });

  it('an audit name that needs quoting is quoted in the command', async () => {
    const { seeAllCommand } = await import('../../src/notify/baseline.js');
    expect(seeAllCommand('prod-eu.1')).toBe('cloudward findings list --audit prod-eu.1');
    expect(seeAllCommand("it's $(x)")).toBe(`cloudward findings list --audit 'it'\\''s $(x)'`);
  });
});

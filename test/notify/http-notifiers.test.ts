import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifierOptionsSchema } from '../../src/config/notifier-options.js';
import { deliver } from '../../src/notify/deliver.js';
import { enqueueAlerts } from '../../src/notify/enqueue.js';
import type { Notifier } from '../../src/notify/notifier.js';
import { slackNotifier } from '../../src/notify/slack.js';
import { teamsNotifier } from '../../src/notify/teams.js';
import { verifySignature, webhookNotifier } from '../../src/notify/webhook.js';
import { type Outbox, openSqliteOutbox } from '../../src/store/sqlite-outbox.js';
import { alert, finding, item, Receiver, recordingLogger, VirtualClock } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'cloudward-notify-http-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

const SECRET = 'a-webhook-secret-of-32-characters';
const EVIL = {
  name: '<!channel> <https://evil.example|click> & `x` <script>alert(1)</script>',
  description: 'Bucket <!here> is public **now** [x](https://evil.example) {{DATE(2017-02-14T06:00:00Z)}}',
};

let receiver: Receiver;
let url: string;
beforeEach(async () => {
  receiver = new Receiver();
  url = await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
});

const slack = (o: Record<string, unknown> = {}) =>
  slackNotifier('chat', notifierOptionsSchema.parse({ type: 'slack', webhook: url, ...o }) as never);
const teams = () => teamsNotifier('teams', notifierOptionsSchema.parse({ type: 'teams', url }) as never);
const webhook = (o: Record<string, unknown> = {}, now?: () => Date) =>
  webhookNotifier(
    'siem',
    notifierOptionsSchema.parse({ type: 'webhook', url, secret: SECRET, ...o }) as never,
    now,
  );

describe('slack notifier', () => {
  it('posts Block Kit JSON with a fallback text, escaping mrkdwn control characters', async () => {
    await slack().send(alert([item({ name: EVIL.name, description: EVIL.description })]));
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.headers['content-type']).toBe('application/json');
    const body = receiver.json(0) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toContain('New finding [HIGH] S3 bucket blocks public access');
    expect(body.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    const all = r.body;
    // no raw < or > from attacker text survives: no mention, no link, no tag
    expect(all).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&amp;');
    expect(JSON.stringify(body.blocks[1])).toContain('&lt;!here&gt;');
  });

  it('a digest lists the items, most severe first, and says how many were left out', async () => {
    const items = Array.from({ length: 25 }, (_, i) =>
      item({ finding_id: `${i}`.padStart(32, '0'), name: `b-${i}`, severity: i === 24 ? 'critical' : 'low' }),
    );
    await slack().send(alert(items));
    const body = receiver.json(0) as { blocks: { type: string; text?: { text: string } }[] };
    expect(body.blocks[0]?.text?.text).toBe('25 alerts from nightly (24 low, 1 critical)');
    expect(body.blocks[1]?.text?.text).toContain('[CRITICAL]');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(body)).toContain('and 5 more');
  });

  it('a 4xx answer is refused for good, without the webhook URL in the message', async () => {
    receiver.answer({ status: 404, body: 'no_service' });
    const err = await slack()
      .send(alert([item()]))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DeliveryError', retryable: false });
    expect((err as Error).message).toContain('HTTP 404 "no_service"');
    expect((err as Error).message).not.toContain('s3cr3t-path');
  });

  it('a redirect is not followed', async () => {
    receiver.answer({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    await expect(slack().send(alert([item()]))).rejects.toMatchObject({ retryable: false });
    expect(receiver.received).toHaveLength(1);
  });

  it('a receiver that never answers times out as a retryable failure', async () => {
    receiver.onRequest = () => false;
    const err = await slack({ timeout_seconds: 0.2 })
      .send(alert([item()]))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true });
    expect((err as Error).message).toContain('no answer within 0.2s');
  });

  it('a connection refused is a retryable network error', async () => {
    await receiver.stop();
    await expect(slack().send(alert([item()]))).rejects.toMatchObject({ retryable: true });
    receiver = new Receiver();
    await receiver.start();
  });
});

describe('teams notifier', () => {
  it('posts a message with one Adaptive Card attachment; attacker text only in text runs', async () => {
    receiver.fallback = { status: 202 };
    await teams().send(alert([item({ name: EVIL.name, description: EVIL.description })]));
    const body = receiver.json(0) as {
      type: string;
      attachments: { contentType: string; content: { type: string; version: string; body: unknown[] } }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    // no TextBlock (which renders Markdown) anywhere: every text is a RichTextBlock text run
    const text = JSON.stringify(card.content.body);
    expect(text).not.toContain('"TextBlock"');
    expect(text).toContain('RichTextBlock');
    expect(text).not.toContain('{{DATE');
    expect(text).toContain('{\\u200b{DATE'.replace('\\u200b', '\u200b'));
  });

  it('a digest card has one container per item', async () => {
    receiver.fallback = { status: 202 };
    await teams().send(alert([item(), item({ finding_id: '1'.repeat(32), severity: 'low' })]));
    const card = (receiver.json(0) as { attachments: { content: { body: { type: string }[] } }[] })
      .attachments[0]!.content;
    expect(card.body.filter((b) => b.type === 'Container')).toHaveLength(2);
  });
});

describe('webhook notifier', () => {
  it('signs the body with HMAC-SHA256 and sends the delivery id and timestamp', async () => {
    const clock = new VirtualClock();
    const a = alert([item()]);
    await webhook({}, clock.now).send(a);
    const r = receiver.received[0]!;
    expect(r.headers['x-cloudward-delivery']).toBe(a.id);
    expect(r.headers['x-cloudward-timestamp']).toBe(String(clock.now().getTime() / 1000));
    expect(r.headers['x-cloudward-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, r.body, r.headers['x-cloudward-signature'] as string)).toBe(true);
    expect(
      verifySignature('another-secret-of-some-length', r.body, r.headers['x-cloudward-signature'] as string),
    ).toBe(false);
    expect(verifySignature(SECRET, `${r.body} `, r.headers['x-cloudward-signature'] as string)).toBe(false);
    const body = receiver.json(0);
    expect(body).toMatchObject({
      delivery_id: a.id,
      timestamp: clock.now().getTime() / 1000,
      source: 'nightly',
      digest: false,
      items: [{ finding_id: 'f'.repeat(32), event: 'new', severity: 'high' }],
    });
  });

  it('without a secret, sends no signature; extra headers are added', async () => {
    await webhook({ secret: undefined, headers: { Authorization: 'Bearer t0ken' } }).send(alert([item()]));
    const r = receiver.received[0]!;
    expect(r.headers['x-cloudward-signature']).toBeUndefined();
    expect(r.headers.authorization).toBe('Bearer t0ken');
  });
});

describe('baseline messages', () => {
  const baselineAlert = () =>
    alert(
      [
        item({ severity: 'critical', name: EVIL.name, finding_id: '1'.repeat(32) }),
        ...Array.from({ length: 9 }, (_, i) =>
          item({ finding_id: `${i}`.padStart(32, '0'), name: `b-${i}` }),
        ),
      ],
      {
        digest: true,
        baseline: {
          total: 132,
          by_severity: { critical: 3, high: 40, medium: 89, low: 0, info: 0 },
          see_all: 'cloudward findings list --audit nightly',
        },
      },
    );

  it('slack: the counts in the header, the most severe findings escaped, and the command to see all', async () => {
    await slack().send(baselineAlert());
    const body = receiver.json(0) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toBe('Baseline of nightly: 132 findings (3 critical, 40 high, 89 medium)');
    expect(body.blocks[0]?.text?.text).toBe(body.text);
    const all = JSON.stringify(body.blocks);
    expect(all).toContain('`cloudward findings list --audit nightly`');
    expect(all).toContain('*The 10 most severe*');
    expect(all).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(body.blocks.filter((b) => b.text?.text.includes('[CRITICAL]'))).toHaveLength(1);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });

  it('teams: a card with the summary, the findings and the command in monospace', async () => {
    await teams().send(baselineAlert());
    const text = receiver.received[0]?.body ?? '';
    expect(text).toContain('Baseline of nightly: 132 findings (3 critical, 40 high, 89 medium)');
    expect(text).toMatch(/"text":"cloudward findings list --audit nightly","fontType":"Monospace"/);
  });

  it('webhook: the baseline object beside the items, signed as sent', async () => {
    await webhook().send(baselineAlert());
    const r = receiver.received[0]!;
    expect(verifySignature(SECRET, r.body, r.headers['x-cloudward-signature'] as string)).toBe(true);
    expect(receiver.json(0)).toMatchObject({
      digest: true,
      summary: 'Baseline of nightly: 132 findings (3 critical, 40 high, 89 medium)',
      baseline: { total: 132, see_all: 'cloudward findings list --audit nightly' },
    });
    expect((receiver.json(0).items as unknown[]).length).toBe(10);
  });
});

describe('delivery through the outbox to HTTP receivers', () => {
  let outbox: Outbox;
  beforeEach(async () => {
    outbox = await openSqliteOutbox(join(root, `d${seq++}.db`));
  });
  afterEach(async () => {
    await outbox.close();
  });

  const enqueue = async (name: string, clock: VirtualClock, extra: Record<string, unknown> = {}) => {
    const options = notifierOptionsSchema.parse({ type: 'webhook', url, secret: SECRET, ...extra });
    await enqueueAlerts([finding()], {
      source: 'nightly',
      notify: [name],
      notifiers: { [name]: options },
      outbox,
      logger: recordingLogger(),
      now: clock.now(),
    });
    return options;
  };

  it('retries on 500 with growing backoff, then delivers exactly once with the same delivery id', async () => {
    const clock = new VirtualClock();
    await enqueue('siem', clock);
    receiver.answer({ status: 500 }, { status: 502 }, { status: 503 });
    const logger = recordingLogger();
    const report = await deliver(outbox, new Map([['siem', webhook({}, clock.now)]]), {
      logger,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1,
      maxWaitMs: 3_600_000,
    });
    expect(receiver.received.map((r) => r.headers['x-cloudward-delivery'])).toEqual(
      Array(4).fill(receiver.received[0]?.headers['x-cloudward-delivery']),
    );
    expect(report).toMatchObject({ delivered: 1, retried: 3, failed: 0, pending: 0 });
    // backoff: 2s, 4s, 8s with random() = 1
    expect(clock.sleeps).toEqual([2000, 4000, 8000]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
    expect(JSON.stringify(logger.lines)).not.toContain('s3cr3t-path');
  });

  it('on 429 waits at least the Retry-After the receiver asked for', async () => {
    const clock = new VirtualClock();
    await enqueue('siem', clock);
    receiver.answer({ status: 429, headers: { 'retry-after': '120' } });
    const report = await deliver(outbox, new Map([['siem', webhook({}, clock.now)]]), {
      logger: recordingLogger(),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0,
      maxWaitMs: 3_600_000,
    });
    expect(receiver.received).toHaveLength(2);
    expect(clock.sleeps).toEqual([120_000]);
    expect(report.delivered).toBe(1);
  });

  it('gives up after max_attempts: failed, logged, reported; never sent again', async () => {
    const clock = new VirtualClock();
    await enqueue('siem', clock, { max_attempts: 3 });
    receiver.fallback = { status: 500, body: 'down' };
    const logger = recordingLogger();
    const notifiers = new Map([['siem', webhook({}, clock.now)]]);
    const opts = { logger, now: clock.now, sleep: clock.sleep, maxWaitMs: 24 * 3_600_000 };
    const report = await deliver(outbox, notifiers, opts);
    expect(receiver.received).toHaveLength(3);
    expect(report).toMatchObject({ delivered: 0, retried: 2, failed: 1, pending: 0 });
    expect(report.by_notifier.siem?.last_error).toContain('HTTP 500 "down"');
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(/to siem failed after 3 attempt\(s\), not retried: .*HTTP 500/);
    expect((await outbox.stats()).by_notifier.siem).toMatchObject({ failed: 1, pending: 0 });
    await deliver(outbox, notifiers, opts);
    expect(receiver.received).toHaveLength(3);
  });

  it('with maxWaitMs 0 makes one pass and leaves the retry in the outbox for the next run', async () => {
    const clock = new VirtualClock();
    await enqueue('siem', clock);
    receiver.answer({ status: 503 });
    const notifiers = new Map([['siem', webhook({}, clock.now)]]);
    const first = await deliver(outbox, notifiers, {
      logger: recordingLogger(),
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(first).toMatchObject({ delivered: 0, retried: 1, pending: 1 });
    expect(clock.sleeps).toEqual([]);
    clock.advance(60_000);
    const second = await deliver(outbox, notifiers, { logger: recordingLogger(), now: clock.now });
    expect(second).toMatchObject({ delivered: 1, pending: 0 });
    expect(receiver.received).toHaveLength(2);
  });
});

describe('a failing notifier does not stop the others', () => {
  it('delivers to the healthy receivers while one keeps failing or throws', async () => {
    const down = new Receiver();
    const downUrl = await down.start();
    down.fallback = { status: 500 };
    const outbox = await openSqliteOutbox(join(root, `f${seq++}.db`));
    const clock = new VirtualClock();
    const notifiers: Record<string, ReturnType<typeof notifierOptionsSchema.parse>> = {
      good: notifierOptionsSchema.parse({ type: 'webhook', url, secret: SECRET }),
      bad: notifierOptionsSchema.parse({ type: 'webhook', url: downUrl, max_attempts: 2 }),
      broken: notifierOptionsSchema.parse({ type: 'slack', webhook: url }),
    };
    const findings = [finding(), finding({ reference: 'arn:aws:s3:::other', name: 'other' })];
    await enqueueAlerts(findings, {
      source: 'nightly',
      notify: ['bad', 'broken', 'good'],
      notifiers,
      outbox,
      logger: recordingLogger(),
      now: clock.now(),
    });
    const throwing: Notifier = {
      name: 'broken',
      type: 'slack',
      send: async () => {
        throw new TypeError('a bug in a notifier');
      },
    };
    const report = await deliver(
      outbox,
      new Map<string, Notifier>([
        ['bad', webhookNotifier('bad', notifiers.bad as never)],
        ['broken', throwing],
        ['good', webhookNotifier('good', notifiers.good as never)],
      ]),
      {
        logger: recordingLogger(),
        now: clock.now,
        sleep: clock.sleep,
        maxWaitMs: 3_600_000,
        leaseMs: 60_000,
      },
    );
    expect(report.by_notifier.good).toMatchObject({ delivered: 2, failed: 0 });
    expect(report.by_notifier.bad).toMatchObject({ delivered: 0, failed: 2 });
    expect(report.by_notifier.broken).toMatchObject({ delivered: 0, failed: 2 });
    expect(report.by_notifier.broken?.last_error).toContain('a bug in a notifier');
    expect(receiver.received).toHaveLength(2);
    await outbox.close();
    await down.stop();
  });
});

import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifierOptionsSchema, type SnsOptions } from '../../src/config/notifier-options.js';
import { snsNotifier, snsPublishInput, snsSubject } from '../../src/notify/sns.js';
import { alert, item, Receiver } from './helpers.js';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:cloudward-alerts';
const opts = (o: Record<string, unknown> = {}) =>
  notifierOptionsSchema.parse({ type: 'sns', topic_arn: TOPIC, ...o }) as SnsOptions;

const sns = mockClient(SNSClient);
afterEach(() => {
  sns.reset();
  vi.unstubAllEnvs();
});

describe('sns notifier', () => {
  it('publishes a JSON-structured message: the webhook body by default, text for email', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const a = alert([item({ severity: 'critical' })]);
    await snsNotifier('topic', opts(), new SNSClient({ region: 'eu-west-1' })).send(a);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toMatchObject({
      TopicArn: TOPIC,
      MessageStructure: 'json',
      Subject: 'Cloudward: New finding [CRITICAL] S3 bucket blocks public access: data-bucket',
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: 'critical' },
        delivery_id: { DataType: 'String', StringValue: a.id },
      },
    });
    const message = JSON.parse(input.Message as string) as { default: string; email: string };
    expect(JSON.parse(message.default)).toMatchObject({
      delivery_id: a.id,
      items: [{ severity: 'critical' }],
    });
    expect(message.email).toContain('Fix: Turn on S3 Block Public Access.');
    expect(input.MessageGroupId).toBeUndefined();
  });

  it('a FIFO topic gets a group and the delivery id as deduplication id', () => {
    const a = alert([item()]);
    const input = snsPublishInput(a, `${TOPIC}.fifo`);
    expect(input).toMatchObject({ MessageGroupId: 'nightly', MessageDeduplicationId: a.id });
  });

  it('subjects are printable ASCII, one line, at most 100 characters', () => {
    const s = snsSubject(`Cloudward: ${'é\n'.repeat(80)}`);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s).toMatch(/^[\x20-\x7e]+$/);
  });

  it('a large digest is cut to fit 256 KiB, saying how many items were left out', () => {
    const items = Array.from({ length: 600 }, (_, i) =>
      item({ finding_id: `${i}`.padStart(32, '0'), description: 'x'.repeat(900) }),
    );
    const input = snsPublishInput(alert(items), TOPIC);
    expect(Buffer.byteLength(input.Message as string)).toBeLessThanOrEqual(256 * 1024);
    const body = JSON.parse((JSON.parse(input.Message as string) as { default: string }).default) as {
      items: unknown[];
      omitted_items: number;
    };
    expect(body.items.length + body.omitted_items).toBe(600);
    expect(body.omitted_items).toBeGreaterThan(0);
  });

  it('a client fault (topic not found) is not retried; throttling and server faults are', async () => {
    const client = new SNSClient({ region: 'eu-west-1', maxAttempts: 1 });
    const fault = (name: string, $fault: 'client' | 'server', status: number) =>
      new SNSServiceException({ name, $fault, $metadata: { httpStatusCode: status }, message: name });
    sns.on(PublishCommand).rejectsOnce(fault('NotFoundException', 'client', 404));
    await expect(snsNotifier('t', opts(), client).send(alert([item()]))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('NotFoundException'),
    });
    sns.reset();
    sns.on(PublishCommand).rejectsOnce(fault('ThrottledException', 'client', 429));
    await expect(snsNotifier('t', opts(), client).send(alert([item()]))).rejects.toMatchObject({
      retryable: true,
    });
    sns.reset();
    sns.on(PublishCommand).rejectsOnce(fault('InternalErrorException', 'server', 500));
    await expect(snsNotifier('t', opts(), client).send(alert([item()]))).rejects.toMatchObject({
      retryable: true,
    });
  });

  it('rejects an option that is not a topic ARN', () => {
    const r = notifierOptionsSchema.safeParse({ type: 'sns', topic_arn: 'cloudward-alerts' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['topic_arn']);
  });
});

describe('sns notifier with AWS_ENDPOINT_URL', () => {
  it('sends the Publish call to the endpoint the environment names', async () => {
    sns.restore();
    const receiver = new Receiver();
    const url = await receiver.start();
    receiver.fallback = {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
        '<MessageId>local-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>' +
        '</ResponseMetadata></PublishResponse>',
    };
    vi.stubEnv('AWS_ENDPOINT_URL', new URL(url).origin);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDLOCALTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret');
    vi.stubEnv('AWS_PROFILE', '');
    try {
      const n = snsNotifier('topic', opts());
      await n.send(alert([item()]));
      await n.close?.();
      expect(receiver.received).toHaveLength(1);
      const form = new URLSearchParams(receiver.received[0]!.body);
      expect(form.get('Action')).toBe('Publish');
      expect(form.get('TopicArn')).toBe(TOPIC);
      expect(form.get('MessageStructure')).toBe('json');
      expect(receiver.received[0]!.headers.authorization).toContain('/eu-west-1/sns/aws4_request');
    } finally {
      await receiver.stop();
      sns.restore();
    }
  });
});

import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { fromIni } from '@aws-sdk/credential-providers';
import { type SnsOptions, topicRegion } from '../config/notifier-options.js';
import type { Alert } from './alert.js';
import { alertSummary, clip } from './alert.js';
import { emailContent } from './email.js';
import { type DeliveryError, deliveryError, messageOf, type Notifier } from './notifier.js';
import { webhookBody } from './webhook.js';

/** SNS refuses messages over 256 KiB. */
const MAX_BYTES = 256 * 1024 - 2048;

/** SNS subjects are printable ASCII, one line, at most 100 characters. */
export function snsSubject(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').trim();
  return clip(ascii, 100).replace(/…$/, '.') || 'Cloudward alert';
}

/**
 * The Publish input: MessageStructure json, so email subscriptions get readable text and
 * every other protocol (SQS, Lambda, HTTPS) gets the same JSON body as the webhook notifier.
 */
export function snsPublishInput(alert: Alert, topicArn: string, now = new Date()): PublishCommandInput {
  let items = alert.items;
  let message = '';
  for (;;) {
    const body = { ...webhookBody({ ...alert, items }, Math.floor(now.getTime() / 1000)) };
    const omitted = alert.items.length - items.length;
    const json = JSON.stringify(omitted > 0 ? { ...body, omitted_items: omitted } : body);
    const text = emailContent({ ...alert, items }, '').text;
    message = JSON.stringify({ default: json, email: text });
    if (Buffer.byteLength(message) <= MAX_BYTES || items.length <= 1) break;
    items = items.slice(0, Math.ceil(items.length / 2));
  }
  const top = alert.items.reduce(
    (best, i) => (order(i.severity) < order(best) ? i.severity : best),
    alert.items[0]?.severity ?? 'info',
  );
  return {
    TopicArn: topicArn,
    Subject: snsSubject(`Cloudward: ${alertSummary(alert)}`),
    MessageStructure: 'json',
    Message: message,
    MessageAttributes: {
      severity: { DataType: 'String', StringValue: top },
      source: { DataType: 'String', StringValue: alert.source || '-' },
      delivery_id: { DataType: 'String', StringValue: alert.id },
    },
    ...(topicArn.endsWith('.fifo')
      ? { MessageGroupId: clip(alert.source || 'cloudward', 128), MessageDeduplicationId: alert.id }
      : {}),
  };
}

function order(s: string): number {
  return ['critical', 'high', 'medium', 'low', 'info'].indexOf(s);
}

interface AwsError {
  name?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

function classify(err: unknown, name: string): DeliveryError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as AwsError;
  const reason = `${e.name ? `${e.name}: ` : ''}${messageOf(err)}`;
  const throttled = /thrott|limitexceeded/i.test(e.name ?? '');
  const clientFault = e.$fault === 'client' && e.$metadata?.httpStatusCode !== undefined && !throttled;
  return deliveryError(`sns notifier ${name}`, reason, !clientFault);
}

/**
 * Publishes to an SNS topic through the SDK, so its retries, credential chain and endpoint
 * settings (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SNS) apply.
 */
export function snsNotifier(name: string, o: SnsOptions, client?: SNSClient): Notifier {
  const sns =
    client ??
    new SNSClient({
      region: o.region ?? topicRegion(o.topic_arn),
      ...(o.profile ? { credentials: fromIni({ profile: o.profile }) } : {}),
      requestHandler: { requestTimeout: o.timeout_seconds * 1000 },
    });
  return {
    name,
    type: 'sns',
    async send(alert) {
      try {
        await sns.send(new PublishCommand(snsPublishInput(alert, o.topic_arn)));
      } catch (err) {
        throw classify(err, name);
      }
    },
    async close() {
      if (!client) sns.destroy();
    },
  };
}

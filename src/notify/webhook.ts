import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookOptions } from '../config/notifier-options.js';
import { type Alert, alertSummary } from './alert.js';
import { type Notifier, postJson } from './notifier.js';

export const DELIVERY_HEADER = 'X-Cloudward-Delivery';
export const TIMESTAMP_HEADER = 'X-Cloudward-Timestamp';
export const SIGNATURE_HEADER = 'X-Cloudward-Signature';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>` */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute the HMAC over the raw body and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header.trim());
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export interface WebhookBody {
  /** the same on every retry: receivers drop a delivery id they have already processed */
  delivery_id: string;
  /** unix seconds when this attempt was sent; equal to the X-Cloudward-Timestamp header */
  timestamp: number;
  notifier: string;
  source: string;
  created_at: string;
  digest: boolean;
  period?: Alert['period'];
  /** the first scan of an audit: counts of what it found; items are the most severe */
  baseline?: Alert['baseline'];
  /** an incident: items are its timeline (one per rule alert), in event order */
  incident?: Alert['incident'];
  summary: string;
  items: Alert['items'];
}

export function webhookBody(alert: Alert, timestamp: number): WebhookBody {
  return {
    delivery_id: alert.id,
    timestamp,
    notifier: alert.notifier,
    source: alert.source,
    created_at: alert.created_at,
    digest: alert.digest,
    ...(alert.period ? { period: alert.period } : {}),
    ...(alert.baseline ? { baseline: alert.baseline } : {}),
    ...(alert.incident ? { incident: alert.incident } : {}),
    summary: alertSummary(alert),
    items: alert.items,
  };
}

/**
 * A generic JSON webhook. The body is signed as sent, and carries its timestamp, so a
 * receiver that checks the signature and the timestamp's age rejects forged and replayed calls.
 */
export function webhookNotifier(
  name: string,
  o: WebhookOptions,
  now: () => Date = () => new Date(),
): Notifier {
  return {
    name,
    type: 'webhook',
    send: (alert) => {
      const ts = Math.floor(now().getTime() / 1000);
      const body = JSON.stringify(webhookBody(alert, ts));
      const headers: Record<string, string> = {
        ...o.headers,
        [DELIVERY_HEADER]: alert.id,
        [TIMESTAMP_HEADER]: String(ts),
      };
      if (o.secret) headers[SIGNATURE_HEADER] = signBody(o.secret, body);
      return postJson({
        url: o.url,
        body,
        headers,
        timeoutMs: o.timeout_seconds * 1000,
        secrets: [o.url, o.secret, ...Object.values(o.headers ?? {})],
        what: `webhook notifier ${name}`,
      });
    },
  };
}

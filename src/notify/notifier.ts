import type { Alert } from './alert.js';

/** A channel alerts are sent to. send() resolves once the receiver has accepted the alert. */
export interface Notifier {
  readonly name: string;
  readonly type: string;
  send(alert: Alert): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Why a send failed. `retryable` failures (network errors, timeouts, 5xx, 429) are tried
 * again later; others (a 4xx answer, a refused recipient) would fail the same way again.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** the receiver asked to wait this long (Retry-After) */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/** Removes secrets (webhook URLs, their paths, passwords) from an error message before it is logged or stored. */
export function scrub(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join('[redacted]');
    try {
      const u = new URL(s);
      if (u.pathname.length > 1) out = out.split(u.pathname).join('[redacted]');
      if (u.search.length > 1) out = out.split(u.search).join('[redacted]');
    } catch {
      // not a URL
    }
  }
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface PostOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** what to remove from error messages */
  secrets: readonly (string | undefined)[];
  /** the receiver's name in messages */
  what: string;
}

/**
 * POSTs JSON. Redirects are refused (a webhook that redirects is misconfigured, and
 * following it would send the alert somewhere not configured). Resolves on 2xx.
 */
export async function postJson(o: PostOptions): Promise<void> {
  let res: Response;
  try {
    res = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'cloudward', ...o.headers },
      body: o.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (err) {
    const why =
      err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        ? `no answer within ${o.timeoutMs / 1000}s`
        : messageOf(err);
    throw new DeliveryError(`${o.what}: ${scrub(why, o.secrets)}`, true);
  }
  const text = await res.text().catch(() => '');
  if (res.status >= 200 && res.status < 300) return;
  const detail = scrub(text.trim().slice(0, 200), o.secrets);
  const msg = `${o.what}: HTTP ${res.status}${detail ? ` ${JSON.stringify(detail)}` : ''}`;
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    throw new DeliveryError(msg, true, parseRetryAfter(res.headers.get('retry-after')));
  }
  if (res.status >= 300 && res.status < 400) {
    throw new DeliveryError(`${msg}: the receiver redirects, which is not followed`, false);
  }
  throw new DeliveryError(msg, false);
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
  /** what went wrong, without the notifier's name: "receiver unreachable (connect ECONNREFUSED ...)" */
  readonly reason: string;

  constructor(
    message: string,
    readonly retryable: boolean,
    /** the receiver asked to wait this long (Retry-After) */
    readonly retryAfterMs?: number,
    options: { reason?: string } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.reason = options.reason ?? message;
  }
}

/** A DeliveryError whose message is `<what>: <reason>`. */
export function deliveryError(
  what: string,
  reason: string,
  retryable: boolean,
  retryAfterMs?: number,
): DeliveryError {
  return new DeliveryError(`${what}: ${reason}`, retryable, retryAfterMs, { reason });
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

interface Answer {
  status: number;
  retryAfter: string | null;
  /** the first bytes of the body, for messages */
  text: string;
}

/** Most bytes of an answer's body that are read (it only ever goes into an error message). */
const ANSWER_BYTES = 4096;

/**
 * One POST over node:http(s), on a connection of its own. The timeout covers everything from
 * the connection to the end of the answer, and when it fires the socket is destroyed whatever
 * state it is in: a receiver whose address drops packets (no answer to the connection attempt)
 * holds nothing after the timeout. (fetch keeps such a connection attempt, and the process,
 * alive until its own 10 s connect timeout.)
 */
function post(o: PostOptions): Promise<Answer> {
  const url = new URL(o.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(o.body, 'utf8');
  return new Promise<Answer>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'cloudward',
        ...o.headers,
        'content-length': String(body.length),
      },
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < ANSWER_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on('error', reject);
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          text: Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8'),
        });
      });
    });
    req.end(body);
  });
}

/** Why a request got no answer, in words: the socket error's own text ("connect ECONNREFUSED ..."). */
function unreachable(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000}s`;
  return `receiver unreachable (${messageOf(err)})`;
}

/**
 * POSTs JSON. Redirects are refused (a webhook that redirects is misconfigured, and
 * following it would send the alert somewhere not configured). Resolves on 2xx.
 */
export async function postJson(o: PostOptions): Promise<void> {
  let res: Answer;
  try {
    res = await post(o);
  } catch (err) {
    throw deliveryError(o.what, scrub(unreachable(err, o.timeoutMs), o.secrets), true);
  }
  if (res.status >= 200 && res.status < 300) return;
  const detail = scrub(res.text.trim().slice(0, 200), o.secrets);
  const answer = `HTTP ${res.status}${detail ? ` ${JSON.stringify(detail)}` : ''}`;
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    throw deliveryError(o.what, answer, true, parseRetryAfter(res.retryAfter));
  }
  if (res.status >= 300 && res.status < 400) {
    throw deliveryError(o.what, `${answer}: the receiver redirects, which is not followed`, false);
  }
  throw deliveryError(o.what, answer, false);
}

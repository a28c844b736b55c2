import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import type { HttpHandler } from '../../../src/providers/aws/clients.js';
import { AccountClients, CallStats } from '../../../src/providers/aws/clients.js';
import type { CollectContext } from '../../../src/providers/aws/collector.js';
import { type Clock, RateLimiter } from '../../../src/providers/aws/limiter.js';

/** Fake, non-secret credentials: no test ever reaches AWS. */
export const fakeCredentials = async () => ({
  accessKeyId: 'AKIDFAKEFORTESTS',
  secretAccessKey: 'not-a-secret',
});

/** A clock whose sleep advances virtual time at once: limiter tests count, they do not time. */
export class VirtualClock implements Clock {
  time = 0;
  sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

export interface Reply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

/** An HTTP handler answering from a function, recording every request: the whole SDK stack runs, no network. */
export class FakeHttp implements HttpHandler {
  requests: HttpRequest[] = [];
  constructor(private readonly reply: (req: HttpRequest, n: number) => Reply) {}
  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.requests.push(request);
    const r = this.reply(request, this.requests.length);
    return {
      response: {
        statusCode: r.status ?? 200,
        headers: { 'content-type': 'text/xml', ...(r.headers ?? {}) },
        body: Readable.from([Buffer.from(r.body)]),
      },
    };
  }
  /** Action of a query-protocol request (EC2, STS, IAM...): from the form body. */
  static queryAction(req: HttpRequest): string | undefined {
    const body = typeof req.body === 'string' ? req.body : '';
    return new URLSearchParams(body).get('Action') ?? undefined;
  }
}

export function settings(
  overrides: { http?: HttpHandler; maxAttempts?: number; env?: NodeJS.ProcessEnv } = {},
) {
  const stats = new CallStats();
  const limiter = new RateLimiter({ maxConcurrency: 8, ratePerSecond: () => 1000 });
  return {
    stats,
    limiter,
    clients: (account = '111122223333') =>
      new AccountClients(account, fakeCredentials, {
        limiter,
        stats,
        maxAttempts: overrides.maxAttempts ?? 1,
        requestTimeoutMs: 5000,
        ...(overrides.http ? { requestHandler: overrides.http } : {}),
        ...(overrides.env ? { env: overrides.env } : {}),
      }),
  };
}

/** A collector context over real clients (mocked with aws-sdk-client-mock in the tests). */
export function context(region = 'eu-west-1', clientRegion = region === 'global' ? 'us-east-1' : region) {
  const clients = settings().clients();
  const memo = new Map<string, Promise<unknown>>();
  const ctx: CollectContext = {
    account: '111122223333',
    partition: 'aws',
    region,
    clientRegion,
    itemConcurrency: 4,
    memo: <T>(key: string, load: () => Promise<T>) => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = load();
        memo.set(key, p);
      }
      return p;
    },
    client: (ctor, service, r) => clients.get(ctor, service, r ?? clientRegion),
  };
  return ctx;
}

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 403 } });
}

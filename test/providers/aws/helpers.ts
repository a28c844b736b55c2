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
  const limiter = new RateLimiter({ maxConcurrency: 8, pacing: () => ({ rate: 1000, burst: 2000 }) });
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

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An error answer as the service sends it, in the service's protocol (the SDK client's
 * `config.protocol`): the shapes AWS documents for each, with the code and message given.
 */
export function wireError(protocol: string, code: string, message: string, status = 400): Reply {
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  switch (protocol) {
    case 'AwsQueryProtocol':
      return {
        status,
        body: `<ErrorResponse><Error><Type>${fault}</Type><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
      };
    case 'AwsEc2QueryProtocol':
      return {
        status,
        body: `<Response><Errors><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error></Errors><RequestID>req-1</RequestID></Response>`,
      };
    case 'S3RestXmlProtocol':
      // S3 alone sends its errors unwrapped
      return {
        status,
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>`,
        headers: { 'content-type': 'application/xml' },
      };
    case 'AwsRestXmlProtocol':
      return {
        status,
        body: `<ErrorResponse><Error><Type>${fault}</Type><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
        headers: { 'content-type': 'application/xml' },
      };
    case 'AwsJson1_0Protocol':
    case 'AwsJson1_1Protocol':
      return {
        status,
        body: JSON.stringify({ __type: code, message }),
        headers: {
          'content-type': `application/x-amz-json-${protocol === 'AwsJson1_0Protocol' ? '1.0' : '1.1'}`,
        },
      };
    case 'AwsRestJsonProtocol':
      return {
        status,
        body: JSON.stringify({ message }),
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
      };
    default:
      throw new Error(`wireError: no error shape for the ${protocol} protocol`);
  }
}

interface AnyClient {
  middlewareStack: unknown;
  destroy(): void;
  config: { protocol?: unknown };
}

/** An SDK command: resolves its middleware over a client's stack (what `client.send` does). */
interface AnyCommand {
  resolveMiddleware(stack: never, config: never, options: undefined): (command: never) => Promise<unknown>;
}

/** The name of a client's wire protocol class (AwsQueryProtocol, S3RestXmlProtocol, ...). */
export function protocolOf(client: { config: { protocol?: unknown } }): string {
  const p = client.config.protocol;
  return typeof p === 'object' && p !== null ? p.constructor.name : 'unknown';
}

/**
 * The error the SDK itself raises when AWS answers `code`: the answer goes through the client's
 * own deserialiser, so the result is what a scan sees (NoSuchEntityException with Code
 * NoSuchEntity, S3's unmodelled NoSuchBucketPolicy as an S3ServiceException), never a shape
 * made up by hand that could drift from the SDK.
 */
export async function sdkError(
  Client: new (config: never) => AnyClient,
  command: AnyCommand,
  code: string,
  message: string,
  status = 400,
): Promise<Error> {
  let protocol = 'unknown';
  const http = new FakeHttp(() => wireError(protocol, code, message, status));
  const config = { region: 'us-east-1', credentials: fakeCredentials, requestHandler: http, maxAttempts: 1 };
  const client = new Client(config as never);
  protocol = protocolOf(client);
  try {
    // client.send without `send`: aws-sdk-client-mock stubs send on the client classes of a test
    // file, and this error must come from the real stack
    const handler = command.resolveMiddleware(
      client.middlewareStack as never,
      client.config as never,
      undefined,
    );
    await handler(command as never);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    if (http.requests.length !== 1) throw new Error(`sdkError: the ${code} answer was never asked for`);
    return e;
  } finally {
    client.destroy();
  }
  throw new Error(`sdkError: the SDK accepted the ${code} answer`);
}

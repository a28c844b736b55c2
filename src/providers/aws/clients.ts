import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type {
  AwsCredentialIdentityProvider,
  FinalizeRequestMiddleware,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  MiddlewareStack,
  Pluggable,
  RequestHandler,
} from '@smithy/types';
import type { RateLimiter } from './limiter.js';
import { operationOf, readOnlyGuard } from './readonly-guard.js';

/** An HTTP handler in the SDK's sense (the SDK's own, or a fake one in tests and benchmarks). */
export type HttpHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;

/** What every SDK v3 client has that Cloudward uses. */
export interface SdkClient {
  middlewareStack: Pick<MiddlewareStack<object, object>, 'add'>;
  destroy(): void;
}

/** The options Cloudward passes to every client constructor. */
export interface CommonClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  retryMode: 'standard';
  maxAttempts: number;
  requestHandler:
    | HttpHandler
    | { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
  profile?: string;
  forcePathStyle?: boolean;
  followRegionRedirects?: boolean;
  disableHostPrefix?: boolean;
}

export type ClientCtor<C> = new (config: CommonClientConfig) => C;

/** API calls made, per `<service>:<Operation>`, counting every HTTP attempt (retries too). */
export class CallStats {
  private readonly counts = new Map<string, number>();

  count(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  byAction(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * True when an endpoint override is configured in the environment (`AWS_ENDPOINT_URL` or a
 * service-specific `AWS_ENDPOINT_URL_<SERVICE>`), which the SDK reads by itself. AWS-compatible
 * endpoints generally need S3 path-style addressing.
 */
export function endpointOverridden(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return false;
  return Object.entries(env).some(
    ([k, v]) => (k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_')) && !!v && v.trim() !== '',
  );
}

export interface ClientSettings {
  limiter: RateLimiter;
  stats: CallStats;
  maxAttempts: number;
  requestTimeoutMs: number;
  profile?: string;
  /** replaces the SDK's HTTP handler (tests, benchmarks) */
  requestHandler?: HttpHandler;
  env?: NodeJS.ProcessEnv;
}

/**
 * The clients of one account, one per (service, region), each with the read-only guard, call
 * counting and pacing by (account, region, service). Endpoints are never set here: the SDK
 * resolves them, so AWS_ENDPOINT_URL and its per-service variants keep working.
 */
export class AccountClients {
  private readonly cache = new Map<string, SdkClient>();

  constructor(
    readonly account: string,
    readonly credentials: AwsCredentialIdentityProvider,
    private readonly settings: ClientSettings,
  ) {}

  get<C extends SdkClient>(ctor: ClientCtor<C>, service: string, region: string): C {
    const key = `${ctor.name}/${region}`;
    const hit = this.cache.get(key);
    if (hit) return hit as C;
    const client = buildClient(ctor, region, this.credentials, this.settings);
    instrument(client, service, { account: this.account, region }, this.settings);
    this.cache.set(key, client);
    return client;
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}

/**
 * A bare SDK client as Cloudward configures every client (standard retries, timeouts, HTTP/1.1,
 * path-style S3 and no host prefix on a custom endpoint), without any middleware: the caller
 * adds its guard (the read-only guard for scans, see `instrument`).
 */
export function buildClient<C extends SdkClient>(
  ctor: ClientCtor<C>,
  region: string,
  credentials: AwsCredentialIdentityProvider,
  s: Omit<ClientSettings, 'limiter' | 'stats'>,
): C {
  const config: CommonClientConfig = {
    region,
    credentials,
    // standard retries (backoff with jitter); the pacing middleware adapts the rate itself, per
    // documented bucket, which the SDK's adaptive mode (one rate per client) cannot
    retryMode: 'standard',
    maxAttempts: s.maxAttempts,
    // the SDK only warns on a request timeout unless told to throw. HTTP/1.1 for every client:
    // Kinesis defaults to HTTP/2, which only its event streams need (never called here) and
    // which AWS-compatible endpoints often do not speak
    requestHandler:
      s.requestHandler ??
      // its HttpRequest type is @smithy/types' own; the clients take it at run time as is
      (new NodeHttpHandler({
        requestTimeout: s.requestTimeoutMs,
        connectionTimeout: Math.min(10_000, s.requestTimeoutMs),
        throwOnRequestTimeout: true,
      }) as unknown as HttpHandler),
    ...(s.profile ? { profile: s.profile } : {}),
  };
  const overridden = endpointOverridden(s.env);
  // an AWS-compatible endpoint has no <account-id>.host style names (S3 Control)
  if (overridden) config.disableHostPrefix = true;
  if ((ctor as unknown) === S3Client) {
    config.followRegionRedirects = true;
    if (overridden) config.forcePathStyle = true;
  }
  const client = new ctor(config);
  if (client instanceof S3ControlClient) accountOutOfHost(client);
  if (client instanceof S3Client) pathStyleOnCustomEndpoint(client);
  return client;
}

/**
 * S3 Control puts the account id in front of the host (`<account>.s3-control.<region>...`), and
 * does so with a custom endpoint too: `http://127.0.0.1:4566` would become the invalid
 * `http://123456789012.127.0.0.1:4566` (the SDK's `disableHostPrefix` does not apply: the
 * endpoint rules add it). With a custom endpoint, from whatever source the SDK read it, the
 * endpoint is used as given; the account id still goes in the `x-amz-account-id` header.
 */
function accountOutOfHost(client: S3ControlClient): void {
  const resolve = client.config.endpointProvider;
  client.config.endpointProvider = (params, context) =>
    resolve(params.Endpoint ? { ...params, RequiresAccountId: false } : params, context);
}

/**
 * S3 with a custom endpoint addresses buckets by path (`http://host:port/bucket`): an
 * AWS-compatible endpoint has no `<bucket>.host` names. The SDK already does so for an IP
 * address; this covers host names and endpoints set in a profile (`endpoint_url`) as well.
 */
function pathStyleOnCustomEndpoint(client: S3Client): void {
  const resolve = client.config.endpointProvider;
  client.config.endpointProvider = (params, context) =>
    resolve(params.Endpoint ? { ...params, ForcePathStyle: true } : params, context);
}

/** Add the read-only guard, and the per-attempt counting and pacing, to a client's stack. */
export function instrument(
  client: SdkClient,
  service: string,
  scope: { account: string; region: string },
  s: Pick<ClientSettings, 'limiter' | 'stats'>,
): void {
  const guard = readOnlyGuard(service);
  client.middlewareStack.add(guard.middleware, guard.options);
  pacingPlugin(service, scope, s).applyToStack(client.middlewareStack as MiddlewareStack<object, object>);
}

/**
 * The per-attempt counting and pacing by (account, region, service) as an SDK plugin, for clients
 * Cloudward does not build itself: the STS client of the SDK's assumed-role credential provider.
 */
export function pacingPlugin(
  service: string,
  scope: { account: string; region: string },
  s: Pick<ClientSettings, 'limiter' | 'stats'>,
): Pluggable<object, object> {
  // In finalizeRequest with low priority: inside the retry loop, so every attempt is paced,
  // counted and holds a concurrency slot only while it is on the wire, and the limiter sees
  // each attempt's answer (a throttled one slows its bucket down).
  const pace: FinalizeRequestMiddleware<object, object> = (next, context) => (args) => {
    const operation = operationOf(context.commandName);
    s.stats.count(`${service}:${operation}`);
    const key = { account: scope.account, region: scope.region, service, operation };
    return s.limiter.run(key, () => next(args));
  };
  return {
    applyToStack: (stack) =>
      stack.add(pace, { step: 'finalizeRequest', priority: 'low', name: 'cloudwardPace', override: true }),
  };
}

import { Agent } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import {
  agentPolicy,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  decompressResponsePolicy,
  type HttpClient,
  type Pipeline,
  type PipelineResponse,
  proxyPolicy,
  setClientRequestIdPolicy,
  userAgentPolicy,
} from '@azure/core-rest-pipeline';
import { BudgetExhausted, type SharedBudget } from '../aws/limiter.js';
import {
  API_NAMES,
  type ApiEndpoint,
  type AzureApi,
  type AzureEndpoints,
  keyVaultPathOf,
  keyVaultUrl,
  vaultOfHost,
} from './clouds.js';
import { cachingCredential, type TokenIdentity, tokenIdentity } from './credentials.js';
import {
  AzureConfigError,
  AzureCredentialError,
  AzureError,
  AzureFailedError,
  AzureReadOnlyViolation,
  errorForAnswer,
} from './errors.js';
import {
  type AzureRates,
  type CallerKey,
  type Clock,
  DEFAULT_AZURE_RATES,
  limitScopeFor,
  type RequestLimiter,
  systemClock,
  TokenBucketLimiter,
} from './limiter.js';
import { RESOURCE_GRAPH_PATH, readOnlyPolicy } from './readonly-policy.js';
import { checkRequestPath, encodeQuery, followableLink, type Query } from './urls.js';

export interface RequestOptions {
  signal?: AbortSignal;
  /** extra request headers (ConsistencyLevel for Graph advanced queries...); never Authorization */
  headers?: Record<string, string>;
}

export interface ListOptions extends RequestOptions {
  /** stop with an error after this many pages (a paging loop guard); default 10,000 */
  maxPages?: number;
}

/** One answer, as the transport saw it (for logs and metrics). */
export interface ResponseInfo {
  api: AzureApi;
  method: string;
  path: string;
  status: number | undefined;
  attempt: number;
  durationMs: number;
  scope: string;
  requestId?: string | undefined;
  /** the x-ms-ratelimit-remaining-* and Graph throttle headers of the answer */
  rateLimits: Record<string, string>;
}

export interface RateLimitReading {
  /** the header's last value */
  last: string;
  /** the lowest integer value seen */
  min?: number;
}

export interface TransportStats {
  /** logical calls: get, one list page, one Resource Graph page */
  calls: number;
  /** HTTP requests sent, retries included */
  attempts: number;
  retries: number;
  /** 429 answers (retried or not) */
  throttled: number;
  byStatus: Record<string, number>;
  /** per limit scope, per rate-limit header */
  rateLimits: Record<string, Record<string, RateLimitReading>>;
}

export interface AzureTransportOptions {
  endpoints: AzureEndpoints;
  credential: TokenCredential;
  /** a shared limiter (the collection kit's); default: a TokenBucketLimiter of this transport */
  limiter?: RequestLimiter;
  rates?: Partial<AzureRates>;
  /** requests in flight at once, for the default limiter */
  maxConcurrency?: number;
  /** a budget shared with other processes, for the default limiter (scale-out workers) */
  sharedBudget?: SharedBudget;
  /** allow Resource Graph query POSTs (`resource_graph: true`) */
  resourceGraph?: boolean;
  /** attempts per request, the first included */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** a Retry-After longer than this is not waited for: the read ends throttled */
  maxRetryAfterMs?: number;
  /** exponential backoff for 5xx and network errors without Retry-After */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  clock?: Clock;
  random?: () => number;
  /**
   * Certificate authorities to trust in-process (PEM). Without it Node's store is used, which
   * takes a private CA from NODE_EXTRA_CA_CERTS at startup.
   */
  ca?: string | Buffer | (string | Buffer)[];
  httpClient?: HttpClient;
  userAgent?: string;
  /** the tenant for limiter keys when the token does not say (an opaque token) */
  tenantId?: string;
  onResponse?: (info: ResponseInfo) => void;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'REQUEST_SEND_ERROR',
  'RequestTimeout',
]);
const TLS_CODES =
  /^(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
]);
const RATE_HEADER = /^(?:x-ms-ratelimit-remaining-|x-ms-throttle-|x-ms-resource-unit$|x-ms-user-quota-)/i;
const DEFAULT_MAX_PAGES = 10_000;

/** Retry-After in milliseconds: seconds or an HTTP date, or Azure's retry-after-ms variants. */
export function retryAfterMs(
  headers: { get(name: string): string | undefined },
  now: number,
): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(v) && v >= 0) return v;
  }
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A thin, read-only REST client for Azure Resource Manager and Microsoft Graph on the Azure
 * SDK's own HTTP pipeline (`@azure/core-rest-pipeline`): bearer tokens from `@azure/identity`,
 * proxy support from the environment, request ids, gzip. On top of it: the read-only policy,
 * the limiter (one token per attempt), retries honouring Retry-After, paging, typed errors and
 * the rate-limit headers Azure returns.
 */
export class AzureTransport {
  readonly endpoints: AzureEndpoints;
  private readonly credential: TokenCredential;
  private readonly pipelines: Record<AzureApi, Pipeline>;
  private readonly httpClient: HttpClient;
  private readonly limiter: RequestLimiter;
  private readonly ownLimiter: TokenBucketLimiter | undefined;
  private readonly rates: AzureRates;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly agent: Agent | undefined;
  private readonly opts: AzureTransportOptions;
  private readonly callers = new Map<AzureApi, Promise<CallerKey & TokenIdentity>>();
  private readonly counters: TransportStats = {
    calls: 0,
    attempts: 0,
    retries: 0,
    throttled: 0,
    byStatus: {},
    rateLimits: {},
  };

  constructor(opts: AzureTransportOptions) {
    this.opts = opts;
    this.endpoints = opts.endpoints;
    this.credential = cachingCredential(opts.credential);
    this.rates = { ...DEFAULT_AZURE_RATES, ...opts.rates };
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    if (opts.limiter) this.limiter = opts.limiter;
    else {
      this.ownLimiter = new TokenBucketLimiter({
        maxConcurrency: opts.maxConcurrency ?? 16,
        clock: this.clock,
        ...(opts.sharedBudget ? { shared: opts.sharedBudget } : {}),
      });
      this.limiter = this.ownLimiter;
    }
    this.httpClient = opts.httpClient ?? createDefaultHttpClient();
    this.agent = opts.ca ? new Agent({ keepAlive: true, ca: opts.ca }) : undefined;
    this.pipelines = {
      arm: this.buildPipeline(opts.endpoints.arm),
      graph: this.buildPipeline(opts.endpoints.graph),
      keyvault: this.buildPipeline(opts.endpoints.keyvault),
    };
  }

  private buildPipeline(endpoint: ApiEndpoint): Pipeline {
    const p = createEmptyPipeline();
    // first of all: nothing but reads to the configured endpoint, before a token is fetched
    p.addPolicy(readOnlyPolicy(endpoint, { resourceGraph: this.opts.resourceGraph === true }), {
      phase: 'Serialize',
    });
    p.addPolicy(userAgentPolicy({ userAgentPrefix: this.opts.userAgent ?? 'cloudward' }));
    p.addPolicy(setClientRequestIdPolicy());
    p.addPolicy(proxyPolicy());
    if (this.agent) p.addPolicy(agentPolicy(this.agent));
    p.addPolicy(decompressResponsePolicy());
    // the scope is the cloud's, whatever the endpoint base (see clouds.ts)
    p.addPolicy(bearerTokenAuthenticationPolicy({ credential: this.credential, scopes: endpoint.scope }), {
      phase: 'Sign',
    });
    return p;
  }

  private endpoint(api: AzureApi): ApiEndpoint {
    return this.endpoints[api];
  }

  /** Who the credential is for this API (object id, tenant), from its token. */
  caller(api: AzureApi): Promise<CallerKey & TokenIdentity> {
    let c = this.callers.get(api);
    if (!c) {
      c = this.credential
        .getToken(this.endpoint(api).scope)
        .then((token) => {
          if (!token) throw new Error('the credential returned no token');
          const id = tokenIdentity(token.token);
          return {
            ...id,
            principal: id.objectId ?? id.appId ?? 'principal',
            tenant: id.tenantId ?? this.opts.tenantId ?? 'tenant',
          };
        })
        .catch((e: unknown) => {
          this.callers.delete(api);
          throw this.credentialError(api, 'GET', '(token)', e);
        });
      this.callers.set(api, c);
    }
    return c;
  }

  private credentialError(api: AzureApi, method: string, path: string, e: unknown): AzureError {
    if (e instanceof AzureError) return e;
    const err = e as { name?: string; message?: string; errorResponse?: { error?: string } };
    const code = err.errorResponse?.error ?? (err.name ?? 'CredentialError').replace(/Error$/, '');
    return new AzureCredentialError({
      api,
      method,
      path,
      code,
      message: `no ${API_NAMES[api]} token for scope ${this.endpoint(api).scope}: ${err.message ?? String(e)}`,
      cause: e,
    });
  }

  /** The URL for a path and query below the API's base. */
  url(api: AzureApi, path: string, query: Query = {}): string {
    checkRequestPath(api, path);
    if (api !== 'graph' && !query['api-version']) {
      throw new AzureConfigError(
        `${api === 'arm' ? 'ARM' : 'Key Vault'} path '${path}': every ${API_NAMES[api]} call pins its api-version`,
      );
    }
    const qs = encodeQuery(query);
    const base =
      api === 'keyvault' ? keyVaultUrl(this.endpoint(api), path) : `${this.endpoint(api).base}${path}`;
    return `${base}${qs ? `?${qs}` : ''}`;
  }

  /**
   * The Key Vault path (`/{vault}{path}`) of a vault URI from Resource Manager
   * (properties.vaultUri, https://kvprod.vault.azure.net/): only a vault of the chosen cloud is
   * accepted, so a vault URI naming another host never receives the Key Vault token.
   */
  vaultPath(vaultUri: string, path: string): string {
    let url: URL;
    try {
      url = new URL(vaultUri);
    } catch {
      throw new AzureConfigError(`vault URI '${vaultUri}' is not a URL`);
    }
    const vault = vaultOfHost(url, this.endpoints.keyvault);
    if (!vault)
      throw new AzureConfigError(
        `vault URI '${vaultUri}' is not a vault of ${this.endpoints.cloud.name} (*.${this.endpoints.cloud.keyVaultDnsSuffix})`,
      );
    return `/${vault}${path}`;
  }

  /** GET one resource; resolves to the parsed JSON body (null for an empty one). */
  async get<T = unknown>(
    api: AzureApi,
    path: string,
    query: Query = {},
    opts: RequestOptions = {},
  ): Promise<T> {
    return (await this.send(api, 'GET', this.url(api, path, query), undefined, opts)) as T;
  }

  /** Every item of a list, following nextLink / @odata.nextLink. */
  async list<T = unknown>(
    api: AzureApi,
    path: string,
    query: Query = {},
    opts: ListOptions = {},
  ): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(api, path, query, opts)) out.push(...page);
    return out;
  }

  /** A list page by page (bounded memory), following nextLink / @odata.nextLink. */
  async *pages<T = unknown>(
    api: AzureApi,
    path: string,
    query: Query = {},
    opts: ListOptions = {},
  ): AsyncGenerator<T[], void, undefined> {
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    const apiVersion = typeof query['api-version'] === 'string' ? query['api-version'] : undefined;
    const seen = new Set<string>();
    let url: string | undefined = this.url(api, path, query);
    for (let n = 1; url; n++) {
      if (n > maxPages) {
        throw this.localFailure(api, url, 'TooManyPages', `stopped after ${maxPages} pages`);
      }
      seen.add(url);
      const body = await this.send(api, 'GET', url, undefined, opts);
      const page = body as { value?: unknown; nextLink?: unknown; '@odata.nextLink'?: unknown } | null;
      if (!page || typeof page !== 'object' || !Array.isArray(page.value)) {
        throw this.localFailure(api, url, 'UnexpectedShape', 'a list answer without a "value" array');
      }
      yield page.value as T[];
      const link = page.nextLink ?? page['@odata.nextLink'];
      if (link === undefined || link === null || link === '') return;
      if (typeof link !== 'string')
        throw this.localFailure(api, url, 'UnexpectedShape', 'nextLink is not a string');
      url = this.resolveLink(api, link, apiVersion);
      const vault = (p: string) => p.split(/[/?]/)[1]?.toLowerCase();
      if (api === 'keyvault' && vault(this.relativePath(api, url)) !== vault(path))
        throw this.localFailure(api, url, 'UntrustedNextLink', 'the next page link points to another vault');
      if (seen.has(url))
        throw this.localFailure(api, url, 'NextLinkLoop', 'the next page link repeats an earlier one');
    }
  }

  /**
   * A paging link from an answer, checked before it is followed with our token:
   *
   * - under the configured base: followed as is;
   * - on the cloud's public endpoint while the base is overridden (a private endpoint or proxy
   *   whose backend writes links with the public host): rewritten to the same path and query
   *   below the configured base;
   * - anywhere else: refused (AzureFailedError UntrustedNextLink).
   *
   * A Resource Manager link without api-version gets the call's, as the Azure SDKs do.
   */
  resolveLink(api: AzureApi, link: string, apiVersion?: string): string {
    const r = followableLink(this.endpoint(api), link, apiVersion);
    if ('refused' in r) throw this.localFailure(api, link, 'UntrustedNextLink', r.refused);
    return r.url;
  }

  /**
   * Azure Resource Graph, page by page: only when the provider allows it
   * (`resource_graph: true`); the query POST is the one non-GET request the transport sends.
   */
  async *resourceGraph<T = Record<string, unknown>>(
    query: string,
    subscriptions: readonly string[],
    opts: RequestOptions & { apiVersion?: string; pageSize?: number; maxPages?: number } = {},
  ): AsyncGenerator<T[], void, undefined> {
    const apiVersion = opts.apiVersion ?? '2022-10-01';
    const url = this.url('arm', RESOURCE_GRAPH_PATH, { 'api-version': apiVersion });
    if (this.opts.resourceGraph !== true) {
      throw new AzureReadOnlyViolation({
        api: 'arm',
        method: 'POST',
        path: this.relativePath('arm', url),
        code: 'ReadOnlyViolation',
        message: 'Resource Graph queries are off; set resource_graph: true in the provider to allow them',
      });
    }
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    let skipToken: string | undefined;
    for (let n = 1; ; n++) {
      if (n > maxPages)
        throw this.localFailure('arm', url, 'TooManyPages', `stopped after ${maxPages} pages`);
      const body = JSON.stringify({
        subscriptions,
        query,
        options: {
          resultFormat: 'objectArray',
          $top: opts.pageSize ?? 1000,
          ...(skipToken ? { $skipToken: skipToken } : {}),
        },
      });
      const answer = (await this.send('arm', 'POST', url, body, opts)) as {
        data?: unknown;
        $skipToken?: unknown;
      } | null;
      if (!answer || !Array.isArray(answer.data)) {
        throw this.localFailure(
          'arm',
          url,
          'UnexpectedShape',
          'a Resource Graph answer without a "data" array',
        );
      }
      yield answer.data as T[];
      if (typeof answer.$skipToken !== 'string' || !answer.$skipToken) return;
      skipToken = answer.$skipToken;
    }
  }

  private relativePath(api: AzureApi, url: string): string {
    const ep = this.endpoint(api);
    if (api === 'keyvault') {
      try {
        const u = new URL(url);
        const path = keyVaultPathOf(u, ep);
        if (path !== undefined) return `${path}${u.search}`;
      } catch {
        // not a URL: shown as given
      }
    }
    if (url.startsWith(ep.base)) return url.slice(ep.base.length) || '/';
    try {
      const u = new URL(url);
      return `${u.pathname}${u.search}`;
    } catch {
      return url;
    }
  }

  private localFailure(api: AzureApi, url: string, code: string, message: string): AzureFailedError {
    return new AzureFailedError({ api, method: 'GET', path: this.relativePath(api, url), code, message });
  }

  private backoff(attempt: number): number {
    const base = this.opts.backoffBaseMs ?? 1000;
    const cap = this.opts.backoffMaxMs ?? 30_000;
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    // "equal jitter": at least half the exponential delay, so retries never bunch up at zero
    return Math.round(exp / 2 + (this.random() * exp) / 2);
  }

  private record(scopeKey: string, response: PipelineResponse): Record<string, string> {
    this.counters.byStatus[response.status] = (this.counters.byStatus[response.status] ?? 0) + 1;
    const seen: Record<string, string> = {};
    for (const [name, value] of response.headers) {
      if (!RATE_HEADER.test(name)) continue;
      seen[name] = value;
      const perScope = this.counters.rateLimits[scopeKey] ?? {};
      this.counters.rateLimits[scopeKey] = perScope;
      const n = /^\d+$/.test(value) ? Number(value) : undefined;
      const prev = perScope[name];
      const reading: RateLimitReading = { last: value };
      const min = n === undefined ? prev?.min : Math.min(n, prev?.min ?? n);
      if (min !== undefined) reading.min = min;
      perScope[name] = reading;
    }
    return seen;
  }

  /**
   * One HTTP attempt. The timeout is ours rather than the pipeline's `timeout`, whose timer
   * outlives a request that fails to connect (a TLS error) and holds the process open.
   */
  private async sendOnce(
    api: AzureApi,
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    opts: RequestOptions,
  ): Promise<PipelineResponse> {
    this.counters.attempts++;
    const controller = new AbortController();
    const onAbort = () => controller.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const ms = this.opts.requestTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
    try {
      const request = createPipelineRequest({
        url,
        method,
        headers: createHttpHeaders({
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        }),
        abortSignal: controller.signal,
        ...(body ? { body } : {}),
      });
      return await this.pipelines[api].sendRequest(this.httpClient, request);
    } catch (e) {
      if (timedOut) throw Object.assign(new Error(`no answer within ${ms} ms`), { code: 'RequestTimeout' });
      throw e;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Send with retries; the parsed JSON body of a 2xx, or the typed error. */
  private async send(
    api: AzureApi,
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    opts: RequestOptions,
  ): Promise<unknown> {
    const path = this.relativePath(api, url);
    for (const name of Object.keys(opts.headers ?? {})) {
      if (/^(authorization|host)$/i.test(name))
        throw new AzureConfigError(`header ${name} cannot be set by a caller`);
    }
    const maxAttempts = this.opts.maxAttempts ?? 6;
    const maxRetryAfter = this.opts.maxRetryAfterMs ?? 120_000;
    this.counters.calls++;
    for (let attempt = 1; ; attempt++) {
      const caller = await this.caller(api);
      const scope = limitScopeFor(api, path, caller, this.rates);
      const started = this.clock.now();
      let response: PipelineResponse;
      try {
        response = await this.limiter.run(scope, () => this.sendOnce(api, method, url, body, opts));
      } catch (e) {
        // a scale-out unit whose shared budget ran out yields its worker: not a failed read
        if (e instanceof AzureError || e instanceof BudgetExhausted) throw e;
        if (opts.signal?.aborted) throw e;
        const err = e as { name?: string; code?: string; message?: string };
        if (err.name && CREDENTIAL_ERRORS.has(err.name)) throw this.credentialError(api, method, path, e);
        const code = err.code ?? err.name ?? 'NetworkError';
        const tls = TLS_CODES.test(code)
          ? ' (the endpoint certificate is not trusted: give a private CA in NODE_EXTRA_CA_CERTS)'
          : '';
        this.opts.onResponse?.({
          api,
          method,
          path,
          status: undefined,
          attempt,
          durationMs: this.clock.now() - started,
          scope: scope.key,
          rateLimits: {},
        });
        if (RETRYABLE_NETWORK.has(code) && attempt < maxAttempts) {
          this.counters.retries++;
          await this.clock.sleep(this.backoff(attempt));
          continue;
        }
        throw new AzureFailedError({
          api,
          method,
          path,
          code,
          message: `${err.message ?? String(e)}${tls}`,
          cause: e,
        });
      }
      const rateLimits = this.record(scope.key, response);
      const requestId = response.headers.get('x-ms-request-id') ?? response.headers.get('request-id');
      this.opts.onResponse?.({
        api,
        method,
        path,
        status: response.status,
        attempt,
        durationMs: this.clock.now() - started,
        scope: scope.key,
        requestId,
        rateLimits,
      });
      if (response.status >= 200 && response.status < 300) {
        const text = response.bodyAsText;
        if (!text) return null;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new AzureFailedError({
            api,
            method,
            path,
            status: response.status,
            code: 'InvalidJson',
            message: 'the answer is not JSON',
            requestId,
          });
        }
      }
      const wait = retryAfterMs(response.headers, Date.now());
      if (response.status === 429) {
        this.counters.throttled++;
        // every request of the scope waits, not only this one
        if (wait !== undefined) this.limiter.pause(scope, Math.min(wait, maxRetryAfter));
      }
      if (RETRYABLE_STATUS.has(response.status) && attempt < maxAttempts) {
        const delay = wait ?? this.backoff(attempt);
        if (delay <= maxRetryAfter) {
          this.counters.retries++;
          await this.clock.sleep(delay);
          if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
          continue;
        }
      }
      throw errorForAnswer({
        api,
        method,
        path,
        status: response.status,
        body: response.bodyAsText ?? undefined,
        requestId,
        correlationId: response.headers.get('x-ms-correlation-request-id'),
        retryAfterMs: wait,
        attempts: attempt,
      });
    }
  }

  stats(): TransportStats & { limiter?: ReturnType<TokenBucketLimiter['stats']> } {
    const copy: TransportStats = structuredClone(this.counters);
    return this.ownLimiter ? { ...copy, limiter: this.ownLimiter.stats() } : copy;
  }

  /** Release the connections of an in-process CA agent. */
  close(): void {
    this.agent?.destroy();
  }
}

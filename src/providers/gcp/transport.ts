import type { Agent } from 'node:https';
import type { AuthClient } from 'google-auth-library';
import { BudgetExhausted, type SharedBudget } from '../aws/limiter.js';
import type { GcpEndpoints } from './apis.js';
import { type CallerIdentity, type GcpCredential, verifyCredential } from './credentials.js';
import {
  classifyAnswer,
  errorForAnswer,
  GcpConfigError,
  GcpCredentialError,
  GcpError,
  GcpFailedError,
  safeCause,
  tlsHint,
} from './errors.js';
import {
  type Clock,
  consumerKey,
  type LimitScope,
  limitScopesFor,
  type RequestLimiter,
  systemClock,
  TokenBucketLimiter,
} from './limiter.js';
import { encodeQuery, gcpPath, type Query } from './paths.js';
import { assertReadOnly } from './readonly.js';

export { encodeQuery, gcpPath, type Query };

/** The project a read is about: its id, and its number when known (from Resource Manager). */
export interface ProjectRef {
  id: string;
  number?: string | undefined;
}

export interface ReadOptions {
  query?: Query;
  /** the project the read is about: its quota bucket, and how a disabled-API answer is judged */
  project?: string | ProjectRef | undefined;
  signal?: AbortSignal;
}

export interface ListOptions extends ReadOptions {
  /**
   * the answer's field that holds the items: `items` (Compute, Cloud SQL, Storage, DNS...),
   * `projects`, `accounts`, `keyRings`, `sinks`... Google leaves it out of an empty page.
   */
  items: string;
  /** stop with an error after this many pages (a paging loop guard); default 10,000 */
  maxPages?: number;
}

export interface AggregatedItem<T> {
  /** zones/us-central1-a, regions/europe-west1, global */
  scope: string;
  item: T;
}

export interface ScopeWarning {
  scope: string;
  code: string;
  message: string;
}

export interface AggregatedList<T> {
  items: AggregatedItem<T>[];
  /** scopes Google could not read (their resources are unknown, not absent) */
  unreachable: ScopeWarning[];
  /** other per-scope warnings (NO_RESULTS_ON_PAGE is not one: it means "none there") */
  warnings: ScopeWarning[];
}

/** One answer, as the transport saw it (for logs and metrics; never holds a token). */
export interface ResponseInfo {
  api: string;
  method: string;
  path: string;
  project: string | undefined;
  status: number | undefined;
  attempt: number;
  durationMs: number;
  scopes: string[];
}

export interface TransportStats {
  /** logical calls: a get, one list page */
  calls: number;
  /** HTTP requests sent, retries included */
  attempts: number;
  retries: number;
  /** throttling answers (429, 403 rateLimitExceeded...), retried or not */
  throttled: number;
  byStatus: Record<string, number>;
  byApi: Record<string, number>;
}

export interface GcpTransportOptions {
  credential: GcpCredential;
  /** a shared limiter (the collection kit's); default: a TokenBucketLimiter of this transport */
  limiter?: RequestLimiter;
  /** per-minute read quotas per API, replacing Google's defaults */
  requestsPerMinute?: Readonly<Record<string, number>>;
  /** requests in flight at once, for the default limiter */
  maxConcurrency?: number;
  /** a budget shared with other processes, for the default limiter (scale-out workers) */
  sharedBudget?: SharedBudget;
  /** attempts per request, the first included */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** exponential backoff for throttling, 5xx and network errors: first delay and cap */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  clock?: Clock;
  random?: () => number;
  /**
   * An HTTPS agent trusting a private CA in-process (closed with the transport). Without it
   * Node's store is used, which takes a private CA from NODE_EXTRA_CA_CERTS at startup.
   */
  agent?: Agent;
  userAgent?: string;
  onResponse?: (info: ResponseInfo) => void;
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout',
]);
const DEFAULT_MAX_PAGES = 10_000;
/** Compute's aggregatedList warning for a scope with nothing in it */
const NO_RESULTS = 'NO_RESULTS_ON_PAGE';

function projectRef(p: string | ProjectRef | undefined): ProjectRef | undefined {
  if (p === undefined) return undefined;
  return typeof p === 'string' ? { id: p } : p;
}

function checkPath(api: string, path: string): void {
  const bad = (why: string) => new GcpConfigError(`${api} path '${path}': ${why}`);
  if (path === '') throw bad('is empty');
  if (path.startsWith('/')) throw bad('is relative to the API root: no leading / (compute/v1/projects/...)');
  if (/[?#\s]/.test(path)) throw bad('give the query separately; no ?, # or spaces in the path');
  if (path.split('/').some((s) => s === '.' || s === '..' || s === ''))
    throw bad('no empty, . or .. segments');
}

/**
 * A thin, read-only REST client for Google Cloud APIs over the auth library's authorised
 * client (`AuthClient.request`, gaxios): bearer tokens, the quota project header, token
 * refresh. On top of it: the read-only guard (before any token or byte), the limiter (one
 * token per attempt, from the project's and the caller's bucket), retries with backoff on
 * throttling (429 and the 403 forms the library does not retry), 5xx and network errors,
 * `nextPageToken` paging, Compute's aggregatedList, and typed errors.
 */
export class GcpTransport {
  readonly endpoints: GcpEndpoints;
  private readonly client: AuthClient;
  private readonly limiter: RequestLimiter;
  private readonly ownLimiter: TokenBucketLimiter | undefined;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly agent: Agent | undefined;
  private readonly opts: GcpTransportOptions;
  private callerPromise: Promise<CallerIdentity & { consumer: string }> | undefined;
  private readonly counters: TransportStats = {
    calls: 0,
    attempts: 0,
    retries: 0,
    throttled: 0,
    byStatus: {},
    byApi: {},
  };

  constructor(opts: GcpTransportOptions) {
    this.opts = opts;
    this.endpoints = opts.credential.endpoints;
    this.client = opts.credential.client;
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
    this.agent = opts.agent;
  }

  /**
   * Who the scan reads as, and the consumer its client-based quotas are charged to. The first
   * call fetches a token, so a credential that cannot give one fails here, once, with the reason.
   */
  caller(): Promise<CallerIdentity & { consumer: string }> {
    this.callerPromise ??= (async () => {
      await verifyCredential(this.opts.credential);
      const id = await this.opts.credential.identity();
      return { ...id, consumer: consumerKey(id) };
    })().catch((e: unknown) => {
      this.callerPromise = undefined;
      throw e;
    });
    return this.callerPromise;
  }

  /** The URL of a path and query below the API's root. */
  url(api: string, path: string, query: Query = {}): string {
    checkPath(api, path);
    const qs = encodeQuery(query);
    return `${this.endpoints.root(api)}${path}${qs ? `?${qs}` : ''}`;
  }

  /** GET one resource; resolves to the parsed JSON body (null for an empty one). */
  async get<T = unknown>(api: string, path: string, opts: ReadOptions = {}): Promise<T> {
    return (await this.send(api, 'GET', path, opts, undefined)) as T;
  }

  /**
   * One of the POST reads Google defines (Resource Manager `:getIamPolicy`...). Anything not on
   * the read-only allow-list is refused before a token is asked for.
   */
  async post<T = unknown>(api: string, path: string, body: unknown, opts: ReadOptions = {}): Promise<T> {
    return (await this.send(api, 'POST', path, opts, body ?? {})) as T;
  }

  /** Every item of a list, following nextPageToken. */
  async list<T = unknown>(api: string, path: string, opts: ListOptions): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(api, path, opts)) out.push(...page);
    return out;
  }

  /** A list page by page (bounded memory), following nextPageToken. */
  async *pages<T = unknown>(
    api: string,
    path: string,
    opts: ListOptions,
  ): AsyncGenerator<T[], void, undefined> {
    for await (const body of this.rawPages(api, path, opts)) {
      const items = body[opts.items];
      if (items === undefined || items === null) {
        yield [];
        continue;
      }
      if (!Array.isArray(items)) {
        throw this.shapeError(api, path, opts, `"${opts.items}" is not an array`);
      }
      yield items as T[];
    }
  }

  /** The answers of a paged call, following nextPageToken, with a loop guard. */
  private async *rawPages(
    api: string,
    path: string,
    opts: ReadOptions & { maxPages?: number },
  ): AsyncGenerator<Record<string, unknown>, void, undefined> {
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    const seen = new Set<string>();
    let token: string | undefined;
    for (let n = 1; ; n++) {
      if (n > maxPages)
        throw this.shapeError(api, path, opts, `stopped after ${maxPages} pages`, 'TooManyPages');
      const query: Query = { ...opts.query, ...(token ? { pageToken: token } : {}) };
      const body = await this.send(api, 'GET', path, { ...opts, query }, undefined);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw this.shapeError(api, path, opts, 'a list answer that is not a JSON object');
      }
      const page = body as Record<string, unknown>;
      yield page;
      const next = page.nextPageToken;
      if (next === undefined || next === null || next === '') return;
      if (typeof next !== 'string') throw this.shapeError(api, path, opts, 'nextPageToken is not a string');
      if (seen.has(next)) {
        throw this.shapeError(api, path, opts, 'nextPageToken repeats an earlier one', 'PageTokenLoop');
      }
      seen.add(next);
      token = next;
    }
  }

  /**
   * Compute Engine's aggregatedList (`compute/v1/projects/P/aggregated/<type>`): every zone's or
   * region's items with their scope, in one paged call. Asks for partial success, so a zone
   * that cannot be read is reported in `unreachable` rather than failing the whole list.
   * `items` is the field inside each scope (`instances`, `disks`, `subnetworks`...).
   */
  async aggregatedList<T = unknown>(path: string, opts: ListOptions): Promise<AggregatedList<T>> {
    const out: AggregatedList<T> = { items: [], unreachable: [], warnings: [] };
    const query: Query = { returnPartialSuccess: true, ...opts.query };
    for await (const page of this.rawPages('compute', path, { ...opts, query })) {
      const scopes = page.items;
      if (scopes !== undefined && (typeof scopes !== 'object' || scopes === null || Array.isArray(scopes))) {
        throw this.shapeError('compute', path, opts, 'aggregatedList "items" is not a map of scopes');
      }
      for (const [scope, value] of Object.entries((scopes ?? {}) as Record<string, unknown>)) {
        if (typeof value !== 'object' || value === null) continue;
        const entry = value as Record<string, unknown>;
        const list = entry[opts.items];
        if (list !== undefined) {
          if (!Array.isArray(list)) {
            throw this.shapeError('compute', path, opts, `items["${scope}"].${opts.items} is not an array`);
          }
          for (const item of list) out.items.push({ scope, item: item as T });
        }
        const warning = entry.warning as { code?: unknown; message?: unknown } | undefined;
        if (warning && typeof warning.code === 'string' && warning.code !== NO_RESULTS) {
          const w = {
            scope,
            code: warning.code,
            message: typeof warning.message === 'string' ? warning.message : '',
          };
          (warning.code === 'UNREACHABLE' ? out.unreachable : out.warnings).push(w);
        }
      }
      if (Array.isArray(page.unreachables)) {
        for (const u of page.unreachables) {
          if (typeof u === 'string' && !out.unreachable.some((w) => w.scope === u)) {
            out.unreachable.push({ scope: u, code: 'UNREACHABLE', message: `${u} could not be read` });
          }
        }
      }
    }
    return out;
  }

  private shapeError(
    api: string,
    path: string,
    opts: ReadOptions,
    message: string,
    code = 'UnexpectedShape',
  ) {
    return new GcpFailedError({
      api,
      method: 'GET',
      path: this.displayPath(path, opts.query),
      code,
      message,
      project: projectRef(opts.project)?.id,
    });
  }

  private displayPath(path: string, query: Query | undefined): string {
    const qs = encodeQuery(query);
    return qs ? `${path}?${qs}` : path;
  }

  private backoff(attempt: number): number {
    const base = this.opts.backoffBaseMs ?? 2000;
    const cap = this.opts.backoffMaxMs ?? 60_000;
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    // "equal jitter": at least half the exponential delay, so retries never bunch up at zero
    return Math.round(exp / 2 + (this.random() * exp) / 2);
  }

  private retryAfter(headers: Headers | undefined): number | undefined {
    const raw = headers?.get('retry-after')?.trim();
    if (!raw) return undefined;
    if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
    const date = Date.parse(raw);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
  }

  /** Send with retries; the parsed JSON body of a 2xx, or the typed error. */
  private async send(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    opts: ReadOptions,
    body: unknown,
  ): Promise<unknown> {
    const project = projectRef(opts.project);
    const url = this.url(api, path, opts.query);
    const shown = this.displayPath(path, opts.query);
    // first of all, before a token is asked for: nothing but reads
    assertReadOnly({ api, method, path, query: new URL(url).searchParams });
    const caller = await this.caller();
    const scopes = limitScopesFor(api, path, project?.id, caller.consumer, this.opts.requestsPerMinute);
    const maxAttempts = this.opts.maxAttempts ?? 6;
    this.counters.calls++;
    this.counters.byApi[api] = (this.counters.byApi[api] ?? 0) + 1;
    for (let attempt = 1; ; attempt++) {
      const started = this.clock.now();
      const report = (status: number | undefined) =>
        this.opts.onResponse?.({
          api,
          method,
          path: shown,
          project: project?.id,
          status,
          attempt,
          durationMs: this.clock.now() - started,
          scopes: scopes.map((s) => s.key),
        });
      let status: number;
      let text: string;
      let headers: Headers | undefined;
      try {
        const res = await this.limiter.run(scopes, () => {
          this.counters.attempts++;
          return this.client.request<string>({
            url,
            method,
            headers: {
              accept: 'application/json',
              'user-agent': this.opts.userAgent ?? 'cloudward',
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
            responseType: 'text',
            retry: false,
            validateStatus: () => true,
            timeout: this.opts.requestTimeoutMs ?? 30_000,
            ...(this.agent ? { agent: this.agent } : {}),
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
        });
        status = res.status;
        text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '');
        headers = res.headers;
      } catch (e) {
        // a scale-out unit whose shared budget ran out yields its worker: not a failed read
        if (e instanceof GcpError || e instanceof BudgetExhausted) throw e;
        if (opts.signal?.aborted) throw e;
        report(undefined);
        if (!this.isOurRequest(e, url)) throw this.tokenError(e);
        const err = e as { code?: unknown; name?: string; message?: string; error?: { code?: unknown } };
        const code = String(err.code ?? err.error?.code ?? err.name ?? 'NetworkError');
        if (RETRYABLE_NETWORK.has(code) && attempt < maxAttempts) {
          this.counters.retries++;
          await this.clock.sleep(this.backoff(attempt));
          continue;
        }
        throw new GcpFailedError({
          api,
          method,
          path: shown,
          code,
          message: `${err.message ?? String(e)}${tlsHint(code)}`,
          project: project?.id,
          cause: safeCause(e),
        });
      }
      this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
      report(status);
      if (status >= 200 && status < 300) {
        if (!text) return null;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new GcpFailedError({
            api,
            method,
            path: shown,
            status,
            code: 'InvalidJson',
            message: 'the answer is not JSON',
            project: project?.id,
          });
        }
      }
      const klass = classifyAnswer(status, text);
      if (klass.kind === 'throttled') this.counters.throttled++;
      const retryable = (klass.kind === 'throttled' && klass.retry) || RETRYABLE_STATUS.has(status);
      if (retryable && attempt < maxAttempts) {
        const delay = this.retryAfter(headers) ?? this.backoff(attempt);
        // every request of the same quota waits, not only this one
        if (klass.kind === 'throttled') for (const s of scopes) this.limiter.pause(s, delay);
        this.counters.retries++;
        await this.clock.sleep(delay);
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        continue;
      }
      throw errorForAnswer({ api, method, path: shown, status, text, attempts: attempt, project }, klass);
    }
  }

  /** Did the failure come from our request, or from the token request before it? */
  private isOurRequest(e: unknown, url: string): boolean {
    const config = (e as { config?: { url?: unknown } }).config;
    if (!config?.url) return false;
    try {
      return new URL(String(config.url)).toString() === new URL(url).toString();
    } catch {
      return false;
    }
  }

  private tokenError(e: unknown): GcpError {
    const err = e as { message?: string; response?: { status?: number } };
    return new GcpCredentialError({
      api: 'auth',
      method: 'TOKEN',
      path: '(credential)',
      status: err.response?.status,
      code: 'TokenRefreshFailed',
      message: `the credential could not refresh its token: ${err.message ?? String(e)}`,
      cause: safeCause(e),
    });
  }

  /** The scopes a read counts against (the collection kit uses these to plan). */
  scopesFor(api: string, path: string, project: string | undefined, consumer: string): LimitScope[] {
    return limitScopesFor(api, path, project, consumer, this.opts.requestsPerMinute);
  }

  stats(): TransportStats & { limiter?: ReturnType<TokenBucketLimiter['stats']> } {
    const copy: TransportStats = structuredClone(this.counters);
    return this.ownLimiter ? { ...copy, limiter: this.ownLimiter.stats() } : copy;
  }

  /** Release the connections of the in-process CA agent. */
  close(): void {
    this.agent?.destroy();
  }
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { EventsQueries } from '../core/events-query.js';
import type { IncidentStore } from '../core/incidents.js';
import type { Logger } from '../core/logger.js';
import { type Framework, loadFrameworks } from '../frameworks/framework.js';
import type { DashboardStore } from '../store/dashboard-store.js';
import type { QueryStore } from '../store/query.js';
import type { Store } from '../store/store.js';
import { Lru, type ServerContext } from './context.js';
import { HttpError, isCreated, readJsonBody, sendJson, sendText } from './http.js';
import { matchRoute } from './routes.js';
import {
  authenticate,
  checkCsrf,
  isLoopbackHost,
  loginCookie,
  setSecurityHeaders,
  tokenMatches,
} from './security.js';
import { defaultWebRoot, serveStatic } from './static.js';

export interface ServerOptions {
  store: Store;
  dash: DashboardStore;
  /** incidents folded from detections (the Activity page); absent: none shown */
  incidents?: IncidentStore;
  /** read-only SQL over the store (the Query page); absent: the page says the store answers none */
  queries?: QueryStore;
  /** SQL over activity logs on the Query page: the kept copy and the configured logs only */
  events?: EventsQueries;
  /** the Query page's time limit per query (default 10 s) */
  queryTimeoutMs?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** default 8484; 0 picks a free port */
  port?: number;
  /** required unless the host is a loopback address */
  token?: string | null;
  /** the built front end (default: dist/web of the package) */
  webRoot?: string;
  frameworks?: Framework[];
  logger?: Logger;
}

export interface RunningServer {
  /** http://host:port/ */
  url: string;
  host: string;
  port: number;
  /** the URL that logs a browser in (sets the token cookie); equals url without a token */
  loginUrl: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8484;
/** The Query page's default time limit: a dashboard answer, not a batch job. */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** How a browser addresses the server: a wildcard address is reached by this machine's name. */
function hostForUrl(host: string): string {
  const h = host === '0.0.0.0' || host === '::' ? hostname() : host;
  return h.includes(':') ? `[${h}]` : h;
}

/** Starts the dashboard server. Refuses a non-loopback host without a token. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? null;
  if (token !== null && token.length < 16) {
    throw new Error('the token must be at least 16 characters long');
  }
  if (!isLoopbackHost(host) && token === null) {
    throw new Error(
      `refusing to listen on ${host} without a token: anyone who can reach it could read your findings. Give --token, or bind to 127.0.0.1`,
    );
  }
  const ctx: ServerContext = {
    store: opts.store,
    dash: opts.dash,
    ...(opts.incidents ? { incidents: opts.incidents } : {}),
    ...(opts.queries ? { queries: opts.queries } : {}),
    ...(opts.events ? { events: opts.events } : {}),
    queryTimeoutMs: opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    frameworks: opts.frameworks ?? loadFrameworks(),
    cache: new Lru(128),
  };
  const webRoot = opts.webRoot ?? defaultWebRoot();
  const server = createServer((req, res) => {
    handle(req, res, ctx, token, webRoot).catch((err: unknown) => {
      opts.logger?.error(`dashboard: ${req.method} ${(req.url ?? '').split('?')[0]} failed`, {
        error: err instanceof Error ? err.message : String(err),
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error (see the server log)' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await listen(server, opts.port ?? DEFAULT_PORT, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(host)}:${port}/`;
  return {
    url,
    host,
    port,
    loginUrl: token === null ? url : `${url}?token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use: pick another with --port`
            : `cannot listen on ${host}:${port}: ${err.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function deny(res: ServerResponse, api: boolean, status: number, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="cloudward"');
  if (api) sendJson(res, status, { error: message });
  else sendText(res, status, `${message}\n`);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServerContext,
  token: string | null,
  webRoot: string,
): Promise<void> {
  setSecurityHeaders(res);
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return sendText(res, 400, 'bad request URL\n');
  }
  const api = url.pathname === '/api' || url.pathname.startsWith('/api/');

  // a login link: trade ?token= for a cookie, then drop the token from the address bar
  const given = url.searchParams.get('token');
  if (given !== null && (method === 'GET' || method === 'HEAD')) {
    if (token === null || !tokenMatches(given, token)) return deny(res, api, 401, 'the token is wrong');
    url.searchParams.delete('token');
    res.statusCode = 303;
    res.setHeader('Set-Cookie', loginCookie(token));
    res.setHeader('Location', `${url.pathname}${url.search}`);
    res.setHeader('Cache-Control', 'no-store');
    return void res.end();
  }

  const auth = authenticate(req, token);
  if (!auth.ok) return deny(res, api, auth.status, auth.message);

  if (!api) {
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'method not allowed\n');
    }
    return serveStatic(webRoot, url.pathname, res, method === 'HEAD');
  }

  try {
    const match = matchRoute(method, url.pathname);
    if (match.kind === 'none')
      throw new HttpError(404, `no API endpoint ${url.pathname} (see docs/dashboard.md)`);
    if (match.kind === 'method') {
      res.setHeader('Allow', match.allowed.join(', '));
      throw new HttpError(
        405,
        `${method} is not allowed on ${url.pathname} (allowed: ${match.allowed.join(', ')})`,
      );
    }
    let body: unknown = null;
    if (STATE_CHANGING.has(method)) {
      const csrf = checkCsrf(req, auth.via);
      if (csrf !== null) throw new HttpError(403, csrf);
      if (method !== 'DELETE') body = await readJsonBody(req);
    }
    const out = await match.route.handler(
      { method, path: url.pathname, params: match.params, query: url.searchParams, body },
      ctx,
    );
    if (isCreated(out)) sendJson(res, out.status, out.body);
    else sendJson(res, 200, out);
  } catch (err) {
    if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
    throw err;
  }
}

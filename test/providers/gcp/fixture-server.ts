import { randomBytes, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_APIS } from '../../../src/providers/gcp/apis.js';
import { makeTestPki, type TestPki } from './certs.js';

/**
 * A stand-in for Google's APIs on https://127.0.0.1, for tests that run the real stack (the
 * auth library, gaxios, TLS, the transport) with nothing leaving loopback.
 *
 * ROOTS. Every API is served below its own path, `https://127.0.0.1:PORT/<api>/`, and `env()`
 * gives the CLOUDWARD_GCP_ENDPOINT_<API> variables pointing there, so every test also checks
 * that an endpoint override's path is kept. Requests keep Google's paths below the root:
 * `/compute/compute/v1/projects/p1/global/firewalls`, `/sqladmin/v1/projects/p1/instances`.
 *
 * TOKENS. The server is its own token service, so a read carries a token the credential really
 * obtained: `oauth2/token` verifies a service account's signed JWT assertion against the public
 * key it was given (or a user's refresh token), `sts/v1/token` exchanges a workload identity
 * subject token, and `iamcredentials/.../serviceAccounts/<sa>:generateAccessToken` mints an
 * impersonated token when `impersonation` allows the caller. `issueToken` mints one directly
 * (the metadata server stand-in uses it).
 *
 * AUTHORIZATION. Every other request must carry `Authorization: Bearer <a token minted here>`;
 * one that does not is answered 401 UNAUTHENTICATED as Google answers it and listed in
 * `refused`. Each request records the principal its token belongs to, so a test can say who
 * read what (the impersonated account, not the key's).
 *
 * ROUTES. Data-driven: `routes` maps `'<api> <METHOD> <path>'` (the path below the API root,
 * without query) to an answer or a function of the request. Builders give Google's real
 * shapes: `pagedList` (nextPageToken paging), `aggregated` (Compute aggregatedList with
 * NO_RESULTS_ON_PAGE and UNREACHABLE scopes), `sequence` (e.g. a 429 then the answer), and
 * `googleErrors` (404 notFound, SERVICE_DISABLED, accessNotConfigured, PERMISSION_DENIED,
 * 403 rateLimitExceeded, 429 RESOURCE_EXHAUSTED, 503). A request with no route gets a 404
 * WITHOUT Google's error body and is listed in `unmatched`, so a missing route never reads as
 * "absent". Recorded real answers can be served with `flights.ts`.
 */

export interface FixtureRequest {
  api: string;
  method: string;
  /** the path below the API root, without query: compute/v1/projects/p1/global/firewalls */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** who the bearer token was minted for */
  principal: string;
  /** when it arrived (Date.now()) */
  at: number;
}

export interface Answer {
  status?: number;
  /** a JSON body */
  body?: unknown;
  /** a raw body instead of JSON (a proxy's HTML page) */
  text?: string;
  headers?: Record<string, string>;
}

export type Route = Answer | ((req: FixtureRequest) => Answer);
/** '<api> <METHOD> <path>' -> answer */
export type Routes = Record<string, Route>;

export interface ServiceAccountGrant {
  email: string;
  publicKeyPem: string;
}

export interface UserGrant {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  principal: string;
}

export interface FederatedGrant {
  audience: string;
  subjectToken: string;
  principal: string;
}

export interface GcpFixtureOptions {
  routes?: Routes;
  /** service accounts whose keys may sign token requests */
  serviceAccounts?: ServiceAccountGrant[];
  /** gcloud logins: refresh tokens that may be exchanged */
  users?: UserGrant[];
  /** workload identity federation: subject tokens STS accepts */
  federated?: FederatedGrant[];
  /** impersonation grants: target service account -> principals allowed to mint its tokens */
  impersonation?: Record<string, string[]>;
  /** APIs to give roots for in env(), besides those the routes name */
  apis?: string[];
  /** delay every answer (for benchmarks; tests never assert times) */
  latencyMs?: number;
}

export interface RefusedRequest {
  api: string;
  method: string;
  path: string;
  authorization: string;
}

export interface TokenRequest {
  kind: 'jwt-bearer' | 'refresh_token' | 'sts' | 'impersonation';
  principal: string;
  ok: boolean;
}

export interface GcpFixture {
  /** https://127.0.0.1:PORT */
  origin: string;
  /** the root of an API: https://127.0.0.1:PORT/<api>/ */
  root(api: string): string;
  /**
   * CLOUDWARD_GCP_ENDPOINT_<API> for every API Cloudward knows, the routes' APIs, `apis` and the
   * auth APIs: a read of an API without a route still comes here (and is `unmatched`), never to Google.
   */
  env(): Record<string, string>;
  /** the service account key token_uri */
  tokenUri: string;
  pki: TestPki;
  routes: Routes;
  requests: FixtureRequest[];
  refused: RefusedRequest[];
  unmatched: FixtureRequest[];
  tokenRequests: TokenRequest[];
  /** who may get tokens; tests add to these after start (a key made for the fixture's token_uri) */
  grants: Grants;
  issueToken(principal: string): string;
  close(): Promise<void>;
}

export interface Grants {
  serviceAccounts: ServiceAccountGrant[];
  users: UserGrant[];
  federated: FederatedGrant[];
  impersonation: Record<string, string[]>;
}

const AUTH_APIS = ['oauth2', 'iamcredentials'];
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const UNAUTHENTICATED = {
  error: {
    code: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    status: 'UNAUTHENTICATED',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
        domain: 'googleapis.com',
      },
    ],
  },
};

function b64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** A signed JWT's claims when its RS256 signature verifies with one of the keys, else undefined. */
function verifyAssertion(
  assertion: string,
  accounts: readonly ServiceAccountGrant[],
): { email: string; claims: Record<string, unknown> } | undefined {
  const [h, p, s] = assertion.split('.');
  if (!h || !p || !s) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(b64url(p).toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // an account may have several keys: any of them may have signed
  const ok = accounts.some(
    (a) =>
      a.email === claims.iss && verify('RSA-SHA256', Buffer.from(`${h}.${p}`), a.publicKeyPem, b64url(s)),
  );
  return ok ? { email: String(claims.iss), claims } : undefined;
}

function googleTokenError(error: string, description: string): Answer {
  return { status: 400, body: { error, error_description: description } };
}

export async function startGcpFixture(opts: GcpFixtureOptions = {}): Promise<GcpFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-fixture-'));
  const pki = await makeTestPki(dir);
  const routes: Routes = { ...(opts.routes ?? {}) };
  const tokens = new Map<string, string>();
  const requests: FixtureRequest[] = [];
  const refused: RefusedRequest[] = [];
  const unmatched: FixtureRequest[] = [];
  const tokenRequests: TokenRequest[] = [];
  const grants: Grants = {
    serviceAccounts: [...(opts.serviceAccounts ?? [])],
    users: [...(opts.users ?? [])],
    federated: [...(opts.federated ?? [])],
    impersonation: { ...(opts.impersonation ?? {}) },
  };

  const issueToken = (principal: string): string => {
    const token = `ya29.fixture-${randomBytes(24).toString('base64url')}`;
    tokens.set(token, principal);
    return token;
  };
  const accessToken = (principal: string): Answer => ({
    body: { access_token: issueToken(principal), expires_in: 3599, token_type: 'Bearer' },
  });

  const tokenEndpoint = (form: URLSearchParams): Answer => {
    const grant = form.get('grant_type');
    if (grant === JWT_BEARER) {
      const v = verifyAssertion(form.get('assertion') ?? '', grants.serviceAccounts);
      const now = Date.now() / 1000;
      const ok =
        v !== undefined &&
        v.claims.aud === GOOGLE_TOKEN_URL &&
        typeof v.claims.exp === 'number' &&
        v.claims.exp > now &&
        String(v.claims.scope ?? '')
          .split(' ')
          .includes(CLOUD_PLATFORM);
      tokenRequests.push({ kind: 'jwt-bearer', principal: v?.email ?? '(unknown)', ok });
      return ok && v ? accessToken(v.email) : googleTokenError('invalid_grant', 'Invalid JWT Signature.');
    }
    if (grant === 'refresh_token') {
      const user = grants.users.find(
        (u) =>
          u.refreshToken === form.get('refresh_token') &&
          u.clientId === form.get('client_id') &&
          u.clientSecret === form.get('client_secret'),
      );
      tokenRequests.push({ kind: 'refresh_token', principal: user?.principal ?? '(unknown)', ok: !!user });
      return user
        ? accessToken(user.principal)
        : googleTokenError('invalid_grant', 'Token has been expired or revoked.');
    }
    return googleTokenError('unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`);
  };

  const stsEndpoint = (form: URLSearchParams): Answer => {
    const fed = grants.federated.find(
      (f) =>
        form.get('grant_type') === TOKEN_EXCHANGE &&
        f.subjectToken === form.get('subject_token') &&
        f.audience === form.get('audience'),
    );
    tokenRequests.push({ kind: 'sts', principal: fed?.principal ?? '(unknown)', ok: !!fed });
    if (!fed) return googleTokenError('invalid_grant', 'The audience or subject token is not valid.');
    return {
      body: {
        access_token: issueToken(fed.principal),
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: 3600,
      },
    };
  };

  const impersonate = (target: string, caller: string): Answer => {
    const allowed = (grants.impersonation[target] ?? []).includes(caller);
    tokenRequests.push({ kind: 'impersonation', principal: `${caller} -> ${target}`, ok: allowed });
    if (!allowed)
      return googleErrors.permissionDenied(
        'iam.serviceAccounts.getAccessToken',
        target,
        'iam.googleapis.com',
      );
    return {
      body: {
        accessToken: issueToken(target),
        expireTime: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
  };

  const server: Server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (a: Answer) => {
        const send = () => {
          const text = a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body));
          res.writeHead(a.status ?? 200, {
            'content-type': a.text !== undefined ? 'text/html' : 'application/json; charset=UTF-8',
            ...(a.headers ?? {}),
          });
          res.end(text);
        };
        if (opts.latencyMs) setTimeout(send, opts.latencyMs);
        else send();
      };
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const [, api = '', ...rest] = url.pathname.split('/');
      const path = rest.join('/');
      const method = req.method ?? 'GET';
      const form = () => new URLSearchParams(body);

      if (api === 'oauth2' && method === 'POST' && path === 'token') return reply(tokenEndpoint(form()));
      if (api === 'sts' && method === 'POST' && path === 'v1/token') return reply(stsEndpoint(form()));

      const authorization = String(req.headers.authorization ?? '');
      const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
      const principal = bearer ? tokens.get(bearer) : undefined;
      if (!principal) {
        refused.push({
          api,
          method,
          path,
          authorization: authorization ? `${authorization.slice(0, 14)}...` : '',
        });
        return reply({
          status: 401,
          body: UNAUTHENTICATED,
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        });
      }
      const imp = /^v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(path);
      if (api === 'iamcredentials' && method === 'POST' && imp?.[1]) {
        return reply(impersonate(decodeURIComponent(imp[1]), principal));
      }
      const request: FixtureRequest = {
        api,
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
        principal,
        at: Date.now(),
      };
      requests.push(request);
      const route = routes[`${api} ${method} ${path}`];
      if (!route) {
        unmatched.push(request);
        return reply({
          status: 404,
          text: `<html><body>no fixture route for ${method} /${api}/${path}</body></html>`,
        });
      }
      reply(typeof route === 'function' ? route(request) : route);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `https://127.0.0.1:${port}`;
  const root = (api: string) => `${origin}/${api}/`;

  return {
    origin,
    root,
    tokenUri: `${origin}/oauth2/token`,
    env() {
      const apis = new Set<string>([...AUTH_APIS, ...KNOWN_APIS, ...(opts.apis ?? [])]);
      for (const key of Object.keys(routes)) apis.add(key.split(' ')[0] ?? '');
      const out: Record<string, string> = {};
      for (const api of apis) if (api) out[`CLOUDWARD_GCP_ENDPOINT_${api.toUpperCase()}`] = root(api);
      return out;
    },
    pki,
    routes,
    requests,
    refused,
    unmatched,
    tokenRequests,
    grants,
    issueToken,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opaque page tokens, as Google's are: the offset, encoded. */
const pageToken = (offset: number) => Buffer.from(`cloudward-page:${offset}`).toString('base64url');
const offsetOf = (token: string | null) => {
  if (!token) return 0;
  const m = /^cloudward-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m?.[1] ? Number(m[1]) : Number.NaN;
};

/**
 * A list answered `pageSize` items at a time with nextPageToken, the items under `field`
 * (Google leaves the field out of an empty page). `extra` is merged into every page
 * (kind, id...). A page size the request asks for (pageSize / maxResults) is honoured if smaller.
 */
export function pagedList(
  field: string,
  items: readonly unknown[],
  opts: { pageSize?: number; extra?: Record<string, unknown> } = {},
): (req: FixtureRequest) => Answer {
  return (req) => {
    const offset = offsetOf(req.query.get('pageToken'));
    if (Number.isNaN(offset)) return googleErrors.invalidArgument('Invalid page token.');
    const asked = Number(
      req.query.get('pageSize') ?? req.query.get('maxResults') ?? Number.POSITIVE_INFINITY,
    );
    const size = Math.min(opts.pageSize ?? 500, asked > 0 ? asked : Number.POSITIVE_INFINITY);
    const page = items.slice(offset, offset + size);
    const next = offset + size < items.length ? pageToken(offset + size) : undefined;
    return {
      body: {
        ...(opts.extra ?? {}),
        ...(page.length ? { [field]: page } : {}),
        ...(next ? { nextPageToken: next } : {}),
      },
    };
  };
}

/**
 * Compute Engine aggregatedList: `items` maps each scope (zones/..., regions/..., global) to
 * `{ [field]: [...] }`, or to a NO_RESULTS_ON_PAGE warning when it has none. Unreachable scopes
 * are listed in `unreachables` when the request asks for partial success, else as an
 * UNREACHABLE warning in the scope. `scopesPerPage` pages over scopes.
 */
export function aggregated(
  field: string,
  byScope: Record<string, readonly unknown[]>,
  opts: { unreachable?: string[]; scopesPerPage?: number; kind?: string; id?: string } = {},
): (req: FixtureRequest) => Answer {
  return (req) => {
    const partial = req.query.get('returnPartialSuccess') === 'true';
    const scopes = [...Object.keys(byScope), ...(opts.unreachable ?? []).filter((u) => !(u in byScope))];
    const offset = offsetOf(req.query.get('pageToken'));
    const size = opts.scopesPerPage ?? scopes.length;
    const page = scopes.slice(offset, offset + size);
    const items: Record<string, unknown> = {};
    for (const scope of page) {
      const list = byScope[scope] ?? [];
      if (opts.unreachable?.includes(scope)) {
        if (!partial) {
          items[scope] = {
            warning: {
              code: 'UNREACHABLE',
              message: `Scope '${scope}' is unreachable.`,
              data: [{ key: 'scope', value: scope }],
            },
          };
        }
      } else if (list.length) items[scope] = { [field]: list };
      else {
        items[scope] = {
          warning: {
            code: 'NO_RESULTS_ON_PAGE',
            message: `There are no results for scope '${scope}' on this page.`,
            data: [{ key: 'scope', value: scope }],
          },
        };
      }
    }
    const next = offset + size < scopes.length ? pageToken(offset + size) : undefined;
    const onPage = (opts.unreachable ?? []).filter((u) => page.includes(u));
    return {
      body: {
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.id ? { id: opts.id } : {}),
        items,
        ...(next ? { nextPageToken: next } : {}),
        ...(partial && onPage.length ? { unreachables: onPage } : {}),
      },
    };
  };
}

/** Answer the n-th request with the n-th route, and every later one with the last. */
export function sequence(...routes: Route[]): (req: FixtureRequest) => Answer {
  let n = 0;
  return (req) => {
    const route = routes[Math.min(n++, routes.length - 1)];
    if (!route) return { status: 500, body: { error: { code: 500, message: 'empty sequence' } } };
    return typeof route === 'function' ? route(req) : route;
  };
}

/** Google's error answers, in the shapes the APIs send (AIP-193, with the legacy errors[] list). */
export const googleErrors = {
  /** Compute/DNS style: errors[] with reason notFound, no status */
  notFoundLegacy(resource: string): Answer {
    const message = `The resource '${resource}' was not found`;
    return {
      status: 404,
      body: { error: { code: 404, message, errors: [{ message, domain: 'global', reason: 'notFound' }] } },
    };
  },
  /** newer APIs: status NOT_FOUND only */
  notFound(message = 'Requested entity was not found.'): Answer {
    return { status: 404, body: { error: { code: 404, message, status: 'NOT_FOUND' } } };
  },
  /** the API is not enabled: Help link plus ErrorInfo SERVICE_DISABLED */
  serviceDisabled(service: string, title: string, projectNumber: string): Answer {
    const url = `https://console.developers.google.com/apis/api/${service}/overview?project=${projectNumber}`;
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message: `${title} has not been used in project ${projectNumber} before or it is disabled. Enable it by visiting ${url} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.Help',
              links: [{ description: 'Google developers console API activation', url }],
            },
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'SERVICE_DISABLED',
              domain: 'googleapis.com',
              metadata: {
                service,
                consumer: `projects/${projectNumber}`,
                activationUrl: url,
                serviceTitle: title,
              },
            },
          ],
        },
      },
    };
  },
  /** the legacy form of the same (Cloud SQL v1beta4 answered so): errors[] accessNotConfigured */
  accessNotConfigured(service: string, title: string, projectNumber: string): Answer {
    const message = `${title} has not been used in project ${projectNumber} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/${service}/overview?project=${projectNumber} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message,
          errors: [
            {
              message,
              domain: 'usageLimits',
              reason: 'accessNotConfigured',
              extendedHelp: 'https://console.developers.google.com',
            },
          ],
          status: 'PERMISSION_DENIED',
        },
      },
    };
  },
  permissionDenied(
    permission: string,
    resource: string,
    domain = 'cloudresourcemanager.googleapis.com',
  ): Answer {
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message: `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'IAM_PERMISSION_DENIED',
              domain,
              metadata: { permission, resource },
            },
          ],
        },
      },
    };
  },
  /** Compute's per-minute read quota: a 403 the auth library does not retry */
  rateLimit403(service: string, consumerNumber: string): Answer {
    const message = `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${service}' for consumer 'project_number:${consumerNumber}'.`;
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message,
          errors: [{ message, domain: 'usageLimits', reason: 'rateLimitExceeded' }],
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'RATE_LIMIT_EXCEEDED',
              domain: 'googleapis.com',
              metadata: {
                service,
                consumer: `projects/${consumerNumber}`,
                quota_metric: `${service}/read_requests`,
                quota_limit: 'ReadRequestsPerMinutePerProject',
              },
            },
          ],
        },
      },
    };
  },
  resourceExhausted429(
    service: string,
    consumerNumber: string,
    limit = 'ReadRequestsPerMinutePerProject',
  ): Answer {
    return {
      status: 429,
      body: {
        error: {
          code: 429,
          message: `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${service}' for consumer 'project_number:${consumerNumber}'.`,
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'RATE_LIMIT_EXCEEDED',
              domain: 'googleapis.com',
              metadata: {
                service,
                consumer: `projects/${consumerNumber}`,
                quota_metric: `${service}/read_requests`,
                quota_limit: limit,
                quota_location: 'global',
              },
            },
          ],
        },
      },
    };
  },
  invalidArgument(message: string): Answer {
    return { status: 400, body: { error: { code: 400, message, status: 'INVALID_ARGUMENT' } } };
  },
  backendError503(): Answer {
    return {
      status: 503,
      body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } },
    };
  },
};

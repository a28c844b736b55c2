import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AZURE_CLOUDS, type AzureApi, type AzureCloudName } from '../../../src/providers/azure/clouds.js';
import { makeTestPki, type TestPki } from './certs.js';
import { audiencesFor, newSecret, TEST_TENANT, type TokenClaims, verifyToken } from './tokens.js';

/**
 * An HTTPS stand-in for Azure Resource Manager and Microsoft Graph on 127.0.0.1, for tests
 * that go through the real HTTP stack (the Azure pipeline, TLS, bearer tokens).
 *
 * - TLS: a CA and server certificate generated per fixture (`pki.caPem`, `pki.caFile`); trust
 *   the CA in-process (the transport's `ca` option) or through NODE_EXTRA_CA_CERTS.
 * - Three bases on one server, with a path each so endpoint overrides that carry a path are
 *   exercised: `armUrl` (https://127.0.0.1:<port>/arm), `graphUrl` (.../graph) and
 *   `keyvaultUrl` (.../keyvault, the Key Vault data plane with each vault below it by name, as
 *   CLOUDWARD_AZURE_KEYVAULT_ENDPOINT maps https://{vault}.vault.azure.net to {base}/{vault}).
 * - Every request must carry `Authorization: Bearer <token>` where the token is signed with
 *   the fixture's `secret` (see tokens.ts) and its audience is the chosen cloud's Resource
 *   Manager, Graph or Key Vault audience (a Resource Manager token sent to Key Vault is
 *   refused as Key Vault refuses it). Anything else gets Azure's 401 and lands in `refused`.
 * - Answers come from `routes`, a map from a route key to answers (data, not code):
 *
 *     'arm /subscriptions?api-version=2022-12-01': armList([...])
 *     'graph /v1.0/users': graphList([...])
 *     'arm POST /providers/Microsoft.ResourceGraph/resources': {...}
 *     'keyvault /kvprod/certificates?api-version=7.4': vaultList('kvprod', [...])
 *
 *   A key is `<arm|graph|keyvault> [METHOD ]<path>[?name=value&...]`: GET when no method is given; the
 *   path is below the base and compared case-insensitively (as Resource Manager does); every
 *   query parameter in the key must match, others ($skiptoken, $filter...) are free. A route
 *   is an answer, a list of answers served in turn (the last one repeats: a 429 then a 200),
 *   or a function of the request. Helpers below build Azure's real shapes: paged lists with
 *   nextLink / @odata.nextLink, errors, 429 with Retry-After.
 * - A request no route matches gets 400 FixtureRouteMissing and lands in `unmatched`.
 * - `reset()` between tests forgets routes, requests and counters (one server per file).
 * - Responses carry Azure's headers: x-ms-request-id, x-ms-correlation-request-id and
 *   x-ms-ratelimit-remaining-subscription-global-reads / -tenant-reads (Resource Manager),
 *   request-id (Graph).
 */

export interface FixtureRequest {
  api: AzureApi;
  method: string;
  /** the path below the API base, without the query */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  claims: TokenClaims;
  /** when it arrived (Date.now()) */
  at: number;
}

export interface FixtureAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** answer after this many milliseconds (latency for benchmarks, timeouts for tests) */
  delayMs?: number;
}

export interface FixtureContext {
  /** the fixture's base URL of an API (https://127.0.0.1:<port>/arm) */
  base(api: AzureApi): string;
  /** the cloud's public base of an API (https://management.azure.com) */
  publicBase(api: AzureApi): string;
}

export type FixtureRoute =
  | FixtureAnswer
  | FixtureAnswer[]
  | ((req: FixtureRequest, ctx: FixtureContext) => FixtureAnswer);
export type FixtureRoutes = Record<string, FixtureRoute>;

export interface FixtureOptions {
  cloud?: AzureCloudName;
  routes?: FixtureRoutes;
  /** path prefixes of the two APIs on the server; default /arm and /graph */
  armBase?: string;
  graphBase?: string;
  keyvaultBase?: string;
}

export interface RefusedRequest {
  api: AzureApi;
  path: string;
  reason: string;
}

export interface AzureFixture {
  armUrl: string;
  graphUrl: string;
  keyvaultUrl: string;
  /** https://127.0.0.1:<port> */
  origin: string;
  secret: string;
  pki: TestPki;
  cloud: AzureCloudName;
  requests: FixtureRequest[];
  refused: RefusedRequest[];
  unmatched: string[];
  routes: FixtureRoutes;
  /** forget routes, recorded requests and the answer counters of list routes */
  reset(): void;
  close(): Promise<void>;
}

interface ParsedKey {
  api: AzureApi;
  method: string;
  path: string;
  query: [string, string][];
}

function parseKey(key: string): ParsedKey {
  const m = /^(arm|graph|keyvault)\s+(?:([A-Z]+)\s+)?(\/\S*)$/.exec(key.trim());
  if (!m)
    throw new Error(`fixture route key '${key}': expected '<arm|graph|keyvault> [METHOD ]/path[?query]'`);
  const [pathPart, queryPart] = (m[3] as string).split('?', 2) as [string, string | undefined];
  return {
    api: m[1] as AzureApi,
    method: m[2] ?? 'GET',
    path: pathPart.toLowerCase(),
    query: [...new URLSearchParams(queryPart ?? '').entries()],
  };
}

const jsonType = {
  arm: 'application/json; charset=utf-8',
  keyvault: 'application/json; charset=utf-8',
  graph: 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
};

/** Resource Manager's error body. */
export function armError(status: number, code: string, message: string): FixtureAnswer {
  return { status, body: { error: { code, message } } };
}

/** Microsoft Graph's error body, with its innerError. */
export function graphError(status: number, code: string, message: string): FixtureAnswer {
  const id = randomUUID();
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': id,
          'client-request-id': id,
        },
      },
    },
  };
}

/**
 * Key Vault's refusal: code Forbidden, with the precise reason in innererror.code
 * (ForbiddenByFirewall, ForbiddenByRbac, AccessDenied for a missing access policy permission).
 */
export function vaultError(
  status: number,
  innerCode: string | null,
  message: string,
  code = 'Forbidden',
): FixtureAnswer {
  return {
    status,
    body: { error: { code, message, ...(innerCode ? { innererror: { code: innerCode } } : {}) } },
  };
}

/**
 * A Key Vault data-plane list, `pageSize` items a page, paged as Key Vault pages: an absolute
 * nextLink on the vault's own public host with port 443 (https://{vault}.vault.azure.net:443/...)
 * and $skiptoken, which the client maps back to the configured endpoint; `nextLink: null` last.
 */
export function vaultList(
  vault: string,
  items: readonly unknown[],
  opts: { pageSize?: number; cloud?: AzureCloudName } = {},
): (req: FixtureRequest) => FixtureAnswer {
  const size = opts.pageSize ?? 25;
  const suffix = AZURE_CLOUDS[opts.cloud ?? 'AzureCloud'].keyVaultDnsSuffix;
  return (req) => {
    const start = Number(req.query.get('$skiptoken') ?? '0');
    let nextLink: string | null = null;
    if (start + size < items.length) {
      const q = new URLSearchParams(req.query);
      q.set('$skiptoken', String(start + size));
      const below = req.path.slice(vault.length + 1);
      nextLink = `https://${vault}.${suffix}:443${below}?${q.toString().replace(/%24/g, '$')}`;
    }
    return { body: { value: items.slice(start, start + size), nextLink } };
  };
}

/** Resource Manager's 429 (token bucket empty), with Retry-After in seconds. */
export function armThrottled(
  retryAfterSeconds: number,
  subscription = '00000000-0000-0000-0000-000000000000',
): FixtureAnswer {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      error: {
        code: 'SubscriptionRequestsThrottled',
        message: `Number of 'read' requests for subscription '${subscription}' actor '${randomUUID()}' exceeded. Please try again after '${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
      },
    },
  };
}

/** Microsoft Graph's 429, with Retry-After in seconds. */
export function graphThrottled(retryAfterSeconds: number): FixtureAnswer {
  const a = graphError(429, 'TooManyRequests', 'Too many requests.');
  return { ...a, headers: { 'retry-after': String(retryAfterSeconds) } };
}

/**
 * A Resource Manager list, `pageSize` items a page, each page linking the next with an
 * absolute nextLink carrying $skiptoken (on the fixture's base, or on the cloud's public host
 * with `links: 'public'`, as a backend behind a private endpoint may write them), and
 * `nextLink: null` on the last page as Resource Manager sends it.
 */
export function armList(
  items: readonly unknown[],
  opts: { pageSize?: number; links?: 'fixture' | 'public' | ((req: FixtureRequest) => string) } = {},
): (req: FixtureRequest, ctx: FixtureContext) => FixtureAnswer {
  const size = opts.pageSize ?? 100;
  return (req, ctx) => {
    const start = Number(req.query.get('$skiptoken') ?? '0');
    const value = items.slice(start, start + size);
    let nextLink: string | null = null;
    if (start + size < items.length) {
      const q = new URLSearchParams(req.query);
      q.set('$skiptoken', String(start + size));
      const base = opts.links === 'public' ? ctx.publicBase('arm') : ctx.base('arm');
      nextLink =
        typeof opts.links === 'function'
          ? opts.links(req)
          : `${base}${req.path}?${q.toString().replace(/%24/g, '$')}`;
    }
    return { body: { value, nextLink } };
  };
}

/** A Microsoft Graph collection, paged with @odata.nextLink ($skiptoken), as Graph sends it. */
export function graphList(
  items: readonly unknown[],
  opts: { pageSize?: number; context?: string } = {},
): (req: FixtureRequest, ctx: FixtureContext) => FixtureAnswer {
  const size = opts.pageSize ?? 100;
  return (req, ctx) => {
    const start = Number(req.query.get('$skiptoken') ?? '0');
    const body: Record<string, unknown> = {
      '@odata.context':
        opts.context ??
        `${ctx.publicBase('graph')}${req.path.slice(0, 5)}/$metadata#${req.path.split('/').pop()}`,
      value: items.slice(start, start + size),
    };
    if (start + size < items.length) {
      const q = new URLSearchParams(req.query);
      q.set('$skiptoken', String(start + size));
      body['@odata.nextLink'] = `${ctx.base('graph')}${req.path}?${q.toString().replace(/%24/g, '$')}`;
    }
    return { body };
  };
}

export async function startAzureFixture(opts: FixtureOptions = {}): Promise<AzureFixture> {
  const cloud = opts.cloud ?? 'AzureCloud';
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-azure-fixture-'));
  const pki = await makeTestPki(dir);
  const secret = newSecret();
  const bases: Record<AzureApi, string> = {
    arm: opts.armBase ?? '/arm',
    graph: opts.graphBase ?? '/graph',
    keyvault: opts.keyvaultBase ?? '/keyvault',
  };
  const routes: FixtureRoutes = { ...(opts.routes ?? {}) };
  const served = new Map<string, number>();
  const requests: FixtureRequest[] = [];
  const refused: RefusedRequest[] = [];
  const unmatched: string[] = [];
  const remaining = new Map<string, number>();
  let origin = '';

  const ctx: FixtureContext = {
    base: (api) => `${origin}${bases[api]}`,
    publicBase: (api) =>
      ({
        arm: AZURE_CLOUDS[cloud].resourceManager,
        graph: AZURE_CLOUDS[cloud].graph,
        keyvault: `https://${AZURE_CLOUDS[cloud].keyVaultDnsSuffix}`,
      })[api],
  };

  const azureHeaders = (api: AzureApi, path: string): Record<string, string> => {
    const id = randomUUID();
    if (api === 'graph') return { 'request-id': id, 'client-request-id': id, 'content-type': jsonType.graph };
    if (api === 'keyvault') {
      return {
        'x-ms-request-id': id,
        'x-ms-keyvault-service-version': '1.9.1170.1',
        'x-ms-keyvault-region': 'westeurope',
        'content-type': jsonType.keyvault,
      };
    }
    const sub = /^\/subscriptions\/([^/]+)\//i.exec(`${path}/`)?.[1];
    const key = sub ? `sub:${sub}` : 'tenant';
    const left = (remaining.get(key) ?? 3750) - 1;
    remaining.set(key, left);
    return {
      'x-ms-request-id': id,
      'x-ms-correlation-request-id': randomUUID(),
      'content-type': jsonType.arm,
      [sub ? 'x-ms-ratelimit-remaining-subscription-global-reads' : 'x-ms-ratelimit-remaining-tenant-reads']:
        String(left),
    };
  };

  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const api = (Object.keys(bases) as AzureApi[]).find(
        (a) => url.pathname === bases[a] || url.pathname.startsWith(`${bases[a]}/`),
      );
      if (!api) {
        unmatched.push(`${req.method} ${url.pathname}`);
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>404 Not Found</body></html>');
        return;
      }
      const path = url.pathname.slice(bases[api].length) || '/';
      const reply = (a: FixtureAnswer) => {
        const send = () => {
          if (res.destroyed) return;
          const body = a.body === undefined ? '' : JSON.stringify(a.body);
          res.writeHead(a.status ?? 200, { ...azureHeaders(api, path), ...(a.headers ?? {}) });
          res.end(body);
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      };

      const auth = String(req.headers.authorization ?? '');
      const bearer = /^Bearer (\S+)$/.exec(auth);
      const checked = bearer ? verifyToken(secret, bearer[1] as string) : { error: 'no bearer token' };
      let reason = 'error' in checked ? checked.error : '';
      if ('claims' in checked && !audiencesFor(cloud, api).includes(checked.claims.aud)) {
        reason = `audience ${checked.claims.aud} is not ${{ arm: 'Resource Manager', graph: 'Graph', keyvault: 'Key Vault' }[api]} of ${cloud}`;
      }
      if (reason || !('claims' in checked)) {
        refused.push({ api, path, reason });
        if (api === 'arm') {
          const a = bearer
            ? armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.')
            : armError(
                401,
                'AuthenticationFailed',
                "Authentication failed. The 'Authorization' header is missing.",
              );
          reply({
            ...a,
            headers: {
              'www-authenticate': `Bearer authorization_uri="${AZURE_CLOUDS[cloud].authorityHost}/common", error="invalid_token", error_description="${reason}"`,
            },
          });
        } else if (api === 'keyvault') {
          const resource = `https://${AZURE_CLOUDS[cloud].keyVaultDnsSuffix}`;
          reply({
            ...vaultError(
              401,
              null,
              bearer
                ? `AKV10022: Invalid audience. Expected ${resource}, found: ${'claims' in checked ? checked.claims.aud : '(unreadable token)'}.`
                : 'AKV10000: Request is missing a Bearer or PoP token.',
              'Unauthorized',
            ),
            headers: {
              'www-authenticate': `Bearer authorization="${AZURE_CLOUDS[cloud].authorityHost}/${TEST_TENANT}", resource="${resource}"`,
            },
          });
        } else {
          reply(graphError(401, 'InvalidAuthenticationToken', `Access token validation failure. ${reason}`));
        }
        return;
      }

      const r: FixtureRequest = {
        api,
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        claims: checked.claims,
        at: Date.now(),
      };
      requests.push(r);
      const key = Object.keys(routes).find((k) => {
        const p = parseKey(k);
        return (
          p.api === api &&
          p.method === r.method &&
          p.path === path.toLowerCase() &&
          p.query.every(([n, v]) => url.searchParams.get(n) === v)
        );
      });
      if (!key) {
        const what = `${api} ${r.method} ${path}${url.search}`;
        unmatched.push(what);
        reply(armError(400, 'FixtureRouteMissing', `no fixture route for ${what}`));
        return;
      }
      const route = routes[key] as FixtureRoute;
      if (typeof route === 'function') {
        reply(route(r, ctx));
      } else if (Array.isArray(route)) {
        const n = served.get(key) ?? 0;
        served.set(key, n + 1);
        reply(route[Math.min(n, route.length - 1)] as FixtureAnswer);
      } else {
        reply(route);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    armUrl: ctx.base('arm'),
    graphUrl: ctx.base('graph'),
    keyvaultUrl: ctx.base('keyvault'),
    origin,
    secret,
    pki,
    cloud,
    requests,
    refused,
    unmatched,
    routes,
    reset() {
      for (const k of Object.keys(routes)) delete routes[k];
      served.clear();
      remaining.clear();
      requests.length = 0;
      refused.length = 0;
      unmatched.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

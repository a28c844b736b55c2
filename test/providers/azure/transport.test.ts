import { CredentialUnavailableError } from '@azure/identity';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AzureAbsentError,
  AzureConfigError,
  AzureCredentialError,
  AzureDeniedError,
  AzureFailedError,
  AzureThrottledError,
} from '../../../src/providers/azure/errors.js';
import type { LimitScope, RequestLimiter } from '../../../src/providers/azure/limiter.js';
import { retryAfterMs } from '../../../src/providers/azure/transport.js';
import { armPath, encodeQuery } from '../../../src/providers/azure/urls.js';
import { armError, armList, armThrottled, graphError, graphList, graphThrottled } from './fixture-server.js';
import { azureFixtureForFile, fixtureTransport, SUB_A } from './helpers.js';
import { fixtureCredential, TEST_PRINCIPAL, TEST_TENANT } from './tokens.js';

const NSG_API = '2024-05-01';
const nsgPath = `/subscriptions/${SUB_A}/providers/Microsoft.Network/networkSecurityGroups`;
const nsg = (name: string) => ({
  id: `/subscriptions/${SUB_A}/resourceGroups/rg1/providers/Microsoft.Network/networkSecurityGroups/${name}`,
  name,
  type: 'Microsoft.Network/networkSecurityGroups',
  location: 'westeurope',
  properties: { provisioningState: 'Succeeded', securityRules: [] },
});

const fx = azureFixtureForFile();
afterEach(() => expect(fx.unmatched).toEqual([]));

describe('requests', () => {
  it('keep the override base path and Azure path and query, with a bearer token for the cloud', async () => {
    fx.routes[`arm ${nsgPath}?api-version=${NSG_API}`] = { body: { value: [nsg('web')] } };
    const { transport } = fixtureTransport(fx);
    const body = await transport.get<{ value: unknown[] }>('arm', nsgPath, { 'api-version': NSG_API });
    expect(body.value).toHaveLength(1);
    const [req] = fx.requests;
    expect(req?.path).toBe(nsgPath);
    expect(req?.query.get('api-version')).toBe(NSG_API);
    expect(req?.claims.aud).toBe('https://management.azure.com');
    expect(String(req?.headers['user-agent'])).toMatch(/^cloudward/);
    expect(req?.headers['x-ms-client-request-id']).toBeTruthy();
    expect(fx.refused).toEqual([]);
    transport.close();
  });

  it('encode OData query names with their $ and values escaped', async () => {
    expect(encodeQuery({ $filter: "startswith(displayName,'a b')", $top: 5, skip: undefined })).toBe(
      "$filter=startswith(displayName%2C'a%20b')&$top=5",
    );
    expect(armPath('/subscriptions/{sub}/resourceGroups/{rg}', { sub: SUB_A, rg: 'rg (prod)/x' })).toBe(
      `/subscriptions/${SUB_A}/resourceGroups/rg%20(prod)%2Fx`,
    );
    fx.routes['graph /v1.0/users'] = graphList([{ id: 'u1' }]);
    const { transport } = fixtureTransport(fx);
    await transport.list('graph', '/v1.0/users', { $select: 'id,userType', $filter: "userType eq 'Guest'" });
    expect(fx.requests[0]?.query.get('$filter')).toBe("userType eq 'Guest'");
    expect(fx.requests[0]?.claims.aud).toBe('https://graph.microsoft.com');
    transport.close();
  });

  it('refuse an ARM call without a pinned api-version and a Graph path without its version', async () => {
    const { transport } = fixtureTransport(fx);
    await expect(transport.get('arm', nsgPath)).rejects.toBeInstanceOf(AzureConfigError);
    await expect(transport.get('graph', '/users')).rejects.toThrow(/v1\.0/);
    await expect(transport.get('arm', '/subscriptions?x=1', { 'api-version': '1' })).rejects.toThrow(
      /query separately/,
    );
    await expect(transport.get('arm', '/subscriptions/../x', { 'api-version': '1' })).rejects.toThrow(/\.\./);
    expect(fx.requests).toEqual([]);
    transport.close();
  });
});

describe('paging', () => {
  it('follows Resource Manager nextLink until it is null', async () => {
    const items = Array.from({ length: 7 }, (_, i) => nsg(`nsg${i}`));
    fx.routes[`arm ${nsgPath}?api-version=${NSG_API}`] = armList(items, { pageSize: 3 });
    const { transport } = fixtureTransport(fx);
    const got = await transport.list<{ name: string }>('arm', nsgPath, { 'api-version': NSG_API });
    expect(got.map((n) => n.name)).toEqual(items.map((n) => n.name));
    expect(fx.requests.map((r) => r.query.get('$skiptoken'))).toEqual([null, '3', '6']);
    expect(transport.stats().calls).toBe(3);
    transport.close();
  });

  it('follows Graph @odata.nextLink', async () => {
    const users = Array.from({ length: 5 }, (_, i) => ({ id: `u${i}`, userType: 'Member' }));
    fx.routes['graph /v1.0/users'] = graphList(users, { pageSize: 2 });
    const { transport } = fixtureTransport(fx);
    const pages: number[] = [];
    for await (const page of transport.pages('graph', '/v1.0/users')) pages.push(page.length);
    expect(pages).toEqual([2, 2, 1]);
    transport.close();
  });

  it('rewrites links on the public host to the configured private endpoint', async () => {
    fx.routes[`arm ${nsgPath}?api-version=${NSG_API}`] = armList([nsg('a'), nsg('b')], {
      pageSize: 1,
      links: 'public',
    });
    const { transport } = fixtureTransport(fx);
    const got = await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    expect(got).toHaveLength(2);
    expect(fx.requests).toHaveLength(2);
    transport.close();
  });

  it('refuses a link to another host and never sends the token there', async () => {
    fx.routes[`arm ${nsgPath}?api-version=${NSG_API}`] = armList([nsg('a'), nsg('b')], {
      pageSize: 1,
      links: () => `https://attacker.example/arm${nsgPath}?api-version=${NSG_API}&$skiptoken=1`,
    });
    const { transport } = fixtureTransport(fx);
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureFailedError);
    expect((err as AzureFailedError).code).toBe('UntrustedNextLink');
    expect(fx.requests).toHaveLength(1);
    transport.close();
  });

  it('adds the call api-version to a Resource Manager link that lacks it', async () => {
    fx.routes[`arm ${nsgPath}`] = armList([nsg('a'), nsg('b')], {
      pageSize: 1,
      links: (req) => (req.query.get('$skiptoken') ? '' : `${fx.armUrl}${nsgPath}?$skiptoken=1`),
    });
    const { transport } = fixtureTransport(fx);
    await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    expect(fx.requests.map((r) => r.query.get('api-version'))).toEqual([NSG_API, NSG_API]);
    transport.close();
  });

  it('stops on a link that repeats', async () => {
    fx.routes[`arm ${nsgPath}`] = {
      body: { value: [nsg('a')], nextLink: `${fx.armUrl}${nsgPath}?api-version=${NSG_API}` },
    };
    const { transport } = fixtureTransport(fx);
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect((err as AzureFailedError).code).toBe('NextLinkLoop');
    transport.close();
  });

  it('reports a list answer without value as failed', async () => {
    fx.routes[`arm ${nsgPath}`] = { body: { id: 'x' } };
    const { transport } = fixtureTransport(fx);
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect((err as AzureFailedError).code).toBe('UnexpectedShape');
    transport.close();
  });
});

describe('errors', () => {
  const rgPath = `/subscriptions/${SUB_A}/resourceGroups/missing`;

  it('a 404 with an Azure code is absent, with the code and message', async () => {
    fx.routes[`arm ${rgPath}`] = armError(
      404,
      'ResourceGroupNotFound',
      "Resource group 'missing' could not be found.",
    );
    fx.routes['graph /v1.0/users/nobody'] = graphError(
      404,
      'Request_ResourceNotFound',
      "Resource 'nobody' does not exist or one of its queried reference-property objects are not present.",
    );
    const { transport } = fixtureTransport(fx);
    const arm = await transport.get('arm', rgPath, { 'api-version': '2022-09-01' }).catch((e: unknown) => e);
    expect(arm).toBeInstanceOf(AzureAbsentError);
    expect(arm).toMatchObject({ kind: 'absent', code: 'ResourceGroupNotFound', status: 404, api: 'arm' });
    expect((arm as AzureAbsentError).requestId).toBeTruthy();
    expect((arm as Error).message).toContain("Resource group 'missing' could not be found.");
    const graph = await transport.get('graph', '/v1.0/users/nobody').catch((e: unknown) => e);
    expect(graph).toMatchObject({ kind: 'absent', code: 'Request_ResourceNotFound' });
    transport.close();
  });

  it('a 404 without an Azure error body is a failure, not "absent"', async () => {
    fx.routes[`arm ${rgPath}`] = { status: 404, body: undefined };
    const { transport } = fixtureTransport(fx);
    const err = await transport.get('arm', rgPath, { 'api-version': '2022-09-01' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureFailedError);
    expect((err as AzureFailedError).code).toBe('NotFoundWithoutAzureError');
    transport.close();
  });

  it('403 is denied, with the Azure code and message', async () => {
    const message = `The client '${TEST_PRINCIPAL}' with object id '${TEST_PRINCIPAL}' does not have authorization to perform action 'Microsoft.Network/networkSecurityGroups/read' over scope '/subscriptions/${SUB_A}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
    fx.routes[`arm ${nsgPath}`] = armError(403, 'AuthorizationFailed', message);
    fx.routes['graph /v1.0/policies/authorizationPolicy'] = graphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    const { transport } = fixtureTransport(fx);
    const arm = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect(arm).toBeInstanceOf(AzureDeniedError);
    expect(arm).toMatchObject({ code: 'AuthorizationFailed', azureMessage: message, status: 403 });
    const graph = await transport.get('graph', '/v1.0/policies/authorizationPolicy').catch((e: unknown) => e);
    expect(graph).toMatchObject({ kind: 'denied', code: 'Authorization_RequestDenied' });
    expect(fx.requests).toHaveLength(2);
    transport.close();
  });

  it('a 5xx is retried with backoff, then failed', async () => {
    fx.routes[`arm ${nsgPath}`] = armError(503, 'ServiceUnavailable', 'The service is unavailable.');
    const { transport, clock } = fixtureTransport(fx, { maxAttempts: 3 });
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'failed', code: 'ServiceUnavailable', status: 503 });
    expect(fx.requests).toHaveLength(3);
    // equal jitter at random 0.5: 3/4 of 1 s, then of 2 s
    expect(clock.sleeps).toEqual([750, 1500]);
    transport.close();
  });

  it('a 400 is not retried', async () => {
    fx.routes[`arm ${nsgPath}`] = armError(
      400,
      'InvalidApiVersionParameter',
      "The api-version '1999-01-01' is invalid.",
    );
    const { transport } = fixtureTransport(fx);
    await expect(transport.list('arm', nsgPath, { 'api-version': '1999-01-01' })).rejects.toMatchObject({
      kind: 'failed',
      code: 'InvalidApiVersionParameter',
    });
    expect(fx.requests).toHaveLength(1);
    transport.close();
  });

  it('a token the endpoint refuses (another cloud) is denied, with the 401 reason', async () => {
    fx.routes[`arm ${nsgPath}`] = { body: { value: [] } };
    const { transport } = fixtureTransport(fx, { cloud: 'AzureUSGovernment' });
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'denied', code: 'InvalidAuthenticationToken', status: 401 });
    expect(fx.refused[0]?.reason).toMatch(/management\.usgovcloudapi\.net/);
    transport.close();
  });

  it('a credential that cannot give a token is reported before anything is sent', async () => {
    const { transport } = fixtureTransport(fx, {
      credential: {
        getToken: async () => {
          throw new CredentialUnavailableError(
            "Please run 'az login' from a command prompt to authenticate.",
          );
        },
      },
    });
    const err = await transport
      .get('arm', '/subscriptions', { 'api-version': '2022-12-01' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureCredentialError);
    expect(err).toMatchObject({ kind: 'denied', code: 'CredentialUnavailable' });
    expect((err as Error).message).toContain('az login');
    expect(fx.requests.length + fx.refused.length).toBe(0);
    transport.close();
  });

  it('an untrusted certificate fails with a hint, without retries', async () => {
    fx.routes['arm /subscriptions'] = { body: { value: [] } };
    const { transport } = fixtureTransport(fx, { ca: undefined });
    const err = await transport
      .get('arm', '/subscriptions', { 'api-version': '2022-12-01' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureFailedError);
    expect((err as AzureFailedError).code).toMatch(/CERT|SIGNATURE/);
    expect((err as Error).message).toContain('NODE_EXTRA_CA_CERTS');
    expect(transport.stats().attempts).toBe(1);
    transport.close();
  });
});

describe('timeouts and cancellation', () => {
  it('a request without an answer times out, is retried, then fails', async () => {
    fx.routes[`arm ${nsgPath}`] = { body: { value: [] }, delayMs: 5000 };
    const { transport } = fixtureTransport(fx, { requestTimeoutMs: 100, maxAttempts: 2 });
    const err = await transport.list('arm', nsgPath, { 'api-version': NSG_API }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'failed', code: 'RequestTimeout' });
    expect(transport.stats()).toMatchObject({ attempts: 2, retries: 1 });
    transport.close();
  });

  it('a caller abort stops the read without retries', async () => {
    fx.routes[`arm ${nsgPath}`] = { body: { value: [] }, delayMs: 5000 };
    const { transport } = fixtureTransport(fx);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await transport
      .list('arm', nsgPath, { 'api-version': NSG_API }, { signal: ac.signal })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(transport.stats().attempts).toBe(1);
    transport.close();
  });
});

describe('throttling', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    fx.routes[`arm ${nsgPath}`] = [armThrottled(7, SUB_A), { body: { value: [nsg('a')] } }];
    const { transport, clock } = fixtureTransport(fx);
    const got = await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    expect(got).toHaveLength(1);
    expect(clock.sleeps).toEqual([7000]);
    expect(transport.stats()).toMatchObject({ attempts: 2, retries: 1, throttled: 1 });
    transport.close();
  });

  it('a 429 pauses its limit scope for Retry-After, so the other requests of the scope wait too', async () => {
    const pauses: [string, number][] = [];
    const limiter: RequestLimiter = {
      run: <T>(_scope: LimitScope, fn: () => Promise<T>) => fn(),
      pause: (scope, ms) => {
        pauses.push([scope.key, ms]);
      },
    };
    fx.routes[`arm ${nsgPath}`] = [armThrottled(5, SUB_A), { body: { value: [] } }];
    const { transport } = fixtureTransport(fx, { limiter });
    await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    expect(pauses).toEqual([[`arm:subscription:${SUB_A}:${TEST_PRINCIPAL}`, 5000]]);
    transport.close();
  });

  it('ends throttled, with the wait Azure asked for, when 429s do not stop', async () => {
    fx.routes['graph /v1.0/users'] = graphThrottled(3);
    const { transport, clock } = fixtureTransport(fx, { maxAttempts: 4 });
    const err = await transport.list('graph', '/v1.0/users').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureThrottledError);
    expect(err).toMatchObject({ code: 'TooManyRequests', retryAfterMs: 3000, attempts: 4, status: 429 });
    expect(clock.sleeps).toEqual([3000, 3000, 3000]);
    transport.close();
  });

  it('does not wait longer than maxRetryAfterMs', async () => {
    fx.routes[`arm ${nsgPath}`] = armThrottled(3600, SUB_A);
    const { transport, clock } = fixtureTransport(fx, { maxRetryAfterMs: 60_000 });
    await expect(transport.list('arm', nsgPath, { 'api-version': NSG_API })).rejects.toMatchObject({
      kind: 'throttled',
      code: 'SubscriptionRequestsThrottled',
      retryAfterMs: 3_600_000,
    });
    expect(clock.sleeps).toEqual([]);
    transport.close();
  });

  it('reads Retry-After as seconds, an HTTP date or milliseconds', () => {
    const h = (o: Record<string, string>) => ({ get: (n: string) => o[n] });
    expect(retryAfterMs(h({ 'retry-after': '17' }), 0)).toBe(17_000);
    expect(retryAfterMs(h({ 'retry-after': new Date(60_000).toUTCString() }), 30_000)).toBe(30_000);
    expect(retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }), 0)).toBe(250);
    expect(retryAfterMs(h({}), 0)).toBeUndefined();
  });

  it('records the remaining-reads headers per limit scope', async () => {
    fx.routes[`arm ${nsgPath}`] = { body: { value: [] } };
    fx.routes['arm /subscriptions'] = { body: { value: [] } };
    const { transport } = fixtureTransport(fx);
    await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    await transport.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    const rl = transport.stats().rateLimits;
    const sub = rl[`arm:subscription:${SUB_A}:${TEST_PRINCIPAL}`];
    // the fixture counts down from 3,750 as Resource Manager does from 15 x 250
    expect(sub?.['x-ms-ratelimit-remaining-subscription-global-reads']).toEqual({ min: 3748, last: '3748' });
    expect(
      rl[`arm:tenant:${TEST_TENANT}:${TEST_PRINCIPAL}`]?.['x-ms-ratelimit-remaining-tenant-reads'],
    ).toBeDefined();
    transport.close();
  });
});

describe('limit scopes', () => {
  it('key each attempt by (subscription, principal), tenant, Graph tenant and conditional access', async () => {
    const seen: string[] = [];
    const limiter: RequestLimiter = {
      run: <T>(scope: LimitScope, fn: () => Promise<T>) => {
        seen.push(scope.key);
        return fn();
      },
      pause: () => {},
    };
    fx.routes[`arm ${nsgPath}`] = [armThrottled(1, SUB_A), { body: { value: [] } }];
    fx.routes['arm /subscriptions'] = { body: { value: [] } };
    fx.routes['graph /v1.0/users'] = { body: { value: [] } };
    fx.routes['graph /v1.0/identity/conditionalAccess/policies'] = { body: { value: [] } };
    const { transport } = fixtureTransport(fx, { limiter, credential: fixtureCredential(fx.secret) });
    await transport.list('arm', nsgPath, { 'api-version': NSG_API });
    await transport.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    await transport.list('graph', '/v1.0/users');
    await transport.list('graph', '/v1.0/identity/conditionalAccess/policies');
    expect(seen).toEqual([
      `arm:subscription:${SUB_A}:${TEST_PRINCIPAL}`,
      `arm:subscription:${SUB_A}:${TEST_PRINCIPAL}`,
      `arm:tenant:${TEST_TENANT}:${TEST_PRINCIPAL}`,
      `graph:${TEST_TENANT}`,
      `graph:${TEST_TENANT}:identity-protection`,
    ]);
    transport.close();
  });

  it('asks the credential once per scope, whatever the number of requests', async () => {
    fx.routes['arm /subscriptions'] = { body: { value: [] } };
    const credential = fixtureCredential(fx.secret);
    const { transport } = fixtureTransport(fx, { credential });
    for (let i = 0; i < 5; i++)
      await transport.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    expect([...credential.calls.entries()]).toEqual([['https://management.azure.com/.default', 1]]);
    transport.close();
  });
});

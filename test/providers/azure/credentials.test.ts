import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AzureCliCredential,
  DefaultAzureCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AZURE_CLOUDS } from '../../../src/providers/azure/clouds.js';
import { parseAzureProviderConfig } from '../../../src/providers/azure/config.js';
import {
  cachingCredential,
  createCredential,
  tokenIdentity,
} from '../../../src/providers/azure/credentials.js';
import { AzureConfigError, AzureCredentialError } from '../../../src/providers/azure/errors.js';
import { createAzureTransport } from '../../../src/providers/azure/index.js';
import { startAzureFixture } from './fixture-server.js';
import { azureFixtureForFile, SUB_A, subscriptionItem } from './helpers.js';
import { installStandinAz, type StandinAz } from './standin-az.js';
import { mintToken, TEST_PRINCIPAL, TEST_TENANT } from './tokens.js';

const LOGIN = AZURE_CLOUDS.AzureCloud.authorityHost;
const SUBS = 'arm /subscriptions?api-version=2022-12-01';

const fx = azureFixtureForFile();

const standins: StandinAz[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const s of standins.splice(0)) s.close();
});

/** The transport of a config, on the fixture, with the stand-in az first on PATH. */
function onFixture(config: Record<string, unknown>, az?: StandinAz) {
  if (az) vi.stubEnv('PATH', az.path);
  const env = {
    ...process.env,
    CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
    CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
  };
  return createAzureTransport(parseAzureProviderConfig({ type: 'azure', ...config }), {
    env,
    ca: fx.pki.caPem,
  });
}

function standin(opts: Partial<Parameters<typeof installStandinAz>[0]> = {}): StandinAz {
  const s = installStandinAz({ secret: fx.secret, ...opts });
  standins.push(s);
  return s;
}

describe('credential: cli (AzureCliCredential and az on PATH)', () => {
  it('reads tokens from az account get-access-token, once per API, and the endpoint accepts them', async () => {
    fx.routes[SUBS] = { body: { value: [subscriptionItem(SUB_A, 'Production')] } };
    fx.routes['graph /v1.0/organization'] = { body: { value: [{ id: TEST_TENANT }] } };
    const az = standin();
    const t = onFixture({ credential: 'cli' }, az);
    for (let i = 0; i < 3; i++) await t.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    await t.list('graph', '/v1.0/organization');
    expect(az.calls()).toEqual([
      ['account', 'get-access-token', '--output', 'json', '--resource', 'https://management.azure.com'],
      ['account', 'get-access-token', '--output', 'json', '--resource', 'https://graph.microsoft.com'],
    ]);
    expect(fx.refused).toEqual([]);
    expect(fx.requests).toHaveLength(4);
    expect(await t.caller('arm')).toMatchObject({ principal: TEST_PRINCIPAL, tenant: TEST_TENANT });
    t.close();
  });

  it('passes the configured tenant to az', async () => {
    fx.routes[SUBS] = { body: { value: [] } };
    const az = standin();
    const tenant = '11111111-2222-4333-8444-555555555555';
    const t = onFixture({ credential: 'cli', tenant_id: tenant }, az);
    await t.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    expect(az.calls()[0]).toEqual([
      'account',
      'get-access-token',
      '--output',
      'json',
      '--resource',
      'https://management.azure.com',
      '--tenant',
      tenant,
    ]);
    t.close();
  });

  it('asks for the chosen cloud audience even when the endpoints are overridden', async () => {
    const gov = await startAzureFixture({ cloud: 'AzureUSGovernment' });
    try {
      gov.routes[SUBS] = { body: { value: [] } };
      const az = installStandinAz({ secret: gov.secret, cloud: 'AzureUSGovernment' });
      standins.push(az);
      vi.stubEnv('PATH', az.path);
      const t = createAzureTransport(
        parseAzureProviderConfig({ type: 'azure', credential: 'cli', cloud: 'AzureUSGovernment' }),
        {
          env: { CLOUDWARD_AZURE_ARM_ENDPOINT: gov.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: gov.graphUrl },
          ca: gov.pki.caPem,
        },
      );
      await t.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
      expect(az.calls()[0]).toContain('https://management.usgovcloudapi.net');
      expect(gov.requests[0]?.claims.aud).toBe('https://management.usgovcloudapi.net');
      t.close();
    } finally {
      await gov.close();
    }
  });

  it('says to run az login when nobody is logged in, before anything is sent', async () => {
    const az = standin({ mode: 'logged-out' });
    const t = onFixture({ credential: 'cli' }, az);
    const err = await t
      .list('arm', '/subscriptions', { 'api-version': '2022-12-01' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureCredentialError);
    expect((err as Error).message).toMatch(/az login/);
    expect(fx.requests.length + fx.refused.length).toBe(0);
    t.close();
  });
});

describe('credential: default (DefaultAzureCredential)', () => {
  it('honours AZURE_TOKEN_CREDENTIALS: AzureCliCredential alone, no metadata endpoint probed', async () => {
    fx.routes[SUBS] = { body: { value: [] } };
    const az = standin();
    vi.stubEnv('AZURE_TOKEN_CREDENTIALS', 'AzureCliCredential');
    const t = onFixture({ credential: 'default' }, az);
    await t.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    expect(az.calls()).toHaveLength(1);
    expect(fx.refused).toEqual([]);
    t.close();
  });

  it('reports an AZURE_TOKEN_CREDENTIALS value the library does not know', () => {
    vi.stubEnv('AZURE_TOKEN_CREDENTIALS', 'KeychainCredential');
    expect(() => createCredential({ credential: 'default', authorityHost: LOGIN })).toThrow(AzureConfigError);
    expect(() => createCredential({ credential: 'default', authorityHost: LOGIN })).toThrow(
      /AZURE_TOKEN_CREDENTIALS/,
    );
  });

  it('is the identity library chain when nothing narrows it', () => {
    vi.stubEnv('AZURE_TOKEN_CREDENTIALS', '');
    expect(createCredential({ credential: 'default', authorityHost: LOGIN })).toBeInstanceOf(
      DefaultAzureCredential,
    );
  });
});

describe('credential: environment, workload_identity', () => {
  it('environment needs the service principal variables and names the missing ones', () => {
    expect(() => createCredential({ credential: 'environment', authorityHost: LOGIN }, {})).toThrow(
      /AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/,
    );
    const env = {
      AZURE_TENANT_ID: TEST_TENANT,
      AZURE_CLIENT_ID: TEST_PRINCIPAL,
      AZURE_CLIENT_SECRET: 'not-a-real-secret',
    };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    expect(createCredential({ credential: 'environment', authorityHost: LOGIN }, env)).toBeInstanceOf(
      EnvironmentCredential,
    );
  });

  it('workload_identity needs a federated token file and names what is missing', () => {
    expect(() => createCredential({ credential: 'workload_identity', authorityHost: LOGIN }, {})).toThrow(
      /AZURE_FEDERATED_TOKEN_FILE, AZURE_TENANT_ID, AZURE_CLIENT_ID/,
    );
    const env = { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const c = createCredential(
      {
        credential: 'workload_identity',
        authorityHost: LOGIN,
        tenant_id: TEST_TENANT,
        client_id: TEST_PRINCIPAL,
      },
      env,
    );
    expect(c).toBeInstanceOf(WorkloadIdentityCredential);
  });

  it('cli is the Azure CLI credential', () => {
    expect(createCredential({ credential: 'cli', authorityHost: LOGIN })).toBeInstanceOf(AzureCliCredential);
  });
});

describe('credential: managed_identity', () => {
  let server: Server;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let endpoint = '';
  beforeAll(async () => {
    // App Service's local identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER) on loopback:
    // with it set, the managed identity credential never reaches the instance metadata address
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers['x-identity-header'] !== 'local-identity-secret') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"statusCode":401,"message":"missing X-IDENTITY-HEADER"}');
        return;
      }
      const resource = url.searchParams.get('resource') ?? '';
      const { token, claims } = mintToken(fx.secret, { aud: resource.replace(/\/$/, '') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: token,
          expires_on: String(claims.exp),
          resource,
          token_type: 'Bearer',
          client_id: url.searchParams.get('client_id') ?? TEST_PRINCIPAL,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gets its token from the host identity endpoint, for the user-assigned identity named', async () => {
    vi.stubEnv('IDENTITY_ENDPOINT', endpoint);
    vi.stubEnv('IDENTITY_HEADER', 'local-identity-secret');
    fx.routes[SUBS] = { body: { value: [] } };
    const clientId = '99999999-8888-4777-8666-555555555555';
    const t = onFixture({ credential: 'managed_identity', client_id: clientId });
    await t.list('arm', '/subscriptions', { 'api-version': '2022-12-01' });
    expect(fx.refused).toEqual([]);
    const url = new URL(seen[0]?.url ?? '/', 'http://127.0.0.1');
    expect(url.searchParams.get('resource')).toBe('https://management.azure.com');
    expect(url.searchParams.get('client_id')).toBe(clientId);
    expect(createCredential({ credential: 'managed_identity', authorityHost: LOGIN })).toBeInstanceOf(
      ManagedIdentityCredential,
    );
    t.close();
  });
});

describe('token helpers', () => {
  it('read the caller from the token claims and ignore an opaque token', () => {
    const { token } = mintToken('s', { aud: 'https://management.azure.com', appid: 'app-1' });
    expect(tokenIdentity(token)).toMatchObject({
      tenantId: TEST_TENANT,
      objectId: TEST_PRINCIPAL,
      appId: 'app-1',
      audience: 'https://management.azure.com',
    });
    expect(tokenIdentity('opaque-token')).toEqual({});
  });

  it('cache one token per scope until it is close to expiry', async () => {
    let now = 0;
    let calls = 0;
    const c = cachingCredential(
      {
        getToken: async () => {
          calls++;
          return { token: `t${calls}`, expiresOnTimestamp: now + 3600_000 };
        },
      },
      () => now,
    );
    expect((await c.getToken('a/.default'))?.token).toBe('t1');
    expect((await c.getToken('a/.default'))?.token).toBe('t1');
    now += 3300_000; // within five minutes of expiry
    expect((await c.getToken('a/.default'))?.token).toBe('t2');
    expect((await c.getToken('b/.default'))?.token).toBe('t3');
    expect((await c.getToken('a/.default', { claims: '{"access_token":{}}' }))?.token).toBe('t4');
  });
});

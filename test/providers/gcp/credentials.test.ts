import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGcpProviderConfig } from '../../../src/providers/gcp/config.js';
import { GcpConfigError, GcpCredentialError } from '../../../src/providers/gcp/errors.js';
import { createGcpTransport } from '../../../src/providers/gcp/index.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv, SCANNER } from './helpers.js';
import { writeGcloudAdc, writeServiceAccountKey } from './keys.js';

const P = 'shop-prod';
const NETWORKS = `compute/v1/projects/${P}/global/networks`;
const AUDITOR = 'auditor@security-proj.iam.gserviceaccount.com';

let fx: GcpFixture;
let dir: string;
let restore: (() => void) | undefined;

beforeAll(async () => {
  fx = await startGcpFixture({
    routes: {
      [`compute GET ${NETWORKS}`]: { body: { kind: 'compute#networkList', items: [{ name: 'default' }] } },
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-cred-'));
});

afterEach(() => {
  restore?.();
  restore = undefined;
  fx.requests.length = 0;
  fx.tokenRequests.length = 0;
});

afterAll(async () => {
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

const readNetworks = async (cfg: Record<string, unknown> = {}) => {
  const transport = await fixtureTransport(fx, cfg);
  try {
    const items = await transport.list<{ name: string }>('compute', NETWORKS, { items: 'items', project: P });
    return { items, caller: await transport.caller() };
  } finally {
    transport.close();
  }
};

describe('Application Default Credentials', () => {
  it("GOOGLE_APPLICATION_CREDENTIALS: a service account key, its JWT exchanged at the key's token_uri", async () => {
    const key = fixtureServiceAccount(fx, dir);
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
    const { items, caller } = await readNetworks();
    expect(items.map((n) => n.name)).toEqual(['default']);
    expect(fx.tokenRequests).toEqual([{ kind: 'jwt-bearer', principal: SCANNER, ok: true }]);
    expect(fx.requests.map((r) => r.principal)).toEqual([SCANNER]);
    expect(caller).toEqual({
      kind: 'service_account',
      email: SCANNER,
      universe: 'googleapis.com',
      consumer: 'project:scanner-proj',
    });
  });

  it("gcloud's ADC file (application-default login), refreshed at the oauth2 endpoint override, with its quota project", async () => {
    restore = isolateGoogleEnv();
    const gcloudDir = process.env.CLOUDSDK_CONFIG ?? '';
    writeGcloudAdc(gcloudDir, {
      clientId: '764086051850-test.apps.googleusercontent.com',
      clientSecret: 'd-FL95Q19q7MQmFpd7hHD0Ty',
      refreshToken: '1//refresh-token-of-test-user',
      quotaProject: 'billing-proj',
    });
    fx.grants.users.push({
      clientId: '764086051850-test.apps.googleusercontent.com',
      clientSecret: 'd-FL95Q19q7MQmFpd7hHD0Ty',
      refreshToken: '1//refresh-token-of-test-user',
      principal: 'user:alice@example.com',
    });
    const { caller } = await readNetworks();
    expect(fx.tokenRequests).toEqual([
      { kind: 'refresh_token', principal: 'user:alice@example.com', ok: true },
    ]);
    expect(fx.requests[0]?.principal).toBe('user:alice@example.com');
    expect(fx.requests[0]?.headers['x-goog-user-project']).toBe('billing-proj');
    expect(caller).toMatchObject({
      kind: 'authorized_user',
      quotaProject: 'billing-proj',
      consumer: 'project:billing-proj',
    });
    expect(caller.email).toBeUndefined();
  });

  it('no credentials anywhere: a credential error that says where Cloudward looked', async () => {
    restore = isolateGoogleEnv();
    const e = await fixtureTransport(fx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GcpCredentialError);
    expect((e as GcpCredentialError).kind).toBe('denied');
    expect((e as Error).message).toMatch(
      /GOOGLE_APPLICATION_CREDENTIALS.*gcloud auth application-default login/,
    );
    expect(fx.requests).toEqual([]);
  });

  it('a key the token service refuses fails the first read with its reason, and sends no read', async () => {
    const unknown = writeServiceAccountKey(dir, {
      email: 'revoked@scanner-proj.iam.gserviceaccount.com',
      tokenUri: fx.tokenUri,
    });
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: unknown.file });
    const transport = await fixtureTransport(fx);
    const e = await transport.list('compute', NETWORKS, { items: 'items' }).catch((x: unknown) => x);
    transport.close();
    expect(e).toBeInstanceOf(GcpCredentialError);
    expect((e as Error).message).toContain('invalid_grant: Invalid JWT Signature.');
    expect((e as Error).message).not.toMatch(/PRIVATE KEY|assertion=/);
    expect(fx.requests).toEqual([]);
  });
});

describe('impersonate_service_account', () => {
  it('reads as the impersonated account, with tokens minted by iamcredentials generateAccessToken', async () => {
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
    fx.grants.impersonation[AUDITOR] = [SCANNER];
    const { caller } = await readNetworks({ impersonate_service_account: AUDITOR });
    expect(fx.tokenRequests.map((t) => `${t.kind} ${t.principal} ${t.ok}`)).toEqual([
      `jwt-bearer ${SCANNER} true`,
      `impersonation ${SCANNER} -> ${AUDITOR} true`,
    ]);
    expect(fx.requests.map((r) => r.principal)).toEqual([AUDITOR]);
    expect(caller).toMatchObject({
      kind: 'impersonated_service_account',
      email: AUDITOR,
      via: 'service_account',
      consumer: 'project:security-proj',
    });
  });

  it('a credential that may not impersonate the account gets a credential error naming the permission', async () => {
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
    fx.grants.impersonation[AUDITOR] = [];
    const transport = await fixtureTransport(fx, { impersonate_service_account: AUDITOR });
    const e = await transport.list('compute', NETWORKS, { items: 'items' }).catch((x: unknown) => x);
    transport.close();
    expect(e).toBeInstanceOf(GcpCredentialError);
    expect((e as Error).message).toContain('iam.serviceAccounts.getAccessToken');
    expect(fx.requests).toEqual([]);
  });

  it('refuses a target that is not a service account e-mail when the config is read', () => {
    expect(() => parseGcpProviderConfig({ type: 'gcp', impersonate_service_account: 'alice' })).toThrow(
      /impersonate_service_account: a service account e-mail/,
    );
    expect(() => parseGcpProviderConfig({ type: 'gcp', delegates: [AUDITOR] })).toThrow(
      /delegates only apply with impersonate_service_account/,
    );
  });
});

describe('universe', () => {
  it("follows the key's universe_domain when none is configured", async () => {
    const key = writeServiceAccountKey(dir, {
      email: 'svc@sov-proj.iam.gserviceaccount.com',
      tokenUri: fx.tokenUri,
      universe: 'sovereign.example',
      fileName: 'sovereign-key.json',
    });
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
    const transport = await createGcpTransport(parseGcpProviderConfig({ type: 'gcp' }), { env: {} });
    expect(transport.endpoints.root('compute')).toBe('https://compute.sovereign.example/');
    transport.close();
  });

  it('refuses a credential of another universe than the configured one', async () => {
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
    await expect(
      createGcpTransport(parseGcpProviderConfig({ type: 'gcp', universe_domain: 'sovereign.example' }), {
        env: {},
      }),
    ).rejects.toThrow(GcpConfigError);
  });
});

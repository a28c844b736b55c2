import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { AZURE_CLOUDS, type AzureApi, type AzureCloudName } from '../../../src/providers/azure/clouds.js';

/**
 * Test access tokens shaped like Entra's: a JWT whose claims (aud, tid, oid, appid, exp) are
 * the ones Resource Manager and Graph read, signed with HS256 and a per-fixture secret so the
 * fixture server can tell its own tokens from anything else.
 */
export interface TokenClaims {
  aud: string;
  tid: string;
  oid: string;
  appid?: string;
  upn?: string;
  iat: number;
  nbf: number;
  exp: number;
  iss: string;
}

export const TEST_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEST_PRINCIPAL = '6a1b2c3d-0000-4000-8000-0000000a11ce';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export function mintToken(
  secret: string,
  claims: Partial<TokenClaims> & { aud: string },
  lifetimeSeconds = 3600,
): { token: string; claims: TokenClaims } {
  const now = Math.floor(Date.now() / 1000);
  const tid = claims.tid ?? TEST_TENANT;
  const full: TokenClaims = {
    iat: now,
    nbf: now - 60,
    exp: now + lifetimeSeconds,
    iss: `https://sts.windows.net/${tid}/`,
    tid,
    oid: TEST_PRINCIPAL,
    ...claims,
  };
  const head = b64({ alg: 'HS256', typ: 'JWT', kid: 'cloudward-test' });
  const body = b64(full);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return { token: `${head}.${body}.${sig}`, claims: full };
}

/** The claims of a token this secret signed, or the reason it is refused. */
export function verifyToken(secret: string, token: string): { claims: TokenClaims } | { error: string } {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return { error: 'not a JWT' };
  const want = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    return { error: 'signature does not verify' };
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  if (claims.exp * 1000 < Date.now()) return { error: 'token expired' };
  return { claims };
}

/** The audiences Resource Manager / Graph / Key Vault of a cloud accept (with and without trailing slash). */
export function audiencesFor(cloud: AzureCloudName, api: AzureApi): string[] {
  const c = AZURE_CLOUDS[cloud];
  const scope = { arm: c.armScope, graph: c.graphScope, keyvault: c.keyVaultScope }[api];
  const base = scope.replace(/\/\.default$/, '');
  const extra =
    api === 'arm'
      ? [base.replace('https://management.', 'https://management.core.').replace('azure.com', 'windows.net')]
      : api === 'graph' && cloud === 'AzureCloud'
        ? ['00000003-0000-0000-c000-000000000000']
        : [];
  return [...new Set([base, ...extra])].flatMap((a) => (a.startsWith('https://') ? [a, `${a}/`] : [a]));
}

/** The resource of a scope, as Entra and `az --resource` take it. */
export function resourceOfScope(scope: string): string {
  return scope.replace(/\/\.default$/, '');
}

/**
 * A TokenCredential (the real @azure/core-auth interface) issuing fixture tokens for the
 * scope asked: for transport tests that are not about which credential class is chosen.
 * Counts calls per scope.
 */
export function fixtureCredential(
  secret: string,
  claims: Partial<TokenClaims> = {},
): TokenCredential & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = [scopes].flat()[0] ?? '';
      calls.set(scope, (calls.get(scope) ?? 0) + 1);
      const { token, claims: c } = mintToken(secret, { ...claims, aud: resourceOfScope(scope) });
      return { token, expiresOnTimestamp: c.exp * 1000, tokenType: 'Bearer' };
    },
  };
}

export function newSecret(): string {
  return randomUUID();
}

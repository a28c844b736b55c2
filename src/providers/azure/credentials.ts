import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import {
  AzureCliCredential,
  DefaultAzureCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { CREDENTIAL_KINDS, type CredentialKind } from './credential-kinds.js';
import { AzureConfigError } from './errors.js';

/**
 * Which credential the provider uses, the way Azure users already authenticate:
 *
 * - `default`: the identity library's DefaultAzureCredential chain (environment, workload
 *   identity, managed identity, then the developer tools: VS Code, Azure CLI, PowerShell,
 *   Azure Developer CLI). The library's own AZURE_TOKEN_CREDENTIALS narrows it (`dev`, `prod`
 *   or one credential name such as `AzureCliCredential`).
 * - `cli`: the account `az login` left (AzureCliCredential runs `az account get-access-token`).
 * - `environment`: a service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID and
 *   AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.
 * - `managed_identity`: the identity of the Azure host (system-assigned, or the user-assigned
 *   one named by `client_id`).
 * - `workload_identity`: a federated token file (AKS workload identity, GitHub OIDC...):
 *   AZURE_FEDERATED_TOKEN_FILE, AZURE_TENANT_ID, AZURE_CLIENT_ID.
 */
export { CREDENTIAL_KINDS, type CredentialKind };

export interface CredentialSettings {
  credential: CredentialKind;
  /** the Entra tenant to ask tokens of (cli, default, workload identity) */
  tenant_id?: string | undefined;
  /** a user-assigned managed identity, or the workload identity's application */
  client_id?: string | undefined;
  /** the login host of the chosen cloud (see resolveEndpoints) */
  authorityHost: string;
}

const TOKEN_CREDENTIALS_VARIABLE = 'AZURE_TOKEN_CREDENTIALS';

function missing(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  return names.filter((n) => !env[n]?.trim());
}

/**
 * The credential for the settings. Configuration the chosen credential cannot work without is
 * reported here, naming the missing variables, rather than at the first request.
 */
export function createCredential(
  settings: CredentialSettings,
  env: NodeJS.ProcessEnv = process.env,
  where = 'providers.azure.credential',
): TokenCredential {
  const { tenant_id: tenantId, client_id: clientId, authorityHost } = settings;
  switch (settings.credential) {
    case 'cli':
      return new AzureCliCredential(tenantId ? { tenantId } : {});
    case 'environment': {
      const gaps = missing(env, ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']);
      if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) {
        gaps.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
      }
      if (gaps.length > 0) {
        throw new AzureConfigError(`${where}: 'environment' needs ${gaps.join(', ')} in the environment`);
      }
      return new EnvironmentCredential({ authorityHost });
    }
    case 'managed_identity':
      return new ManagedIdentityCredential(clientId ? { clientId } : {});
    case 'workload_identity': {
      const gaps = missing(env, ['AZURE_FEDERATED_TOKEN_FILE']);
      if (!tenantId) gaps.push(...missing(env, ['AZURE_TENANT_ID']));
      if (!clientId) gaps.push(...missing(env, ['AZURE_CLIENT_ID']));
      if (gaps.length > 0) {
        throw new AzureConfigError(
          `${where}: 'workload_identity' needs ${gaps.join(', ')} in the environment`,
        );
      }
      return new WorkloadIdentityCredential({
        authorityHost,
        ...(tenantId ? { tenantId } : {}),
        ...(clientId ? { clientId } : {}),
      });
    }
    case 'default':
      try {
        return new DefaultAzureCredential({
          authorityHost,
          ...(tenantId ? { tenantId } : {}),
          ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
        });
      } catch (e) {
        // the library refuses an unknown AZURE_TOKEN_CREDENTIALS value when the chain is built
        const why = e instanceof Error ? e.message : String(e);
        throw new AzureConfigError(
          `${where}: 'default' could not be set up (${TOKEN_CREDENTIALS_VARIABLE}?): ${why}`,
        );
      }
    default: {
      const never: never = settings.credential;
      throw new AzureConfigError(`${where}: unknown credential '${String(never)}'`);
    }
  }
}

/** Refresh a cached token this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One token per scope, shared by the bearer policy of each pipeline and by `tokenIdentity`,
 * and refreshed before it expires. The CLI credential spawns `az` on every call otherwise.
 * A claims challenge (continuous access evaluation) always goes to the credential.
 */
export function cachingCredential(inner: TokenCredential, now: () => number = Date.now): TokenCredential {
  const cache = new Map<string, Promise<AccessToken | null>>();
  const fresh = (t: AccessToken | null): t is AccessToken => {
    if (!t) return false;
    const refreshAt = t.refreshAfterTimestamp ?? t.expiresOnTimestamp - REFRESH_MARGIN_MS;
    return now() < refreshAt && now() < t.expiresOnTimestamp;
  };
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      if (options?.claims) return inner.getToken(scopes, options);
      const key = `${[scopes].flat().join(' ')}|${options?.tenantId ?? ''}`;
      const cached = cache.get(key);
      if (cached) {
        const token = await cached.catch(() => null);
        if (fresh(token)) return token;
      }
      const next = inner.getToken(scopes, options);
      cache.set(key, next);
      next.catch(() => {
        if (cache.get(key) === next) cache.delete(key);
      });
      return next;
    },
  };
}

/** What an access token says about its holder (read for limiter keys and display, never trusted). */
export interface TokenIdentity {
  tenantId?: string;
  /** the principal's object id */
  objectId?: string;
  /** the application (client) id for an app token */
  appId?: string;
  /** user principal name, for a user token */
  upn?: string;
  /** the token's audience */
  audience?: string;
}

/**
 * The claims of an Entra access token (a JWT). The signature is not checked: Azure does that;
 * the claims only key the limiter and name the caller in logs. An opaque token gives {}.
 */
export function tokenIdentity(token: string): TokenIdentity {
  const payload = token.split('.')[1];
  if (!payload) return {};
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (typeof claims !== 'object' || claims === null) return {};
  const str = (k: string) => (typeof claims[k] === 'string' && claims[k] ? (claims[k] as string) : undefined);
  const out: TokenIdentity = {};
  const tid = str('tid');
  const oid = str('oid');
  const appId = str('appid') ?? str('azp');
  const upn = str('upn') ?? str('unique_name');
  const aud = str('aud');
  if (tid) out.tenantId = tid;
  if (oid) out.objectId = oid;
  if (appId) out.appId = appId;
  if (upn) out.upn = upn;
  if (aud) out.audience = aud;
  return out;
}

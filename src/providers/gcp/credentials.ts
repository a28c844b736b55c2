import type { Agent } from 'node:https';
import {
  type AuthClient,
  BaseExternalAccountClient,
  Compute,
  GoogleAuth,
  gaxios,
  Impersonated,
  JWT,
  UserRefreshClient,
} from 'google-auth-library';
import { AUTH_APIS, DEFAULT_UNIVERSE, type GcpEndpoints } from './apis.js';
import { GcpConfigError, GcpCredentialError, safeCause, tlsHint } from './errors.js';

/**
 * Application Default Credentials through Google's auth library, as every Google tool finds
 * them: the file GOOGLE_APPLICATION_CREDENTIALS names (a service account key, a workload
 * identity federation config, an impersonation config), gcloud's ADC file
 * (`gcloud auth application-default login`, under CLOUDSDK_CONFIG or ~/.config/gcloud), then
 * the metadata server of the VM, Cloud Run or GKE workload (GCE_METADATA_HOST is honoured by
 * the library). With `impersonate_service_account`, the credential found is only used to mint
 * short-lived tokens of that service account (iamcredentials generateAccessToken): the usual
 * way to give one auditor account read access to a whole organisation.
 *
 * Token requests go through one HTTP client of ours: the auth APIs' hosts (oauth2, sts,
 * iamcredentials) follow the endpoint overrides like every other API, and a service account
 * key's own `token_uri` is honoured. Those POSTs mint tokens; they are not resource calls, so
 * the read-only guard (which the transport applies) does not see them.
 */

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const NO_PROJECT_LOOKUP = 'cloudward-no-project-lookup';
const SERVICE_ACCOUNT_EMAIL =
  /^[^@\s]+@[a-z0-9.-]+\.gserviceaccount\.com$|^[^@\s]+@[a-z0-9-]+\.iam\.[a-z0-9.-]+$/;

export type CredentialKind =
  | 'service_account'
  | 'authorized_user'
  | 'external_account'
  | 'impersonated_service_account'
  | 'compute'
  | 'other';

/** Who the scan reads as; never holds a secret. */
export interface CallerIdentity {
  kind: CredentialKind;
  /** the service account (or impersonated one) e-mail; absent for a user's gcloud login */
  email?: string;
  /** the project client-based quotas are charged to, when one is set */
  quotaProject?: string;
  /** the credential that mints the tokens when impersonating */
  via?: CredentialKind;
  universe: string;
}

export interface CredentialOptions {
  endpoints: GcpEndpoints;
  /** impersonate this service account (e-mail) with the ADC credential */
  impersonateServiceAccount?: string | undefined;
  /** the delegation chain for impersonation, each a service account e-mail */
  delegates?: readonly string[] | undefined;
  scopes?: readonly string[];
  /** trust a private CA in-process for token requests to overridden auth endpoints */
  agent?: Agent | undefined;
}

export interface GcpCredential {
  /** the authorised client the transport sends every request through */
  client: AuthClient;
  /** the endpoints with the credential's universe applied */
  endpoints: GcpEndpoints;
  kind: CredentialKind;
  /** who the scan reads as (may ask the metadata server for the VM's e-mail) */
  identity(): Promise<CallerIdentity>;
}

function kindOf(client: AuthClient): CredentialKind {
  if (client instanceof Impersonated) return 'impersonated_service_account';
  if (client instanceof JWT) return 'service_account';
  if (client instanceof UserRefreshClient) return 'authorized_user';
  if (client instanceof BaseExternalAccountClient) return 'external_account';
  if (client instanceof Compute) return 'compute';
  return 'other';
}

/**
 * The token requests' HTTP client: requests to an auth API's public host are sent to its
 * override when one is set, and a service account key's token exchange to the key's token_uri.
 */
function authTransporter(
  endpoints: GcpEndpoints,
  agent: Agent | undefined,
  tokenUri: () => string | undefined,
): InstanceType<typeof gaxios.Gaxios> {
  const transporter = new gaxios.Gaxios(agent ? { agent } : {});
  transporter.interceptors.request.add({
    resolved: async (config) => {
      const url = config.url.toString();
      const custom = tokenUri();
      if (custom && custom !== DEFAULT_TOKEN_URI && url === DEFAULT_TOKEN_URI) {
        config.url = new URL(custom);
        return config;
      }
      for (const api of AUTH_APIS) {
        const ep = endpoints.endpoint(api);
        const publicRoot = endpoints.publicRoot(api);
        const googleRoot = `https://${api}.${DEFAULT_UNIVERSE}/`;
        if (ep.source === 'universe') continue;
        for (const root of new Set([publicRoot, googleRoot])) {
          if (url.startsWith(root)) {
            config.url = new URL(`${ep.root}${url.slice(root.length)}`);
            return config;
          }
        }
      }
      return config;
    },
  });
  return transporter;
}

function credentialError(what: string, e: unknown): GcpCredentialError {
  const err = e as { message?: string; code?: unknown; response?: { status?: number; data?: unknown } };
  const data = err.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const detail =
    data && typeof data.error === 'string'
      ? `${data.error}${typeof data.error_description === 'string' ? `: ${data.error_description}` : ''}`
      : (err.message ?? String(e));
  return new GcpCredentialError({
    api: 'auth',
    method: 'TOKEN',
    path: '(credential)',
    status: err.response?.status,
    code: 'CredentialUnavailable',
    message: `${what}: ${detail}${tlsHint(err.code)}`,
    cause: safeCause(e),
  });
}

const NO_ADC_HELP =
  'no Google credentials found: set GOOGLE_APPLICATION_CREDENTIALS to a key or workload identity ' +
  'file, run `gcloud auth application-default login`, or run on Google Cloud with a service account';

/**
 * Find the Application Default Credentials (and wrap them for impersonation). No token is
 * fetched here; the first request fetches one.
 */
export async function resolveCredential(opts: CredentialOptions): Promise<GcpCredential> {
  const target = opts.impersonateServiceAccount;
  if (target !== undefined && !SERVICE_ACCOUNT_EMAIL.test(target)) {
    throw new GcpConfigError(`impersonate_service_account: '${target}' is not a service account e-mail`);
  }
  for (const d of opts.delegates ?? []) {
    if (!SERVICE_ACCOUNT_EMAIL.test(d))
      throw new GcpConfigError(`delegates: '${d}' is not a service account e-mail`);
  }
  const scopes = [...(opts.scopes ?? [CLOUD_PLATFORM_SCOPE])];
  let auth: GoogleAuth | undefined;
  const tokenUri = () => {
    const json = auth?.jsonContent as { type?: string; token_uri?: unknown } | null | undefined;
    return json?.type === 'service_account' && typeof json.token_uri === 'string'
      ? json.token_uri
      : undefined;
  };
  const explicitUniverse = opts.endpoints.universeExplicit ? opts.endpoints.universe : undefined;
  auth = new GoogleAuth({
    // Scopes come from the config and Resource Manager, never from the library's project lookup,
    // which would otherwise run `gcloud config config-helper`, ask the metadata server, or read
    // Resource Manager outside the transport while the credential is being found. The value is
    // not sent anywhere (quota goes to quota_project_id, x-goog-user-project).
    projectId: NO_PROJECT_LOOKUP,
    scopes,
    clientOptions: {
      transporter: authTransporter(opts.endpoints, opts.agent, tokenUri),
      ...(explicitUniverse ? { universeDomain: explicitUniverse } : {}),
    },
  });
  let source: AuthClient;
  try {
    source = (await auth.getClient()) as AuthClient;
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/Could not load the default credentials/i.test(message)) {
      throw credentialError('Application Default Credentials', new Error(NO_ADC_HELP));
    }
    throw credentialError('Application Default Credentials', e);
  }
  const fileUniverse = (auth.jsonContent as { universe_domain?: unknown } | null)?.universe_domain;
  if (explicitUniverse && typeof fileUniverse === 'string' && fileUniverse !== explicitUniverse) {
    throw new GcpConfigError(
      `the credential is for universe ${fileUniverse}, but the configured universe is ${explicitUniverse}`,
    );
  }
  // on Google Cloud the metadata server says which universe the VM is in
  const universe =
    source instanceof Compute && !explicitUniverse
      ? await auth.getUniverseDomainFromMetadataServer()
      : source.universeDomain;
  source.universeDomain = universe;
  const endpoints = opts.endpoints.withUniverse(universe);
  const sourceKind = kindOf(source);
  let client = source;
  if (target) {
    const iam = endpoints.endpoint('iamcredentials');
    try {
      client = new Impersonated({
        sourceClient: source,
        targetPrincipal: target,
        targetScopes: scopes,
        delegates: [...(opts.delegates ?? [])],
        lifetime: 3600,
        endpoint: iam.root.replace(/\/$/, ''),
        transporter: authTransporter(endpoints, opts.agent, () => undefined),
        ...(source.universeDomain !== DEFAULT_UNIVERSE ? { universeDomain: source.universeDomain } : {}),
      });
    } catch (e) {
      throw credentialError(`impersonating ${target}`, e);
    }
    if (source.quotaProjectId) client.quotaProjectId = source.quotaProjectId;
  }
  const kind = kindOf(client);
  let identity: Promise<CallerIdentity> | undefined;
  return {
    client,
    endpoints,
    kind,
    identity: () => {
      identity ??= (async (): Promise<CallerIdentity> => {
        const out: CallerIdentity = { kind, universe: client.universeDomain };
        if (target) {
          out.email = target;
          out.via = sourceKind;
        } else {
          const email = await emailOf(auth, client);
          if (email) out.email = email;
        }
        if (client.quotaProjectId) out.quotaProject = client.quotaProjectId;
        return out;
      })();
      return identity;
    },
  };
}

/** The credential's service account e-mail, when it has one (asks the metadata server on GCP). */
async function emailOf(auth: GoogleAuth | undefined, client: AuthClient): Promise<string | undefined> {
  if (client instanceof JWT) return client.email ?? undefined;
  if (client instanceof BaseExternalAccountClient) return client.getServiceAccountEmail() ?? undefined;
  if (client instanceof UserRefreshClient) return undefined;
  try {
    const creds = await auth?.getCredentials();
    return creds?.client_email ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Get a token now, so a credential that cannot give one fails once, with the reason, before any
 * read is planned. Returns nothing of the token.
 */
export async function verifyCredential(cred: GcpCredential): Promise<void> {
  try {
    const t = await cred.client.getAccessToken();
    if (!t.token) throw new Error('the credential returned no access token');
  } catch (e) {
    const denied = /getAccessToken|PERMISSION_DENIED/.test(String((e as Error)?.message));
    const what =
      cred.kind !== 'impersonated_service_account'
        ? `getting a token (${cred.kind})`
        : denied
          ? 'impersonating the service account (the credential needs roles/iam.serviceAccountTokenCreator on it)'
          : 'impersonating the service account';
    throw credentialError(what, e);
  }
}

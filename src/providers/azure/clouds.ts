import { AzureConfigError } from './errors.js';

/**
 * The Azure clouds Cloudward knows: where Resource Manager, Microsoft Graph and the login
 * service live, and the token scopes for each. Scopes always follow the cloud, never an
 * endpoint override: a proxy or private endpoint in front of Resource Manager still expects a
 * token issued for Resource Manager.
 */
export const AZURE_CLOUD_NAMES = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;
export type AzureCloudName = (typeof AZURE_CLOUD_NAMES)[number];

/** Resource Manager, Microsoft Graph, and the Key Vault data plane (certificates, where no Resource Manager read answers). */
export type AzureApi = 'arm' | 'graph' | 'keyvault';

/** How each API is named in messages. */
export const API_NAMES: Record<AzureApi, string> = {
  arm: 'Resource Manager',
  graph: 'Graph',
  keyvault: 'Key Vault',
};

export interface AzureCloud {
  name: AzureCloudName;
  resourceManager: string;
  graph: string;
  /** the Microsoft Entra login host (the identity library's authority host) */
  authorityHost: string;
  armScope: string;
  graphScope: string;
  /** each vault is https://{vault}.{keyVaultDnsSuffix} */
  keyVaultDnsSuffix: string;
  keyVaultScope: string;
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  AzureCloud: {
    name: 'AzureCloud',
    resourceManager: 'https://management.azure.com',
    graph: 'https://graph.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    armScope: 'https://management.azure.com/.default',
    graphScope: 'https://graph.microsoft.com/.default',
    keyVaultDnsSuffix: 'vault.azure.net',
    keyVaultScope: 'https://vault.azure.net/.default',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManager: 'https://management.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    keyVaultDnsSuffix: 'vault.azure.cn',
    keyVaultScope: 'https://vault.azure.cn/.default',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManager: 'https://management.usgovcloudapi.net',
    graph: 'https://graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    armScope: 'https://management.usgovcloudapi.net/.default',
    graphScope: 'https://graph.microsoft.us/.default',
    keyVaultDnsSuffix: 'vault.usgovcloudapi.net',
    keyVaultScope: 'https://vault.usgovcloudapi.net/.default',
  },
};

export const ARM_ENDPOINT_VARIABLE = 'CLOUDWARD_AZURE_ARM_ENDPOINT';
export const GRAPH_ENDPOINT_VARIABLE = 'CLOUDWARD_AZURE_GRAPH_ENDPOINT';
/**
 * A base URL for the Key Vault data plane: each vault is then reached at `{base}/{vault name}`
 * (a proxy or test server routing by path) instead of at https://{vault}.{cloud's suffix}.
 */
export const KEYVAULT_ENDPOINT_VARIABLE = 'CLOUDWARD_AZURE_KEYVAULT_ENDPOINT';
/** the identity library's own variable for the login host; honoured over the cloud's default */
export const AUTHORITY_HOST_VARIABLE = 'AZURE_AUTHORITY_HOST';

/** One API's base URL: requests go to `{base}{path}`, with the base's path kept. */
export interface ApiEndpoint {
  api: AzureApi;
  /** origin plus path, without a trailing slash: https://proxy.internal/arm */
  base: string;
  /**
   * The cloud's public base for this API, for rewriting paging links (see `resolveLink`). For
   * Key Vault, whose every vault has its own host, https://{cloud's DNS suffix}.
   */
  publicBase: string;
  /** the token scope, always the cloud's */
  scope: string;
  /** where the base came from: the cloud, the config file or an environment variable */
  source:
    | 'cloud'
    | 'config'
    | typeof ARM_ENDPOINT_VARIABLE
    | typeof GRAPH_ENDPOINT_VARIABLE
    | typeof KEYVAULT_ENDPOINT_VARIABLE;
}

export interface AzureEndpoints {
  cloud: AzureCloud;
  arm: ApiEndpoint;
  graph: ApiEndpoint;
  keyvault: ApiEndpoint;
  authorityHost: string;
}

export interface EndpointSettings {
  cloud?: AzureCloudName;
  endpoints?:
    | { resource_manager?: string | undefined; graph?: string | undefined; key_vault?: string | undefined }
    | undefined;
}

/**
 * A base URL given by the user, checked: HTTPS only (the bearer token must never travel in
 * clear), no credentials, query or fragment. The path is kept, without its trailing slash.
 */
export function parseEndpoint(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AzureConfigError(`${where}: '${value}' is not a URL (expected https://host[:port][/path])`);
  }
  if (url.protocol !== 'https:') {
    throw new AzureConfigError(
      `${where}: '${value}' is not HTTPS; Cloudward sends Azure bearer tokens over HTTPS only`,
    );
  }
  if (url.username || url.password)
    throw new AzureConfigError(`${where}: credentials in the URL are refused`);
  if (url.search || url.hash) throw new AzureConfigError(`${where}: a base URL has no query or fragment`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/**
 * The endpoints of a provider: the cloud's, unless the config file's `endpoints` name others;
 * the environment variables CLOUDWARD_AZURE_ARM_ENDPOINT and CLOUDWARD_AZURE_GRAPH_ENDPOINT win
 * over both (as AWS_ENDPOINT_URL wins over a shared config file). The login host is the
 * cloud's unless the identity library's AZURE_AUTHORITY_HOST says otherwise. The Key Vault data
 * plane likewise: CLOUDWARD_AZURE_KEYVAULT_ENDPOINT, then `endpoints.key_vault`.
 */
export function resolveEndpoints(
  settings: EndpointSettings,
  env: NodeJS.ProcessEnv = process.env,
  where = 'providers.azure',
): AzureEndpoints {
  const cloud = AZURE_CLOUDS[settings.cloud ?? 'AzureCloud'];
  if (!cloud) {
    throw new AzureConfigError(
      `${where}.cloud: '${String(settings.cloud)}' is not one of ${AZURE_CLOUD_NAMES.join(', ')}`,
    );
  }
  const pick = (
    api: AzureApi,
    variable:
      | typeof ARM_ENDPOINT_VARIABLE
      | typeof GRAPH_ENDPOINT_VARIABLE
      | typeof KEYVAULT_ENDPOINT_VARIABLE,
    configured: string | undefined,
    configKey: string,
  ): ApiEndpoint => {
    const publicBase = {
      arm: cloud.resourceManager,
      graph: cloud.graph,
      keyvault: `https://${cloud.keyVaultDnsSuffix}`,
    }[api];
    const scope = { arm: cloud.armScope, graph: cloud.graphScope, keyvault: cloud.keyVaultScope }[api];
    const fromEnv = env[variable]?.trim();
    if (fromEnv) return { api, base: parseEndpoint(fromEnv, variable), publicBase, scope, source: variable };
    if (configured) {
      return {
        api,
        base: parseEndpoint(configured, `${where}.endpoints.${configKey}`),
        publicBase,
        scope,
        source: 'config',
      };
    }
    return { api, base: publicBase, publicBase, scope, source: 'cloud' };
  };
  const authority = env[AUTHORITY_HOST_VARIABLE]?.trim();
  return {
    cloud,
    arm: pick('arm', ARM_ENDPOINT_VARIABLE, settings.endpoints?.resource_manager, 'resource_manager'),
    graph: pick('graph', GRAPH_ENDPOINT_VARIABLE, settings.endpoints?.graph, 'graph'),
    keyvault: pick('keyvault', KEYVAULT_ENDPOINT_VARIABLE, settings.endpoints?.key_vault, 'key_vault'),
    authorityHost: authority ? parseEndpoint(authority, AUTHORITY_HOST_VARIABLE) : cloud.authorityHost,
  };
}

/** True when `url` is the base itself or below it (same origin, path under the base's path). */
export function isUnderBase(url: URL, base: string): boolean {
  const b = new URL(base);
  if (url.origin !== b.origin) return false;
  const basePath = b.pathname.replace(/\/+$/, '');
  return basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}

/** A Key Vault name as Azure allows it (3-24 letters, digits and hyphens), which is its host's first label. */
const VAULT_NAME = /^[a-z0-9-]{3,24}$/i;

/**
 * The vault of a Key Vault data-plane host of the cloud (`kvprod.vault.azure.net`, port 443 or
 * none), or undefined for any other host: a vault URI from an answer is followed only when it
 * is a vault of the chosen cloud, so the Key Vault token never goes anywhere else.
 */
export function vaultOfHost(url: URL, endpoint: ApiEndpoint): string | undefined {
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return undefined;
  const suffix = `.${new URL(endpoint.publicBase).hostname}`;
  const host = url.hostname.toLowerCase();
  if (!host.endsWith(suffix)) return undefined;
  const name = host.slice(0, -suffix.length);
  return VAULT_NAME.test(name) ? name : undefined;
}

/**
 * Where a Key Vault request goes. Paths are written `/{vault}/{Key Vault path}` whatever the
 * endpoint: https://{vault}.{suffix}/{path} on the cloud, `{base}/{vault}/{path}` when a base
 * is given (CLOUDWARD_AZURE_KEYVAULT_ENDPOINT, endpoints.key_vault).
 */
export function keyVaultUrl(endpoint: ApiEndpoint, path: string): string {
  const m = /^\/([^/]+)(\/.*)?$/.exec(path);
  const vault = m?.[1];
  if (!vault || !VAULT_NAME.test(vault))
    throw new AzureConfigError(`Key Vault path '${path}': expected /{vault name}/...`);
  if (endpoint.source !== 'cloud') return `${endpoint.base}${path}`;
  return `https://${vault.toLowerCase()}.${new URL(endpoint.publicBase).hostname}${m?.[2] ?? '/'}`;
}

/** The `/{vault}/{path}` form of a Key Vault URL, or undefined when it is not one of the endpoint's. */
export function keyVaultPathOf(url: URL, endpoint: ApiEndpoint): string | undefined {
  if (endpoint.source !== 'cloud') {
    if (!isUnderBase(url, endpoint.base)) return undefined;
    const basePath = new URL(endpoint.base).pathname.replace(/\/+$/, '');
    return url.pathname.slice(basePath.length) || '/';
  }
  const vault = vaultOfHost(url, endpoint);
  return vault ? `/${vault}${url.pathname === '/' ? '' : url.pathname}` : undefined;
}

/** Whether a request URL is one the endpoint's token may go to. */
export function endpointAllows(endpoint: ApiEndpoint, url: URL): boolean {
  if (endpoint.api === 'keyvault') return keyVaultPathOf(url, endpoint) !== undefined;
  return isUnderBase(url, endpoint.base);
}

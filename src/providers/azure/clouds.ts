import { AzureConfigError } from './errors.js';

/**
 * The Azure clouds Cloudward knows: where Resource Manager, Microsoft Graph and the login
 * service live, and the token scopes for each. Scopes always follow the cloud, never an
 * endpoint override: a proxy or private endpoint in front of Resource Manager still expects a
 * token issued for Resource Manager.
 */
export const AZURE_CLOUD_NAMES = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;
export type AzureCloudName = (typeof AZURE_CLOUD_NAMES)[number];

export type AzureApi = 'arm' | 'graph';

export interface AzureCloud {
  name: AzureCloudName;
  resourceManager: string;
  graph: string;
  /** the Microsoft Entra login host (the identity library's authority host) */
  authorityHost: string;
  armScope: string;
  graphScope: string;
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  AzureCloud: {
    name: 'AzureCloud',
    resourceManager: 'https://management.azure.com',
    graph: 'https://graph.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    armScope: 'https://management.azure.com/.default',
    graphScope: 'https://graph.microsoft.com/.default',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManager: 'https://management.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManager: 'https://management.usgovcloudapi.net',
    graph: 'https://graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    armScope: 'https://management.usgovcloudapi.net/.default',
    graphScope: 'https://graph.microsoft.us/.default',
  },
};

export const ARM_ENDPOINT_VARIABLE = 'CLOUDWARD_AZURE_ARM_ENDPOINT';
export const GRAPH_ENDPOINT_VARIABLE = 'CLOUDWARD_AZURE_GRAPH_ENDPOINT';
/** the identity library's own variable for the login host; honoured over the cloud's default */
export const AUTHORITY_HOST_VARIABLE = 'AZURE_AUTHORITY_HOST';

/** One API's base URL: requests go to `{base}{path}`, with the base's path kept. */
export interface ApiEndpoint {
  api: AzureApi;
  /** origin plus path, without a trailing slash: https://proxy.internal/arm */
  base: string;
  /** the cloud's public base for this API, for rewriting paging links (see `resolveLink`) */
  publicBase: string;
  /** the token scope, always the cloud's */
  scope: string;
  /** where the base came from: the cloud, the config file or an environment variable */
  source: 'cloud' | 'config' | typeof ARM_ENDPOINT_VARIABLE | typeof GRAPH_ENDPOINT_VARIABLE;
}

export interface AzureEndpoints {
  cloud: AzureCloud;
  arm: ApiEndpoint;
  graph: ApiEndpoint;
  authorityHost: string;
}

export interface EndpointSettings {
  cloud?: AzureCloudName;
  endpoints?: { resource_manager?: string | undefined; graph?: string | undefined } | undefined;
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
 * cloud's unless the identity library's AZURE_AUTHORITY_HOST says otherwise.
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
    variable: typeof ARM_ENDPOINT_VARIABLE | typeof GRAPH_ENDPOINT_VARIABLE,
    configured: string | undefined,
    configKey: string,
  ): ApiEndpoint => {
    const publicBase = api === 'arm' ? cloud.resourceManager : cloud.graph;
    const scope = api === 'arm' ? cloud.armScope : cloud.graphScope;
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

import {
  type ApiEndpoint,
  type AzureApi,
  isUnderBase,
  keyVaultPathOf,
  keyVaultUrl,
  vaultOfHost,
} from './clouds.js';
import { AzureConfigError } from './errors.js';

/** Query parameters; undefined values are left out. ARM calls must carry `api-version`. */
export type Query = Record<string, string | number | boolean | undefined>;

const GRAPH_VERSION = /^\/(?:v1\.0|beta)\//;

/** Encode a query: keys keep OData's `$` ($filter, $select, $skiptoken), values are escaped. */
export function encodeQuery(query: Query): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

/**
 * A path with each `{name}` replaced by its value, escaped as one path segment:
 * `armPath('/subscriptions/{sub}/resourceGroups/{rg}', { sub, rg })`.
 */
export function armPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') throw new AzureConfigError(`path ${template}: no value for {${name}}`);
    return encodeURIComponent(v);
  });
}

/** A request path as the transport accepts it: below the base, no query, no dot segments. */
export function checkRequestPath(api: AzureApi, path: string): void {
  const bad = (why: string) => new AzureConfigError(`${api} path '${path}': ${why}`);
  if (!path.startsWith('/')) throw bad('must start with /');
  if (path.startsWith('//')) throw bad('must not start with //');
  if (/[?#\s]/.test(path)) throw bad('give the query separately; no ?, # or spaces in the path');
  if (path.split('/').some((s) => s === '.' || s === '..')) throw bad('no . or .. segments');
  if (api === 'graph' && !GRAPH_VERSION.test(path)) throw bad('Graph paths start with /v1.0/ or /beta/');
}

/**
 * Whether a paging link from an answer may be followed with our token, and where to:
 *
 * - under the configured base: followed as is;
 * - on the cloud's public endpoint while the base is overridden (a private endpoint or proxy
 *   whose backend writes links with the public host): the same path and query below the
 *   configured base;
 * - anywhere else: refused.
 *
 * A Resource Manager link without api-version gets the call's, as the Azure SDKs do.
 */
export function followableLink(
  endpoint: ApiEndpoint,
  link: string,
  apiVersion?: string,
): { url: string } | { refused: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { refused: 'the next page link is not an absolute URL' };
  }
  if (endpoint.api === 'keyvault') return followableVaultLink(endpoint, url);
  if (!isUnderBase(url, endpoint.base)) {
    if (endpoint.base === endpoint.publicBase || !isUnderBase(url, endpoint.publicBase)) {
      return {
        refused: `the next page link points to ${url.origin}, outside the endpoint ${endpoint.base}; not followed`,
      };
    }
    const publicPath = new URL(endpoint.publicBase).pathname.replace(/\/+$/, '');
    url = new URL(`${endpoint.base}${url.pathname.slice(publicPath.length)}${url.search}`);
  }
  if (endpoint.api === 'arm' && apiVersion && !url.searchParams.has('api-version')) {
    const v = `api-version=${encodeURIComponent(apiVersion)}`;
    url.search = url.search ? `${url.search}&${v}` : `?${v}`;
  }
  return { url: url.toString() };
}

/**
 * A Key Vault paging link (https://{vault}.vault.azure.net:443/certificates?...&$skiptoken=...):
 * followed when it is a vault of the cloud, or under the configured base; a vault-host link
 * while the base is overridden goes to the same vault below the base.
 */
function followableVaultLink(endpoint: ApiEndpoint, url: URL): { url: string } | { refused: string } {
  let path = keyVaultPathOf(url, endpoint);
  if (path === undefined && endpoint.source !== 'cloud') {
    const vault = vaultOfHost(url, endpoint);
    if (vault) path = `/${vault}${url.pathname === '/' ? '' : url.pathname}`;
  }
  if (path === undefined)
    return {
      refused: `the next page link points to ${url.origin}, which is not a vault of the endpoint; not followed`,
    };
  return { url: `${keyVaultUrl(endpoint, path)}${url.search}` };
}

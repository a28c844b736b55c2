import { type ApiEndpoint, type AzureApi, isUnderBase } from './clouds.js';
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

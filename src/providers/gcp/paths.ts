import { GcpConfigError } from './errors.js';

/**
 * Request paths and queries of Google APIs, apart from the transport so that the resource
 * modules (loaded by every command) do not load the auth library with it.
 */

/** Query parameters; undefined values are left out, arrays repeat the key (fields=a&fields=b). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Encode a query: values escaped, arrays repeated, undefined left out. */
export function encodeQuery(query: Query = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
  }
  return parts.join('&');
}

/**
 * A path with each `{name}` replaced by its value, escaped as one path segment:
 * `gcpPath('compute/v1/projects/{project}/global/firewalls', { project })`.
 */
export function gcpPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') throw new GcpConfigError(`path ${template}: no value for {${name}}`);
    return encodeURIComponent(v);
  });
}

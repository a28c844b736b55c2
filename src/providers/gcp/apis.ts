import { GcpConfigError } from './errors.js';

/**
 * Where each Google API is reached. Every Google Cloud API lives at `https://<api>.<universe>/`
 * (compute.googleapis.com, sqladmin.googleapis.com...), and every request keeps Google's own
 * path and query below that root: `{COMPUTE}compute/v1/projects/P/global/firewalls`,
 * `{SQLADMIN}v1/projects/P/instances`, `{STORAGE}storage/v1/b?project=P`.
 *
 * A root can be replaced per API, for a proxy, a Private Service Connect endpoint
 * (`https://compute-myendpoint.p.googleapis.com/`) or a test server:
 *
 * - `CLOUDWARD_GCP_ENDPOINT_<API>` (the API name upper-cased: COMPUTE, SQLADMIN, CLOUDKMS...),
 * - or the provider's `endpoints: { compute: URL, ... }` in the config file;
 *
 * the variable wins over the file, as AWS_ENDPOINT_URL_<SERVICE> does. An override may carry a
 * path (`https://proxy.internal/compute/`), which is kept: requests go below it. The universe
 * (googleapis.com, or a sovereign cloud's domain) comes from the config's `universe_domain`,
 * then `GOOGLE_CLOUD_UNIVERSE_DOMAIN`, then the credential's own universe.
 *
 * The auth APIs the library calls for tokens (oauth2, iamcredentials) take the same overrides,
 * so a scan behind a proxy or against a test server does not reach Google's token hosts.
 */

export const DEFAULT_UNIVERSE = 'googleapis.com';
export const UNIVERSE_VARIABLE = 'GOOGLE_CLOUD_UNIVERSE_DOMAIN';
export const ENDPOINT_VARIABLE_PREFIX = 'CLOUDWARD_GCP_ENDPOINT_';

/** The APIs the GCP collectors read, named as Google names their hosts. Any other name works too. */
export const KNOWN_APIS = [
  'compute',
  'storage',
  'sqladmin',
  'iam',
  'cloudresourcemanager',
  'logging',
  'monitoring',
  'cloudkms',
  'bigquery',
  'container',
  'dns',
  'serviceusage',
  'apikeys',
  'essentialcontacts',
  'accessapproval',
  'dataproc',
  'secretmanager',
  'cloudasset',
  'orgpolicy',
] as const;

/**
 * APIs the auth library calls to mint tokens through the credential's HTTP client, which
 * follows the overrides: oauth2 (service account keys, gcloud logins) and iamcredentials
 * (impersonation). Workload identity federation's STS exchange is made by a client of the
 * library's own: it goes to the config file's `token_url`, as written.
 */
export const AUTH_APIS = ['oauth2', 'iamcredentials'] as const;

/** An API name: lower-case letters and digits, as in `<api>.googleapis.com`. */
export type GcpApi = string;

const API_NAME = /^[a-z][a-z0-9]{1,62}$/;
const UNIVERSE = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function checkApiName(api: string, where = 'api'): GcpApi {
  if (!API_NAME.test(api)) {
    throw new GcpConfigError(
      `${where}: '${api}' is not a Google API name (lower-case letters and digits, as in compute.googleapis.com)`,
    );
  }
  return api;
}

export function endpointVariable(api: GcpApi): string {
  return `${ENDPOINT_VARIABLE_PREFIX}${api.toUpperCase()}`;
}

/**
 * A root given by the user, checked: HTTPS only (the bearer token must never travel in clear),
 * no credentials, query or fragment. The path is kept and always ends with `/`.
 */
export function parseEndpoint(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GcpConfigError(`${where}: '${value}' is not a URL (expected https://host[:port][/path/])`);
  }
  if (url.protocol !== 'https:') {
    throw new GcpConfigError(
      `${where}: '${value}' is not HTTPS; Cloudward sends Google bearer tokens over HTTPS only`,
    );
  }
  if (url.username || url.password) throw new GcpConfigError(`${where}: credentials in the URL are refused`);
  if (url.search || url.hash) throw new GcpConfigError(`${where}: an endpoint has no query or fragment`);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

export function checkUniverse(value: string, where: string): string {
  const v = value.trim().toLowerCase();
  if (!UNIVERSE.test(v)) {
    throw new GcpConfigError(`${where}: '${value}' is not a universe domain (such as googleapis.com)`);
  }
  return v;
}

export interface EndpointSettings {
  /** config `endpoints`: API name -> root URL */
  endpoints?: Record<string, string | undefined> | undefined;
  /** config `universe_domain` */
  universe_domain?: string | undefined;
}

export type EndpointSource = 'universe' | 'config' | `${typeof ENDPOINT_VARIABLE_PREFIX}${string}`;

export interface ApiEndpoint {
  api: GcpApi;
  /** the root, ending with `/`: https://compute.googleapis.com/ or https://proxy.internal/compute/ */
  root: string;
  source: EndpointSource;
}

/**
 * The roots of one provider. The universe may be completed later from the credential
 * (`withUniverse`): an explicit `universe_domain` or GOOGLE_CLOUD_UNIVERSE_DOMAIN wins over it.
 */
export class GcpEndpoints {
  private readonly overrides = new Map<GcpApi, ApiEndpoint>();

  private constructor(
    readonly universe: string,
    /** true when the universe came from the config or the environment, not the default */
    readonly universeExplicit: boolean,
    overrides: Iterable<ApiEndpoint>,
  ) {
    for (const o of overrides) this.overrides.set(o.api, o);
  }

  /**
   * Read the config's `endpoints` and `universe_domain` and the environment's
   * CLOUDWARD_GCP_ENDPOINT_<API> and GOOGLE_CLOUD_UNIVERSE_DOMAIN. Bad values are reported all
   * at once, each naming where it came from.
   */
  static resolve(
    settings: EndpointSettings = {},
    env: NodeJS.ProcessEnv = process.env,
    where = 'providers.gcp',
  ): GcpEndpoints {
    const problems: string[] = [];
    const found = new Map<GcpApi, ApiEndpoint>();
    for (const [api, value] of Object.entries(settings.endpoints ?? {})) {
      if (value === undefined) continue;
      try {
        checkApiName(api, `${where}.endpoints`);
        found.set(api, {
          api,
          root: parseEndpoint(value, `${where}.endpoints.${api}`),
          source: 'config',
        });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    for (const [name, raw] of Object.entries(env)) {
      if (!name.startsWith(ENDPOINT_VARIABLE_PREFIX)) continue;
      const value = raw?.trim();
      if (!value) continue;
      const api = name.slice(ENDPOINT_VARIABLE_PREFIX.length).toLowerCase();
      try {
        checkApiName(api, name);
        found.set(api, {
          api,
          root: parseEndpoint(value, name),
          source: endpointVariable(api) as EndpointSource,
        });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    let universe = DEFAULT_UNIVERSE;
    let explicit = false;
    try {
      if (settings.universe_domain) {
        universe = checkUniverse(settings.universe_domain, `${where}.universe_domain`);
        explicit = true;
      } else if (env[UNIVERSE_VARIABLE]?.trim()) {
        universe = checkUniverse(env[UNIVERSE_VARIABLE], UNIVERSE_VARIABLE);
        explicit = true;
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
    if (problems.length) throw new GcpConfigError(`invalid GCP endpoints: ${problems.join('; ')}`);
    return new GcpEndpoints(universe, explicit, found.values());
  }

  /** The same overrides in another universe (the credential's), unless one was set explicitly. */
  withUniverse(universe: string | undefined): GcpEndpoints {
    if (this.universeExplicit || !universe || universe === this.universe) return this;
    return new GcpEndpoints(
      checkUniverse(universe, 'the credential universe_domain'),
      false,
      this.overrides.values(),
    );
  }

  endpoint(api: GcpApi): ApiEndpoint {
    checkApiName(api);
    return this.overrides.get(api) ?? { api, root: `https://${api}.${this.universe}/`, source: 'universe' };
  }

  root(api: GcpApi): string {
    return this.endpoint(api).root;
  }

  /** The public root of an API in this universe, whatever the override. */
  publicRoot(api: GcpApi): string {
    return `https://${api}.${this.universe}/`;
  }

  /** The overridden APIs, for logs (roots only: they hold no secrets). */
  overridden(): ApiEndpoint[] {
    return [...this.overrides.values()];
  }
}

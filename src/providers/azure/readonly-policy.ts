import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { API_NAMES, type ApiEndpoint, endpointAllows } from './clouds.js';
import { AzureReadOnlyViolation } from './errors.js';

export const READ_ONLY_POLICY_NAME = 'cloudwardAzureReadOnly';

/** Resource Graph queries are POSTs to this path below the Resource Manager base. */
export const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';

/**
 * A scan only reads. This policy runs first in every Azure pipeline Cloudward builds, before a
 * token is asked for or a byte is sent, and refuses:
 *
 * - any method but GET, except the Resource Graph query POST when `resource_graph: true`
 *   (a query reads; it is still opt-in because its answers bypass the per-resource reads the
 *   checks are written against);
 * - any URL outside the pipeline's endpoint base, so the bearer token for Resource Manager,
 *   Graph or Key Vault never goes to another host (a paging link from a hostile or
 *   misconfigured answer); for Key Vault on the cloud's hosts, any host that is not a vault of
 *   the cloud ({vault}.vault.azure.net).
 *
 * Secret-returning actions (`listKeys`, `listSecrets`...) are POSTs and are refused with the
 * rest; no GET in Resource Manager returns a key.
 */
export function readOnlyPolicy(endpoint: ApiEndpoint, opts: { resourceGraph: boolean }): PipelinePolicy {
  const graphQueryPath =
    `${new URL(endpoint.base).pathname.replace(/\/+$/, '')}${RESOURCE_GRAPH_PATH}`.toLowerCase();
  return {
    name: READ_ONLY_POLICY_NAME,
    async sendRequest(request, next) {
      const url = new URL(request.url);
      const method = request.method.toUpperCase();
      const path = `${url.pathname}${url.search}`;
      const refuse = (code: string, message: string) =>
        new AzureReadOnlyViolation({ api: endpoint.api, method, path, code, message });
      if (!endpointAllows(endpoint, url)) {
        const where =
          endpoint.api === 'keyvault' && endpoint.source === 'cloud'
            ? `a vault of ${endpoint.publicBase}`
            : endpoint.base;
        throw refuse(
          'OutsideEndpoint',
          `refused a request to ${url.origin}${url.pathname}: it is outside the ${API_NAMES[endpoint.api]} endpoint ${where}`,
        );
      }
      if (method === 'GET') return next(request);
      const isGraphQuery =
        method === 'POST' && endpoint.api === 'arm' && url.pathname.toLowerCase() === graphQueryPath;
      if (isGraphQuery && opts.resourceGraph) return next(request);
      throw refuse(
        'ReadOnlyViolation',
        isGraphQuery
          ? 'Resource Graph queries are off; set resource_graph: true in the provider to allow them'
          : `refused ${method}: Cloudward only reads (GET)`,
      );
    },
  };
}

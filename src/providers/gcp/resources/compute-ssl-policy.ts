import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { buildRecord, requireItem, requireString, str, strings, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { type ApiReader, defineGcpCollector, type GcpCollectContext } from '../collector.js';
import { COMPUTE_API, lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.compute.ssl_policy';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    selfLink: S.str,
    region: S.str,
    profile: S.str,
    minTlsVersion: S.str,
    customFeatures: S.strs,
    enabledFeatures: S.strs,
  }),
});

/**
 * An SSL policy of HTTPS / SSL proxy load balancers ('web_app'). The API documents TLS_1_0 as
 * the default when minTlsVersion is unset. A policy does not control plain HTTP, so
 * https_only is null.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'web_app'],
  raw: RAW,
  normalise(raw, scope) {
    const policy = requireItem(raw, TYPE);
    const name = requireString(policy, 'name', TYPE, 'item.name');
    const minTls = str(policy.minTlsVersion);
    const region = str(policy.region);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_app',
        reference:
          str(policy.selfLink) ?? `${COMPUTE_API}/projects/${scope.account}/global/sslPolicies/${name}`,
        name,
        region: region ? (region.split('/').pop() ?? 'global') : 'global',
        service: 'compute',
        ext: {
          profile: str(policy.profile),
          min_tls_version_raw: minTls,
          custom_features: strings(policy.customFeatures),
          enabled_features: strings(policy.enabledFeatures),
        },
        shape: {
          min_tls_version: minTls === null ? '1.0' : tlsVersion(minTls),
          https_only: null,
        },
      }),
    ];
  },
});

/** The project's SSL policies, global and regional: one aggregatedList read, shared with the target proxies. */
export function listSslPolicies(r: ApiReader, ctx: GcpCollectContext): Promise<Record<string, unknown>[]> {
  return ctx.memo('compute.sslPolicies.aggregatedList', async () =>
    (await r.aggregated<Record<string, unknown>>(r.path(SSL_POLICIES_PATH), 'sslPolicies')).items.map(
      (i) => i.item,
    ),
  );
}

const SSL_POLICIES_PATH = 'compute/v1/projects/{project}/aggregated/sslPolicies';

/** The SSL policies of a project, global and regional: one aggregatedList read (paged). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: { permission: 'compute.sslPolicies.list', all: (r, ctx) => listSslPolicies(r, ctx) },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const SSL_POLICY_METHODS = ['insert', 'patch', 'delete'].flatMap((m) => [
  `v1.compute.sslPolicies.${m}`,
  `v1.compute.regionSslPolicies.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(SSL_POLICY_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

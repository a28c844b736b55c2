import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  tlsVersion,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import type { ApiReader, GcpCollectContext } from '../collector.js';
import { defineGcpCollector } from '../collector.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';
import { listSslPolicies } from './compute-ssl-policy.js';

const TYPE = 'gcp.compute.target_proxy';

const RAW = S.raw({
  item: S.obj({
    kind: S.str,
    name: S.str,
    id: S.str,
    selfLink: S.str,
    region: S.str,
    sslPolicy: S.str,
    urlMap: S.str,
    service: S.str,
    quicOverride: S.str,
  }),
  sslPolicies: S.answerList(S.obj({ selfLink: S.str, name: S.str, profile: S.str, minTlsVersion: S.str })),
});

/**
 * The TLS front of a load balancer: a target HTTPS proxy (global or regional) or a target SSL
 * proxy, with the SSL policy it uses (`raw.sslPolicies`: the project's policies). A proxy
 * without a policy uses Google's default: the COMPATIBLE profile, TLS 1.0 and up. As a
 * 'web_app' it feeds the cross-cloud minimum TLS check.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'web_app'],
  raw: RAW,
  normalise(raw, scope) {
    const proxy = requireItem(raw, TYPE);
    const name = requireString(proxy, 'name', TYPE, 'item.name');
    const policyLink = str(proxy.sslPolicy);
    const policies = enrichment(raw, 'sslPolicies');
    const listed = Array.isArray(raw.sslPolicies) ? records(raw.sslPolicies) : null;
    const policy = policyLink && listed ? listed.find((p) => str(p.selfLink) === policyLink) : undefined;
    // a policy the proxy names that the list did not return (or a list that failed) leaves the TLS floor unknown
    let unknownPolicy: string | null = null;
    if (policyLink !== null && !policy) {
      unknownPolicy =
        listed !== null
          ? `SSL policy ${lastSegment(policyLink)} is not among the project's policies`
          : policies.state === 'unknown'
            ? policies.reason
            : 'the SSL policies were not collected';
    }
    const minTls =
      policyLink === null ? '1.0' : policy ? (tlsVersion(str(policy.minTlsVersion)) ?? '1.0') : null;
    const region = str(proxy.region);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_app',
        reference: str(proxy.selfLink) ?? `${scope.account}/targetProxies/${name}`,
        name,
        region: region ? lastSegment(region) : 'global',
        service: 'compute',
        ext: {
          proxy_kind: str(proxy.kind) === 'compute#targetSslProxy' ? 'ssl' : 'https',
          ssl_policy: policyLink ? lastSegment(policyLink) : null,
          profile: policyLink === null ? 'COMPATIBLE' : policy ? str(policy.profile) : null,
          ssl_policy_error: unknownPolicy,
        },
        shape: { min_tls_version: minTls, https_only: null },
      }),
    ];
  },
});

interface Proxy {
  name?: string;
  [k: string]: unknown;
}

/**
 * Target HTTPS proxies of every region and global (one aggregatedList, paged) and target SSL
 * proxies (global only, paged), then the project's SSL policies (one aggregatedList, shared
 * with the SSL policies' collector) to know each proxy's TLS floor.
 */
const collector = defineGcpCollector<Proxy>({
  type: TYPE,
  api: 'compute',
  list: {
    permission: 'compute.targetHttpsProxies.list',
    alsoCalls: ['compute.targetSslProxies.list'],
    all: async (r: ApiReader) => {
      const https = await r.aggregated<Proxy>(
        r.path('compute/v1/projects/{project}/aggregated/targetHttpsProxies'),
        'targetHttpsProxies',
      );
      const ssl = await r.list<Proxy>(
        r.path('compute/v1/projects/{project}/global/targetSslProxies'),
        'items',
      );
      return [...https.items.map((i) => i.item), ...ssl];
    },
  },
  enrich: {
    sslPolicies: {
      permission: 'compute.sslPolicies.list',
      cacheKey: () => 'project',
      call: (r: ApiReader, _item: Proxy, ctx: GcpCollectContext) => listSslPolicies(r, ctx),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const PROXY_METHODS = ['insert', 'setSslPolicy', 'setSslCertificates', 'patch', 'delete'].flatMap((m) => [
  `v1.compute.targetHttpsProxies.${m}`,
  `v1.compute.regionTargetHttpsProxies.${m}`,
  `v1.compute.targetSslProxies.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(PROXY_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { aggregatedList, defineGcpCollector } from '../collector.js';
import { COMPUTE_API, lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.compute.backend_service';
/** The backend protocols of the HTTP(S) load balancers, whose request logs CIS asks for. */
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'HTTP2', 'H2C']);

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    selfLink: S.str,
    region: S.str,
    protocol: S.str,
    loadBalancingScheme: S.str,
    logConfig: S.obj({ enable: S.bool, sampleRate: S.num }),
  }),
});

/**
 * A load balancer's backend service (global or regional). `http` is whether it serves an
 * HTTP(S) load balancer; `request_logging` whether it logs requests (logConfig.enable; Google
 * leaves logConfig out when logging was never turned on), at `log_sample_rate` (1.0 by default).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const b = requireItem(raw, TYPE);
    const name = requireString(b, 'name', TYPE, 'item.name');
    const region = str(b.region);
    const protocol = str(b.protocol) ?? 'HTTP'; // the API's default
    const enabled = bool(at(b, 'logConfig.enable')) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference:
          str(b.selfLink) ??
          `${COMPUTE_API}/projects/${scope.account}/${region ? `regions/${lastSegment(region)}` : 'global'}/backendServices/${name}`,
        name,
        region: region ? lastSegment(region) : 'global',
        service: 'compute',
        ext: {
          protocol,
          load_balancing_scheme: str(b.loadBalancingScheme),
          http: HTTP_PROTOCOLS.has(protocol),
          request_logging: enabled,
          log_sample_rate: enabled ? (num(at(b, 'logConfig.sampleRate')) ?? 1) : null,
        },
        shape: {},
      }),
    ];
  },
});

/** The backend services of a project, global and regional: one aggregated list. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: aggregatedList(
    'compute.backendServices.list',
    'compute/v1/projects/{project}/aggregated/backendServices',
    'backendServices',
  ),
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const METHODS = ['insert', 'patch', 'update', 'delete'].flatMap((m) => [
  `v1.compute.backendServices.${m}`,
  `v1.compute.regionBackendServices.${m}`,
  `beta.compute.backendServices.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, requireItem, requireString, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { COMPUTE_API, lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.compute.network';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    selfLink: S.str,
    description: S.str,
    autoCreateSubnetworks: S.bool,
    IPv4Range: S.str,
    gatewayIPv4: S.str,
    subnetworks: S.strs,
    routingConfig: S.obj({ routingMode: S.str }),
  }),
});

/**
 * A VPC network. `mode` is legacy for a network with one range of its own (IPv4Range, no
 * subnetworks: Compute Engine still answers for networks created before subnets), auto when
 * it creates a subnet per region, custom otherwise. `default` is whether it is the network
 * Compute Engine creates in a new project (named default, auto mode).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'network'],
  raw: RAW,
  normalise(raw, scope) {
    const n = requireItem(raw, TYPE);
    const name = requireString(n, 'name', TYPE, 'item.name');
    const legacy = str(n.IPv4Range) !== null;
    const auto = bool(n.autoCreateSubnetworks) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network',
        reference: str(n.selfLink) ?? `${COMPUTE_API}/projects/${scope.account}/global/networks/${name}`,
        name,
        region: 'global',
        service: 'compute',
        ext: {
          network_id: str(n.id),
          mode: legacy ? 'legacy' : auto ? 'auto' : 'custom',
          default: name === 'default',
          ipv4_range: str(n.IPv4Range),
          subnetworks: strings(n.subnetworks).map(lastSegment),
          routing_mode: str(at(n, 'routingConfig.routingMode')),
        },
        shape: {},
      }),
    ];
  },
});

/** The VPC networks of a project: one paged list (global resources). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: pagedList('compute.networks.list', 'compute/v1/projects/{project}/global/networks', 'items'),
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id'), absentOn: ['absent'] },
});

const NETWORK_METHODS = ['insert', 'patch', 'delete', 'switchToCustomMode'].flatMap((m) => [
  `v1.compute.networks.${m}`,
  `beta.compute.networks.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(NETWORK_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

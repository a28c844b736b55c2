import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { aggregatedList, defineGcpCollector } from '../collector.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.compute.subnetwork';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    selfLink: S.str,
    region: S.str,
    network: S.str,
    ipCidrRange: S.str,
    purpose: S.str,
    role: S.str,
    privateIpGoogleAccess: S.bool,
    enableFlowLogs: S.bool,
    logConfig: S.obj({
      enable: S.bool,
      aggregationInterval: S.str,
      flowSampling: S.num,
      metadata: S.str,
      filterExpr: S.str,
    }),
  }),
});

/**
 * A VPC subnet. Flow logs are on when logConfig.enable (or, in older answers, enableFlowLogs)
 * is true; their aggregation interval, sampling and metadata are Google's defaults
 * (INTERVAL_5_SEC, 0.5, INCLUDE_ALL_METADATA) when left out. `purpose` says whether it carries
 * VMs (PRIVATE, the default) or is a proxy-only or Private Service Connect range, which cannot
 * log flows.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'subnet'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem(raw, TYPE);
    const name = requireString(s, 'name', TYPE, 'item.name');
    const region = str(s.region);
    const network = str(s.network);
    const flowLogs = bool(at(s, 'logConfig.enable')) ?? bool(s.enableFlowLogs) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'subnet',
        reference:
          str(s.selfLink) ??
          `https://www.googleapis.com/compute/v1/projects/${scope.account}/regions/${region ? lastSegment(region) : '-'}/subnetworks/${name}`,
        name,
        region: region ? lastSegment(region) : scope.region,
        service: 'compute',
        ext: {
          subnetwork_id: str(s.id),
          network: network ? lastSegment(network) : null,
          ip_cidr_range: str(s.ipCidrRange),
          purpose: str(s.purpose) ?? 'PRIVATE',
          private_google_access: bool(s.privateIpGoogleAccess) ?? false,
          flow_logs: flowLogs,
          flow_log_interval: flowLogs
            ? (str(at(s, 'logConfig.aggregationInterval')) ?? 'INTERVAL_5_SEC')
            : null,
          flow_log_sampling: flowLogs ? (num(at(s, 'logConfig.flowSampling')) ?? 0.5) : null,
          flow_log_metadata: flowLogs ? (str(at(s, 'logConfig.metadata')) ?? 'INCLUDE_ALL_METADATA') : null,
          flow_log_filter: flowLogs ? str(at(s, 'logConfig.filterExpr')) : null,
        },
        shape: {},
      }),
    ];
  },
});

/** The subnets of every region: one aggregatedList read (paged). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: aggregatedList(
    'compute.subnetworks.list',
    'compute/v1/projects/{project}/aggregated/subnetworks',
    'subnetworks',
  ),
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const SUBNET_METHODS = ['insert', 'patch', 'delete', 'setPrivateIpGoogleAccess'].flatMap((m) => [
  `v1.compute.subnetworks.${m}`,
  `beta.compute.subnetworks.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(SUBNET_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

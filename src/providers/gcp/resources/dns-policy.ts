import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  type Json,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { type ApiReader, defineGcpCollector } from '../collector.js';
import { GcpApiDisabledError } from '../errors.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.dns.policy';

/**
 * A Cloud DNS server policy: whether it logs the DNS queries of the VPC networks it is attached
 * to (`logging`), and those networks (`networks`: their URLs as Google gives them, and `network_names`).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'dns',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      name: S.str,
      id: S.str,
      enableLogging: S.bool,
      enableInboundForwarding: S.bool,
      networks: S.list(S.obj({ networkUrl: S.str })),
    }),
  }),
  normalise(raw, scope) {
    const p = requireItem(raw, TYPE);
    const name = requireString(p, 'name', TYPE, 'item.name');
    const networks = records(p.networks)
      .map((n) => str(n.networkUrl))
      .filter((u): u is string => u !== null);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//dns.googleapis.com/projects/${scope.account}/policies/${name}`,
        name,
        region: 'global',
        service: 'dns',
        ext: {
          logging: bool(p.enableLogging) ?? false,
          networks,
          network_names: networks.map(lastSegment),
        },
        shape: {},
      }),
    ];
  },
});

/**
 * The project's DNS server policies, paged. Without the Cloud DNS API no policy can exist, so a
 * disabled API answers "no policies" (the networks then log no queries), not "not applicable".
 */
async function policies(r: ApiReader): Promise<Json[]> {
  try {
    return await r.list<Json>(r.path('dns/v1/projects/{project}/policies'), 'policies');
  } catch (e) {
    if (e instanceof GcpApiDisabledError) return [];
    throw e;
  }
}

const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'dns',
  list: { permission: 'dns.policies.list', all: policies },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const METHODS = ['create', 'patch', 'update', 'delete'].map((m) => `dns.policies.${m}`);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

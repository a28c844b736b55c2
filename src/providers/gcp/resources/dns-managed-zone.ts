import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, buildRecord, records, requireItem, requireString, str, tagMap } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.dns.managed_zone';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    dnsName: S.str,
    visibility: S.str,
    labels: S.strMap,
    dnssecConfig: S.obj({
      state: S.str,
      nonExistence: S.str,
      defaultKeySpecs: S.list(z.looseObject({ keyType: S.str, algorithm: S.str, keyLength: S.num })),
    }),
  }),
});

/**
 * A Cloud DNS managed zone. DNSSEC is off when dnssecConfig is left out (the API's default);
 * the key specs are those the zone signs new keys with (keySigning, zoneSigning).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'dns',
  produces: [TYPE, 'dns_zone'],
  raw: RAW,
  normalise(raw, scope) {
    const zone = requireItem(raw, TYPE);
    const name = requireString(zone, 'name', TYPE, 'item.name');
    const specs = records(at(zone, 'dnssecConfig.defaultKeySpecs'));
    const algorithms = (keyType: string) =>
      specs.filter((k) => str(k.keyType) === keyType).map((k) => (str(k.algorithm) ?? '?').toLowerCase());
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'dns_zone',
        reference: `https://dns.googleapis.com/dns/v1/projects/${scope.account}/managedZones/${name}`,
        name,
        region: 'global',
        service: 'dns',
        tags: tagMap(zone.labels),
        ext: {
          zone_id: str(zone.id),
          dns_name: str(zone.dnsName),
          visibility: str(zone.visibility) ?? 'public',
          dnssec_state: str(at(zone, 'dnssecConfig.state')) ?? 'off',
          key_signing_algorithms: algorithms('keySigning'),
          zone_signing_algorithms: algorithms('zoneSigning'),
        },
        shape: {},
      }),
    ];
  },
});

/** The managed zones of a project: one paged list (dns.managedZones.list). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'dns',
  list: pagedList('dns.managedZones.list', 'dns/v1/projects/{project}/managedZones', 'managedZones'),
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      [
        'dns.managedZones.create',
        'dns.managedZones.patch',
        'dns.managedZones.update',
        'dns.managedZones.delete',
      ],
      ['protoPayload.resourceName'],
    ),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import type { ResourceRecord } from '../../../core/record.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  hasPorts,
  num,
  protocolName,
  records,
  requireItem,
  requireString,
  str,
  strings,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { COMPUTE_API, lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.compute.firewall';
const RULE_TYPE = 'gcp.compute.firewall_rule';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    selfLink: S.str,
    description: S.str,
    network: S.str,
    direction: S.str,
    disabled: S.bool,
    priority: S.num,
    sourceRanges: S.strs,
    sourceTags: S.strs,
    sourceServiceAccounts: S.strs,
    destinationRanges: S.strs,
    targetTags: S.strs,
    targetServiceAccounts: S.strs,
    logConfig: S.obj({ enable: S.bool }),
    allowed: S.list(z.looseObject({ IPProtocol: S.str, ports: S.strs })),
    denied: S.list(z.looseObject({ IPProtocol: S.str, ports: S.strs })),
  }),
});

/**
 * A VPC firewall rule and one firewall_rule per allowed / denied entry. Ingress sources are
 * sourceRanges, plus source tags and service accounts by name; for egress the remote side is
 * destinationRanges, put in source_addresses as AWS does for egress permissions. A disabled
 * rule still yields records, with ext.disabled true, so checks can skip it visibly.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, RULE_TYPE, 'firewall', 'firewall_rule'],
  raw: RAW,
  normalise(raw, scope) {
    const fw = requireItem(raw, TYPE);
    const name = requireString(fw, 'name', TYPE, 'item.name');
    const reference = str(fw.selfLink) ?? `${COMPUTE_API}/projects/${scope.account}/global/firewalls/${name}`;
    const direction = str(fw.direction) === 'EGRESS' ? 'outbound' : 'inbound';
    const disabled = bool(fw.disabled) ?? false;
    const priority = num(fw.priority) ?? 1000;
    const network = str(fw.network);
    const peers =
      direction === 'inbound'
        ? [
            ...strings(fw.sourceRanges),
            ...strings(fw.sourceTags).map((t) => `tag:${t}`),
            ...strings(fw.sourceServiceAccounts).map((a) => `serviceAccount:${a}`),
          ]
        : strings(fw.destinationRanges);
    const common = {
      network: network ? lastSegment(network) : null,
      disabled,
      target_tags: strings(fw.targetTags),
      target_service_accounts: strings(fw.targetServiceAccounts),
      logging: bool(at(fw, 'logConfig.enable')),
    };

    const out: ResourceRecord[] = [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'firewall',
        reference,
        name,
        region: 'global',
        service: 'compute',
        ext: { ...common, firewall_id: str(fw.id), description: str(fw.description) },
        shape: {},
      }),
    ];

    for (const [key, access] of [
      ['allowed', 'allow'],
      ['denied', 'deny'],
    ] as const) {
      records(fw[key]).forEach((entry, i) => {
        const protocol = protocolName(entry.IPProtocol) ?? 'all';
        const listed = strings(entry.ports);
        const ports = hasPorts(protocol) ? (listed.length ? listed : ['0-65535']) : [];
        out.push(
          buildRecord({
            raw: { entry },
            scope,
            origin: TYPE,
            extType: RULE_TYPE,
            recordType: 'firewall_rule',
            reference: `${reference}#${direction}/${key}[${i}]/${peers.join(',')}`,
            name: `${name} ${access} ${protocol}${ports.length ? `:${ports.join(',')}` : ''}`,
            region: 'global',
            service: 'compute',
            ext: { ...common, firewall_name: name, entry_index: i },
            shape: {
              direction,
              access,
              protocol,
              source_addresses: peers,
              destination_ports: ports,
              firewall: reference,
              priority,
            },
          }),
        );
      });
    }
    return out;
  },
});

/** VPC firewall rules of a project: one list call (global resources), no per-item call. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: pagedList('compute.firewalls.list', 'compute/v1/projects/{project}/global/firewalls', 'items'),
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id'), absentOn: ['absent'] },
});

/** Where a changed firewall's name is in a Cloud Audit Log entry: projects/P/global/firewalls/NAME. */
const FIREWALL_METHODS = ['insert', 'patch', 'update', 'delete'].flatMap((m) => [
  `v1.compute.firewalls.${m}`,
  `beta.compute.firewalls.${m}`,
]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(FIREWALL_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});

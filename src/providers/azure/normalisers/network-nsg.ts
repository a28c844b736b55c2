import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import type { ResourceRecord } from '../../../core/record.js';
import {
  buildRecord,
  hasPorts,
  type Json,
  num,
  obj,
  protocolName,
  records,
  str,
  strings,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';

const TYPE = 'azure.network.nsg';
const RULE_TYPE = 'azure.network.nsg_rule';

/** A single value and its plural list, as NSG rules carry both (e.g. sourceAddressPrefix(es)). */
function both(props: Json, single: string, plural: string): string[] {
  const one = str(props[single]);
  return [...(one ? [one] : []), ...strings(props[plural])];
}

const SECURITY_RULE = z.looseObject({
  name: S.str,
  id: S.str,
  properties: S.obj({
    direction: S.str,
    access: S.str,
    protocol: S.str,
    priority: S.num,
    description: S.str,
    sourceAddressPrefix: S.str,
    sourceAddressPrefixes: S.strs,
    sourceApplicationSecurityGroups: S.list(z.looseObject({ id: S.str })),
    sourcePortRange: S.str,
    sourcePortRanges: S.strs,
    destinationAddressPrefix: S.str,
    destinationAddressPrefixes: S.strs,
    destinationPortRange: S.str,
    destinationPortRanges: S.strs,
  }),
});

const RAW = S.raw({
  item: armItem({
    securityRules: S.list(SECURITY_RULE),
    defaultSecurityRules: S.list(SECURITY_RULE),
    subnets: S.list(z.looseObject({ id: S.str })),
    networkInterfaces: S.list(z.looseObject({ id: S.str })),
  }),
});

/**
 * A network security group and one firewall_rule per security rule, default rules included
 * (with their 65000+ priorities, so a check can tell whether a custom rule shadows them).
 * Sources keep Azure's own names: '*', 'Internet', 'VirtualNetwork', service tags, CIDRs, and
 * application security group ids.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'network',
  produces: [TYPE, RULE_TYPE, 'firewall', 'firewall_rule'],
  raw: RAW,
  normalise(raw, scope) {
    const nsg = armResource(raw, TYPE);
    const custom = records(nsg.properties.securityRules);
    const defaults = records(nsg.properties.defaultSecurityRules);
    const out: ResourceRecord[] = [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'firewall',
        reference: nsg.id,
        name: nsg.name,
        region: nsg.region,
        service: 'network',
        tags: nsg.tags,
        ext: {
          resource_group: nsg.resourceGroup,
          rule_count: custom.length,
          subnets: records(nsg.properties.subnets).map((s) => str(s.id)),
          network_interfaces: records(nsg.properties.networkInterfaces).map((n) => str(n.id)),
        },
        shape: {},
      }),
    ];

    const all = [
      ...custom.map((r, i) => ({ rule: r, isDefault: false, path: `properties.securityRules[${i}]` })),
      ...defaults.map((r, i) => ({
        rule: r,
        isDefault: true,
        path: `properties.defaultSecurityRules[${i}]`,
      })),
    ];
    for (const { rule, isDefault, path } of all) {
      const ruleName = str(rule.name);
      if (!ruleName) throw new Error(`${TYPE}: missing required field item.${path}.name in ${nsg.id}`);
      const p = obj(rule.properties);
      const direction = str(p.direction)?.toLowerCase();
      const access = str(p.access)?.toLowerCase();
      if (direction !== 'inbound' && direction !== 'outbound') {
        throw new Error(
          `${TYPE}: item.${path}.properties.direction must be Inbound or Outbound in ${nsg.id}`,
        );
      }
      if (access !== 'allow' && access !== 'deny') {
        throw new Error(`${TYPE}: item.${path}.properties.access must be Allow or Deny in ${nsg.id}`);
      }
      const protocol = protocolName(p.protocol) ?? 'all';
      const sources = [
        ...both(p, 'sourceAddressPrefix', 'sourceAddressPrefixes'),
        ...records(p.sourceApplicationSecurityGroups)
          .map((g) => str(g.id))
          .filter((g): g is string => g !== null),
      ];
      const ports = hasPorts(protocol)
        ? both(p, 'destinationPortRange', 'destinationPortRanges').map((r) => (r === '*' ? '0-65535' : r))
        : [];
      out.push(
        buildRecord({
          raw: { rule },
          scope,
          origin: TYPE,
          extType: RULE_TYPE,
          recordType: 'firewall_rule',
          reference: `${nsg.id}#${direction}/${ruleName}/${sources.join(',')}`,
          name: `${nsg.name}/${ruleName}`,
          region: nsg.region,
          service: 'network',
          tags: nsg.tags,
          ext: {
            rule_id: str(rule.id),
            rule_name: ruleName,
            default_rule: isDefault,
            nsg_name: nsg.name,
            resource_group: nsg.resourceGroup,
            description: str(p.description),
            destination_addresses: both(p, 'destinationAddressPrefix', 'destinationAddressPrefixes'),
            source_ports: both(p, 'sourcePortRange', 'sourcePortRanges'),
          },
          shape: {
            direction,
            access,
            protocol,
            source_addresses: sources,
            destination_ports: ports,
            firewall: nsg.id,
            priority: num(p.priority),
          },
        }),
      );
    }
    return out;
  },
});

import { defineCheck, type ResourceCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import type { Severity } from '../../../core/severity.js';
import {
  type FirewallRuleCom,
  INTERNET_INGRESS,
  isInternetSource,
  parsePortRange,
} from '../../../core/shapes.js';

export const NSG_RULE = 'azure.network.nsg_rule';

/** The Activity Log operations that change a network security group's rules. */
export const NSG_WRITES = [
  'Microsoft.Network/networkSecurityGroups/write',
  'Microsoft.Network/networkSecurityGroups/securityRules/write',
];

const NSG_DOCS = 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview';

/**
 * A CIS section 7 check over one NSG security rule: an inbound Allow rule whose source is the
 * internet (*, Internet, Any, 0.0.0.0/0, ::/0...) and that carries traffic `exposes` names
 * fails. Azure's default rules are read like any other (none of them opens the internet).
 */
export function internetInboundCheck(def: {
  id: string;
  title: string;
  /** the traffic the check is about, for messages ("RDP", "UDP") */
  traffic: string;
  severity: Severity;
  description: string;
  risk: string;
  remediation: { text: string; cli?: string };
  /** what of the rule's traffic is exposed ("port 3389", "UDP"), or null when it exposes nothing */
  exposes: (protocol: string, ports: { from: number; to: number }[]) => string | null;
}): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: def.severity,
    resource: NSG_RULE,
    finding_type: 'firewall_rule_event',
    exposure: INTERNET_INGRESS,
    triggers: NSG_WRITES,
    description: def.description,
    risk: def.risk,
    remediation: def.remediation,
    references: [NSG_DOCS],
    evaluate(rule: ResourceRecord) {
      const c = rule.com as typeof rule.com & Partial<FirewallRuleCom>;
      if (c.direction !== 'inbound' && c.direction !== 'outbound') return error('rule direction is unknown');
      if (c.direction === 'outbound') return notApplicable('outbound rule');
      if (c.access !== 'allow' && c.access !== 'deny') return error('rule access is unknown');
      if (c.access === 'deny') return notApplicable('deny rule');
      if (!Array.isArray(c.source_addresses) || !Array.isArray(c.destination_ports) || !c.protocol)
        return error('rule sources, ports or protocol could not be read');
      const open = c.source_addresses.filter(isInternetSource);
      if (open.length === 0) return pass(`${c.name} does not admit traffic from the internet`);
      const ranges: { from: number; to: number }[] = [];
      for (const p of c.destination_ports) {
        const range = parsePortRange(p);
        if (!range) return error(`${c.name}: unreadable port range "${p}"`);
        ranges.push(range);
      }
      const exposed = def.exposes(c.protocol.toLowerCase(), ranges);
      if (exposed === null) return pass(`${c.name} admits internet traffic, but no ${def.traffic}`);
      return fail(`${c.name} allows ${exposed} from ${open.join(', ')}`, {
        evidence: {
          source_addresses: c.source_addresses,
          destination_ports: c.destination_ports,
          protocol: c.protocol,
          priority: c.priority ?? null,
          firewall: c.firewall ?? null,
        },
      });
    },
  });
}

/** TCP (or any protocol) to one of `ports`: the ports exposed, or null. */
export function tcpPorts(ports: readonly number[]) {
  return (protocol: string, ranges: { from: number; to: number }[]): string | null => {
    if (protocol !== 'tcp' && protocol !== 'all') return null;
    const hit = ports.filter((p) => ranges.some((r) => p >= r.from && p <= r.to));
    return hit.length === 0
      ? null
      : `${protocol === 'all' ? 'any protocol' : 'TCP'} to port ${hit.join(', ')}`;
  };
}

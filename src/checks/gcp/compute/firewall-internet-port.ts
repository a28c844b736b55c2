import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { type FirewallRuleCom, isInternetSource, parsePortRange } from '../../../core/shapes.js';

/** The Cloud Audit Log methods that change a VPC firewall rule. */
export const FIREWALL_TRIGGERS = ['insert', 'patch', 'update'].map((m) => `v1.compute.firewalls.${m}`);

/**
 * Does an enabled ingress allow entry of a VPC firewall rule let `port` (TCP, or every protocol)
 * in from anywhere (0.0.0.0/0 or ::/0)? A disabled rule and egress or deny entries are not
 * exposures.
 */
export function firewallExposesPort(rule: ResourceRecord, port: number, service: string): CheckResult {
  const c = rule.com as typeof rule.com & Partial<FirewallRuleCom>;
  if (rule.ext.disabled === true) return notApplicable('the firewall rule is disabled');
  if (c.direction === 'outbound') return notApplicable('egress rule');
  if (c.direction !== 'inbound') return error('rule direction is unknown');
  if (c.access === 'deny') return notApplicable('deny rule');
  if (!Array.isArray(c.source_addresses) || !Array.isArray(c.destination_ports) || !c.protocol) {
    return error('rule sources, ports or protocol could not be read');
  }
  const open = c.source_addresses.filter(isInternetSource);
  if (open.length === 0) return pass('not open to the internet');
  if (c.protocol !== 'tcp' && c.protocol !== 'all')
    return pass(`protocol ${c.protocol} does not carry ${service}`);
  for (const p of c.destination_ports) {
    const range = parsePortRange(p);
    if (!range) return error(`unreadable port range "${p}"`);
    if (port >= range.from && port <= range.to) {
      const name = String(rule.ext.firewall_name ?? c.firewall);
      return fail(`firewall rule ${name} allows ${service} (tcp:${port}) from ${open.join(', ')}`, {
        evidence: {
          firewall: name,
          network: rule.ext.network ?? null,
          source_addresses: c.source_addresses,
          protocol: c.protocol,
          destination_ports: c.destination_ports,
          target_tags: rule.ext.target_tags ?? [],
        },
      });
    }
  }
  return pass(`${service} (tcp:${port}) is not open`);
}

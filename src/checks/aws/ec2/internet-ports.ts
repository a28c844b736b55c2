import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { type FirewallRuleCom, parsePortRange } from '../../../core/shapes.js';

const V4_ANY = new Set(['0.0.0.0/0']);
const V6_ANY = new Set(['::/0']);
export const ANY_V4 = V4_ANY;
export const ANY_V6 = V6_ANY;

/**
 * Does an inbound security group rule open one of `ports` to one of the `anywhere` sources, over
 * one of `protocols` ('all' always counts)? By default TCP: UDP-only and ICMP rules never carry
 * TCP services.
 */
export function ruleExposes(
  rule: ResourceRecord,
  anywhere: Set<string>,
  ports: number[],
  protocols: readonly string[] = ['tcp'],
): CheckResult {
  const c = rule.com as typeof rule.com & Partial<FirewallRuleCom>;
  if (c.direction === 'outbound') return notApplicable('outbound rule');
  if (c.direction !== 'inbound') return error('rule direction is unknown');
  if (!Array.isArray(c.source_addresses) || !Array.isArray(c.destination_ports) || !c.protocol) {
    return error('rule sources, ports or protocol could not be read');
  }
  const open = c.source_addresses.filter((s) => anywhere.has(s.trim()));
  if (open.length === 0) return pass('not open to any address of this family');
  if (c.protocol !== 'all' && !protocols.includes(c.protocol))
    return pass(`protocol ${c.protocol} carries none of these ports`);
  const hit = new Set<number>();
  for (const p of c.destination_ports) {
    const range = parsePortRange(p);
    if (!range) return error(`unreadable port range "${p}"`);
    for (const port of ports) if (port >= range.from && port <= range.to) hit.add(port);
  }
  if (hit.size === 0) return pass('none of the ports is open');
  return fail(
    `${String(rule.ext.group_name ?? c.firewall)} allows port(s) ${[...hit].sort((a, b) => a - b).join(', ')} from ${open.join(', ')}`,
    {
      evidence: {
        source_addresses: c.source_addresses,
        destination_ports: c.destination_ports,
        protocol: c.protocol,
      },
    },
  );
}

import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { type FirewallRuleCom, INTERNET_INGRESS, parsePortRange } from '../../../core/shapes.js';
import { ANY_V4, ANY_V6 } from './internet-ports.js';

const ANYWHERE = new Set([...ANY_V4, ...ANY_V6]);
const PORT = z.number().int().min(0).max(65535);

/** The ports of `range` (from-to) that `authorized` does not hold, at most a few for the message. */
function unauthorized(from: number, to: number, authorized: readonly number[]): string | null {
  for (let port = from; port <= to; port++) {
    if (!authorized.includes(port)) return from === to ? String(from) : `${from}-${to}`;
  }
  return null;
}

function evaluateRule(rule: ResourceRecord, tcp: readonly number[], udp: readonly number[]) {
  const c = rule.com as typeof rule.com & Partial<FirewallRuleCom>;
  if (c.direction === 'outbound') return notApplicable('outbound rule');
  if (c.direction !== 'inbound') return error('rule direction is unknown');
  if (!Array.isArray(c.source_addresses) || !Array.isArray(c.destination_ports) || !c.protocol)
    return error('rule sources, ports or protocol could not be read');
  const open = c.source_addresses.filter((s) => ANYWHERE.has(s.trim()));
  if (open.length === 0) return pass('not open to the internet');
  if (c.protocol === 'all')
    return fail(
      `${String(rule.ext.group_name ?? c.firewall)} allows every protocol and port from ${open.join(', ')}`,
    );
  if (c.protocol !== 'tcp' && c.protocol !== 'udp') return pass(`protocol ${c.protocol} has no ports`);
  const authorized = c.protocol === 'tcp' ? tcp : udp;
  const bad: string[] = [];
  for (const p of c.destination_ports) {
    const range = parsePortRange(p);
    if (!range) return error(`unreadable port range "${p}"`);
    const hit = unauthorized(range.from, range.to, authorized);
    if (hit !== null) bad.push(hit);
  }
  if (bad.length === 0)
    return pass(`only authorized ${c.protocol.toUpperCase()} ports are open to the internet`);
  return fail(
    `${String(rule.ext.group_name ?? c.firewall)} allows ${c.protocol.toUpperCase()} ${bad.join(', ')} from ${open.join(', ')}, which is not an authorized port`,
    {
      evidence: {
        source_addresses: c.source_addresses,
        destination_ports: c.destination_ports,
        protocol: c.protocol,
      },
    },
  );
}

export default defineCheck({
  id: 'aws.ec2.unrestricted_ingress_authorized_ports_only',
  title: 'Security groups open only authorized ports to the internet',
  severity: 'high',
  resource: 'aws.ec2.security_group_rule',
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: [],
  description:
    'An inbound security group rule allows traffic from any address (0.0.0.0/0 or ::/0) to a port outside the authorized list (TCP 80 and 443 by default).',
  risk: 'Every port open to the whole internet is attack surface; only the ports a public service needs should be.',
  remediation: {
    text: 'Remove the rule or restrict its source; if the port really serves the public, add it to the check parameters.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions <permission>',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  params: z.object({
    authorized_tcp_ports: z.array(PORT).default([80, 443]),
    authorized_udp_ports: z.array(PORT).default([]),
  }),
  evaluate: (rule, { authorized_tcp_ports, authorized_udp_ports }) =>
    evaluateRule(rule, authorized_tcp_ports, authorized_udp_ports),
});

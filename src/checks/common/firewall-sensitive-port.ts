import { z } from 'zod';
import { defineCheck } from '../../core/check.js';
import { error, fail, notApplicable, pass } from '../../core/result.js';
import {
  type FirewallRuleCom,
  INTERNET_INGRESS,
  isInternetSource,
  parsePortRange,
} from '../../core/shapes.js';

const DEFAULT_PORTS = [22, 3389, 1433, 1521, 3306, 5432];
const EXPOSED_PROTOCOLS = new Set(['tcp', 'udp', 'all', '*', '-1', 'any']);

export default defineCheck({
  id: 'common.network.no_sensitive_port_open_to_internet',
  title: 'Firewall rules do not expose administrative or database ports to the internet',
  severity: 'critical',
  resource: 'firewall_rule',
  finding_type: 'firewall_rule_event',
  exposure: INTERNET_INGRESS,
  triggers: [
    'AuthorizeSecurityGroupIngress',
    'ModifySecurityGroupRules',
    'Microsoft.Network/networkSecurityGroups/securityRules/write',
    'Microsoft.Network/networkSecurityGroups/write',
    'v1.compute.firewalls.insert',
    'v1.compute.firewalls.patch',
    'v1.compute.firewalls.update',
  ],
  description:
    'An inbound rule that allows traffic from any address (0.0.0.0/0, ::/0, * or Internet) to a port used for remote administration or databases.',
  risk: 'Ports such as SSH, RDP and database listeners reachable from the whole internet are scanned within minutes and face brute force and exploitation of unpatched services.',
  remediation: {
    text: 'Restrict the rule to the addresses that need access (a bastion, a VPN range, the application tier), or remove it and reach the service through a session manager or private connectivity.',
    clouds: {
      aws: {
        text: 'Revoke the security group rule or narrow its source to the addresses that need access; reach instances with Systems Manager Session Manager or an EC2 Instance Connect Endpoint instead of open ports.',
        cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port <port> --cidr 0.0.0.0/0\naws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions "IpProtocol=tcp,FromPort=<port>,ToPort=<port>,Ipv6Ranges=[{CidrIpv6=::/0}]"',
      },
      azure: {
        text: "Narrow the network security group rule's source to the address prefixes that need access, or delete the rule; administer VMs through Azure Bastion or just-in-time VM access.",
        cli: 'az network nsg rule update -g <rg> --nsg-name <nsg> -n <rule> --source-address-prefixes <trusted-cidr>',
      },
      gcp: {
        text: "Narrow the firewall rule's source ranges to the addresses that need access, or delete the rule; administer instances through Identity-Aware Proxy TCP forwarding.",
        cli: 'gcloud compute firewall-rules update <rule> --source-ranges=<trusted-cidr>',
      },
    },
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    'https://cloud.google.com/firewall/docs/firewalls',
  ],
  params: z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1).default(DEFAULT_PORTS) }),
  evaluate(rule, { ports }) {
    const c = rule.com as typeof rule.com & Partial<FirewallRuleCom>;
    if (rule.ext.disabled === true) return notApplicable('rule is disabled');
    if (c.direction !== 'inbound' && c.direction !== 'outbound') {
      return error('rule direction is unknown');
    }
    if (c.direction === 'outbound') return notApplicable('outbound rule');
    if (c.access === 'deny') return notApplicable('deny rule');
    if (!Array.isArray(c.source_addresses) || !Array.isArray(c.destination_ports) || !c.protocol) {
      return error('rule sources, ports or protocol could not be read');
    }
    const open = c.source_addresses.filter(isInternetSource);
    if (open.length === 0) return pass('rule is not open to the internet');
    if (!EXPOSED_PROTOCOLS.has(c.protocol.toLowerCase()))
      return pass(`protocol ${c.protocol} carries no ports`);
    const exposed = new Set<number>();
    for (const p of c.destination_ports) {
      const range = parsePortRange(p);
      if (!range) return error(`unreadable port range "${p}"`);
      for (const port of ports) if (port >= range.from && port <= range.to) exposed.add(port);
    }
    if (exposed.size === 0) return pass('no sensitive port is open to the internet');
    const list = [...exposed].sort((a, b) => a - b).join(', ');
    return fail(`open to ${open.join(', ')} on port(s) ${list}`, {
      evidence: {
        source_addresses: c.source_addresses,
        destination_ports: c.destination_ports,
        protocol: c.protocol,
        firewall: c.firewall,
      },
    });
  },
});

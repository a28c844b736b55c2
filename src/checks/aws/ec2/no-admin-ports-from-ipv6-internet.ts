import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { INTERNET_INGRESS } from '../../../core/shapes.js';
import { ANY_V6, ruleExposes } from './internet-ports.js';

export default defineCheck({
  id: 'aws.ec2.no_admin_ports_from_ipv6_internet',
  title: 'No security group allows SSH or RDP from ::/0',
  severity: 'critical',
  resource: 'aws.ec2.security_group_rule',
  // the same exposure as common.network.no_sensitive_port_open_to_internet: one finding per rule
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: [],
  description:
    'An inbound security group rule allows a remote administration port (22, 3389 by default) from any IPv6 address.',
  risk: 'IPv6 exposure is easily forgotten next to IPv4 rules, yet reaches the same services from the whole internet.',
  remediation: {
    text: 'Remove the rule, or restrict it to known IPv6 administration ranges.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  params: z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1).default([22, 3389]) }),
  evaluate: (rule, { ports }) => ruleExposes(rule, ANY_V6, ports),
});

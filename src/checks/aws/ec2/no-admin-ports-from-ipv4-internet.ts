import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { INTERNET_INGRESS } from '../../../core/shapes.js';
import { ANY_V4, ruleExposes } from './internet-ports.js';

export default defineCheck({
  id: 'aws.ec2.no_admin_ports_from_ipv4_internet',
  title: 'No security group allows SSH or RDP from 0.0.0.0/0',
  severity: 'critical',
  resource: 'aws.ec2.security_group_rule',
  // the same exposure as common.network.no_sensitive_port_open_to_internet: one finding per rule
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: [],
  description:
    'An inbound security group rule allows a remote administration port (22, 3389 by default) from any IPv4 address.',
  risk: 'SSH and RDP open to the internet are probed continuously; a weak password, leaked key or unpatched service is all it takes.',
  remediation: {
    text: 'Remove the rule, or restrict it to known administration ranges; prefer Session Manager or EC2 Instance Connect Endpoint over open ports.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 22 --cidr 0.0.0.0/0',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
  ],
  params: z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1).default([22, 3389]) }),
  evaluate: (rule, { ports }) => ruleExposes(rule, ANY_V4, ports),
});

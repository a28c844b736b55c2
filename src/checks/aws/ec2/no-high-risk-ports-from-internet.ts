import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { INTERNET_INGRESS } from '../../../core/shapes.js';
import { ANY_V4, ANY_V6, ruleExposes } from './internet-ports.js';

const ANYWHERE = new Set([...ANY_V4, ...ANY_V6]);

/** The ports AWS Security Hub counts as high risk for EC2.19 (databases, remote access, admin UIs). */
export const HIGH_RISK_PORTS = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080,
  8088, 8888, 9200, 9300,
];

export default defineCheck({
  id: 'aws.ec2.no_high_risk_ports_from_internet',
  title: 'No security group opens a high-risk port to the internet',
  severity: 'high',
  resource: 'aws.ec2.security_group_rule',
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: [],
  description:
    'An inbound security group rule allows a high-risk port (FTP, SSH, Telnet, SMTP, RPC, SMB, databases, RDP, admin consoles...) from any IPv4 or IPv6 address.',
  risk: 'These services are the first ones scanners try; an exposed database or remote-access port is a direct way in when a password is weak or a patch is missing.',
  remediation: {
    text: 'Remove the rule or narrow its source to known address ranges; reach administrative services through a VPN, a bastion or Session Manager.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol <tcp|udp> --port <port> --cidr 0.0.0.0/0',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  params: z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1).default(HIGH_RISK_PORTS) }),
  evaluate: (rule, { ports }) => ruleExposes(rule, ANYWHERE, ports, ['tcp', 'udp']),
});

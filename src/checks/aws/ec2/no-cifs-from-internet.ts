import { defineCheck } from '../../../core/check.js';
import { INTERNET_INGRESS } from '../../../core/shapes.js';
import { ANY_V4, ANY_V6, ruleExposes } from './internet-ports.js';

const ANYWHERE = new Set([...ANY_V4, ...ANY_V6]);

export default defineCheck({
  id: 'aws.ec2.no_cifs_from_internet',
  title: 'No security group allows CIFS/SMB (port 445) from the internet',
  severity: 'critical',
  resource: 'aws.ec2.security_group_rule',
  // the same exposure as common.network.no_sensitive_port_open_to_internet: one finding per rule
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: [],
  description: 'An inbound security group rule allows TCP port 445 (SMB/CIFS file sharing) from any address.',
  risk: 'SMB exposed to the internet has a long history of wormable exploits and is a common ransomware entry point.',
  remediation: {
    text: 'Remove the rule; reach file shares over a VPN or Direct Connect, or restrict the rule to trusted ranges.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 445 --cidr 0.0.0.0/0',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  evaluate: (rule) => ruleExposes(rule, ANYWHERE, [445]),
});

import { defineCheck } from '../../../core/check.js';
import { INTERNET_INGRESS } from '../../../core/shapes.js';
import { FIREWALL_TRIGGERS, firewallExposesPort } from './firewall-internet-port.js';

export default defineCheck({
  id: 'gcp.compute.firewall_no_ssh_from_internet',
  title: 'No VPC firewall rule allows SSH from the internet',
  severity: 'critical',
  resource: 'gcp.compute.firewall_rule',
  // the same exposure as common.network.no_sensitive_port_open_to_internet: one finding per rule
  exposure: INTERNET_INGRESS,
  finding_type: 'firewall_rule_event',
  triggers: FIREWALL_TRIGGERS,
  description: 'An enabled ingress rule of a VPC firewall allows TCP port 22 (SSH) from 0.0.0.0/0 or ::/0.',
  risk: 'SSH reachable from any address is probed continuously; a leaked key, weak password or unpatched service is then enough to take over the instance.',
  remediation: {
    text: 'Narrow the rule to the ranges that need SSH (for Identity-Aware Proxy TCP forwarding: 35.235.240.0/20), or delete it.',
    cli: 'gcloud compute firewall-rules update <rule> --project <project> --source-ranges=35.235.240.0/20',
  },
  references: [
    'https://cloud.google.com/firewall/docs/firewalls',
    'https://cloud.google.com/iap/docs/using-tcp-forwarding',
  ],
  evaluate: (rule) => firewallExposesPort(rule, 22, 'SSH'),
});

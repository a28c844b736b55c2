import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.firewall_changes_alerted',
  title: 'VPC firewall rule changes raise an alert',
  what: 'VPC firewall rule changes',
  terms: [
    'resource.type="gce_firewall_rule"',
    'compute.firewalls.patch',
    'compute.firewalls.insert',
    'compute.firewalls.delete',
  ],
  description: 'No log-based metric and alert policy report VPC firewall rules created, changed or deleted.',
  risk: 'A firewall change can open the network to the internet; it should be seen when it happens.',
});

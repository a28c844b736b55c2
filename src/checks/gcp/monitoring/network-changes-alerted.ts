import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.network_changes_alerted',
  title: 'VPC network changes raise an alert',
  what: 'VPC network changes',
  terms: [
    'resource.type="gce_network"',
    'compute.networks.insert',
    'compute.networks.patch',
    'compute.networks.delete',
    'compute.networks.removePeering',
    'compute.networks.addPeering',
  ],
  description:
    'No log-based metric and alert policy report VPC networks created, changed, deleted or peered.',
  risk: "A new network or peering can connect the project's workloads to places they must not reach.",
});

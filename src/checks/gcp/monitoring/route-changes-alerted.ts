import { defineLogAlertCheck } from './log-alerts.js';

export default defineLogAlertCheck({
  id: 'gcp.monitoring.route_changes_alerted',
  title: 'VPC route changes raise an alert',
  what: 'VPC route changes',
  terms: ['resource.type="gce_route"', 'compute.routes.delete', 'compute.routes.insert'],
  description: 'No log-based metric and alert policy report VPC routes created or deleted.',
  risk: 'A changed route can send traffic through a machine that inspects or drops it.',
});

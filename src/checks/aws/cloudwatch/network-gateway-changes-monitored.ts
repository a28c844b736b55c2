import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.network_gateway_changes_monitored',
  title: 'Network gateway changes raise an alarm',
  severity: 'low',
  eventClass: 'network_gateway_changes',
  metric: 'NetworkGatewayChanges',
  pattern:
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  description:
    'No metric filter and alarm notify anyone when internet or customer gateways are created, attached, detached or deleted.',
  risk: 'A new gateway gives a private network a path in or out that bypasses the intended perimeter.',
});

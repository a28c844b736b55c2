import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.route_table_changes_monitored',
  title: 'Route table changes raise an alarm',
  severity: 'low',
  eventClass: 'route_table_changes',
  metric: 'RouteTableChanges',
  pattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  description: 'No metric filter and alarm notify anyone when route tables or routes change.',
  risk: 'A changed route can send traffic through a host an attacker controls, or make a private subnet reachable.',
});

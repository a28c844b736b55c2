import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.vpc_changes_monitored',
  title: 'VPC changes raise an alarm',
  severity: 'low',
  eventClass: 'vpc_changes',
  metric: 'VPCChanges',
  pattern:
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  description:
    'No metric filter and alarm notify anyone when VPCs, their attributes or their peering connections change.',
  risk: "A peering connection joins two networks' trust zones; created or accepted unnoticed, it opens paths nobody reviewed.",
});

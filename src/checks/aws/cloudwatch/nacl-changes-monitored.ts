import { defineMonitoringCheck } from './monitoring.js';

export default defineMonitoringCheck({
  id: 'aws.cloudwatch.nacl_changes_monitored',
  title: 'Network ACL changes raise an alarm',
  severity: 'low',
  eventClass: 'nacl_changes',
  metric: 'NACLChanges',
  pattern:
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  description: 'No metric filter and alarm notify anyone when network ACLs or their entries change.',
  risk: 'Network ACLs are the subnet-level guard; a changed entry can open whole subnets without touching any security group.',
});

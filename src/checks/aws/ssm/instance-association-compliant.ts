import { complianceCheck } from './instance-compliance.js';

export default complianceCheck({
  id: 'instance_association_compliant',
  fact: 'association_compliance',
  what: 'association',
  title: 'Systems Manager managed nodes are association compliant',
  risk: 'A State Manager association failed on the node: the configuration it should enforce (agents, hardening, inventory) is not in place.',
  fix: "Read the failed association's execution output, fix its cause, and apply it again.",
  cli: 'aws ssm start-associations-once --association-ids <association-id>',
  reference: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-state.html',
});

import { complianceCheck } from './instance-compliance.js';

export default complianceCheck({
  id: 'instance_patch_compliant',
  fact: 'patch_compliance',
  what: 'patch',
  title: 'Systems Manager managed nodes are patch compliant',
  risk: 'The node misses security patches its patch baseline requires: known vulnerabilities stay exploitable.',
  fix: 'Install the missing patches (Patch Manager: AWS-RunPatchBaseline with Operation Install) and schedule regular patching.',
  cli: 'aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=InstanceIds,Values=<instance-id> --parameters Operation=Install',
  reference: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html',
});

import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { about, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ssm.ec2_instances_managed',
  title: 'EC2 instances are managed by Systems Manager',
  severity: 'medium',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.ec2.instance', 'aws.ssm.managed_instance'],
  triggers: [],
  description: 'The running EC2 instance is not a Systems Manager managed node.',
  risk: 'The instance cannot be patched, inventoried or reached for incident response through Systems Manager; it is likely to fall behind on patches unnoticed.',
  remediation: {
    text: 'Give the instance a role with the AmazonSSMManagedInstanceCore policy (or turn on Default Host Management Configuration) and make sure the SSM Agent runs and can reach Systems Manager.',
    cli: 'aws ssm update-service-setting --setting-id /ssm/managed-instance/default-ec2-instance-management-role --setting-value service-role/AWSSystemsManagerDefaultEC2InstanceManagementRoleV2',
  },
  references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/managed_instances.html'],
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const managed = ctx.readable('aws.ssm.managed_instance');
    const managedIds = new Set(managed.records.map((r) => extStr(r, 'instance_id')));
    const unreadableRegions = new Map(managed.unreadable.map((u) => [u.region, u.reason]));
    const instances = ctx.readable('aws.ec2.instance');
    for (const inst of instances.records) {
      if (inst.com.state !== 'running') continue;
      const id = extStr(inst, 'instance_id');
      const subject = { resource: about(inst) };
      if (managedIds.has(id)) results.push({ ...pass('a managed node'), ...subject });
      // the managed nodes of its region could not be read: it may be one of them
      else if (unreadableRegions.has(inst.com.region))
        results.push({
          ...error(
            `the managed nodes of ${inst.com.region} could not be read: ${unreadableRegions.get(inst.com.region)}`,
          ),
          ...subject,
        });
      else results.push({ ...fail(`${inst.com.name} is not managed by Systems Manager`), ...subject });
    }
    results.push(...unreadableErrors(ctx, instances.unreadable));
    return results.length > 0 ? results : pass('no running EC2 instances');
  },
});

import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.group_uses_launch_template',
  title: 'Auto Scaling groups launch from launch templates',
  severity: 'medium',
  resource: 'aws.autoscaling.group',
  triggers: ['UpdateAutoScalingGroup', 'CreateAutoScalingGroup'],
  description:
    'The Auto Scaling group launches instances from a launch configuration instead of a launch template.',
  risk: 'Launch configurations are deprecated and lack current EC2 features (IMDSv2 defaults, newer instance types, versioning), so the group falls behind on hardening.',
  remediation: {
    text: 'Create a launch template from the launch configuration and switch the group to it.',
    cli: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --launch-template LaunchTemplateId=<lt-id>,Version='$Latest'",
  },
  references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/migrate-to-launch-templates.html'],
  evaluate(group) {
    const template = extStr(group, 'launch_template');
    if (template) return pass(`launch template ${template}`);
    const config = extStr(group, 'launch_configuration');
    return fail(
      `${group.com.name} ${config ? `launches from launch configuration ${config}` : 'names no launch template'}`,
    );
  },
});

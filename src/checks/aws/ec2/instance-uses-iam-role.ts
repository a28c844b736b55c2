import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.instance_uses_iam_role',
  title: 'EC2 instances use an IAM role (instance profile) for AWS access',
  severity: 'low',
  resource: 'aws.ec2.instance',
  triggers: [],
  description:
    'The instance has no instance profile, so software on it that calls AWS must use long-lived access keys stored on the machine.',
  risk: 'Access keys on disk are copied with images and backups and never expire; an instance role hands out short-lived credentials that rotate by themselves.',
  remediation: {
    text: 'Create a role with the permissions the instance needs, attach it through an instance profile, and remove any access keys stored on the instance.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile>',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html'],
  evaluate(instance) {
    const state = typeof instance.com.state === 'string' ? instance.com.state : null;
    if (state === 'terminated' || state === 'shutting-down') return notApplicable(`instance is ${state}`);
    const profile = extStr(instance, 'iam_instance_profile');
    return profile
      ? pass(`instance profile ${profile}`)
      : fail(`${instance.com.name} has no IAM instance profile`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.instance_not_paravirtual',
  title: 'EC2 instances use hardware virtual machine (HVM) virtualisation',
  severity: 'medium',
  resource: 'aws.ec2.instance',
  facts: { 'aws.ec2.instance': ['virtualization_type'] },
  triggers: [],
  description: 'The instance runs on paravirtual (PV) virtualisation.',
  risk: 'Paravirtual images are a legacy of old instance generations: they miss the hardware security features and enhanced networking of HVM instances and get no new instance types.',
  remediation: {
    text: 'Rebuild the workload on an HVM AMI and a current instance type, then terminate the paravirtual instance.',
    cli: 'aws ec2 run-instances --image-id <hvm-ami-id> --instance-type <current-type> ...',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/virtualization_types.html'],
  evaluate(instance) {
    if (instance.com.state === 'terminated') return notApplicable('instance is terminated');
    const type = extStr(instance, 'virtualization_type');
    if (type === null) return error('the virtualisation type could not be read');
    return type === 'paravirtual'
      ? fail(`${instance.com.name} is a paravirtual instance`)
      : pass(`virtualisation type ${type}`);
  },
});

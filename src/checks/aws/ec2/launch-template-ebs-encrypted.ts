import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extNum } from '../facts.js';

interface Volume {
  device: string | null;
  encrypted: boolean | null;
}

export default defineCheck({
  id: 'aws.ec2.launch_template_ebs_encrypted',
  title: 'Launch templates encrypt the EBS volumes they attach',
  severity: 'medium',
  resource: 'aws.ec2.launch_template',
  triggers: ['CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'CreateLaunchTemplate'],
  description:
    'A block device mapping of the default launch template version does not set Encrypted true for its EBS volume.',
  risk: 'Instances launched from the template may get unencrypted volumes, whose snapshots and data are readable without any key.',
  remediation: {
    text: 'Create a template version with Encrypted true (and a KMS key) on every EBS block device mapping and make it the default.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <n> --launch-template-data \'{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":true}}]}\'',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  evaluate(template) {
    const volumes = extList<Volume>(template, 'ebs_volumes');
    if (volumes === null) return error('the launch template data could not be read');
    if (volumes.length === 0) return notApplicable('the template maps no EBS volume');
    const plain = volumes.filter((v) => v.encrypted !== true);
    return plain.length === 0
      ? pass('every EBS volume is encrypted')
      : fail(
          `${template.com.name} (version ${extNum(template, 'version')}) does not encrypt ${plain.map((v) => v.device ?? '(no device)').join(', ')}`,
        );
  },
});

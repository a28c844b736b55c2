import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.launch_template_no_public_ip',
  title: 'Launch templates do not give network interfaces a public IPv4 address',
  severity: 'high',
  resource: 'aws.ec2.launch_template',
  triggers: ['CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'CreateLaunchTemplate'],
  description:
    'The default version of the launch template assigns a public IPv4 address to a network interface.',
  risk: 'Every instance launched from the template, by hand or by Auto Scaling, becomes reachable from the internet.',
  remediation: {
    text: 'Create a template version with AssociatePublicIpAddress false on every network interface and make it the default.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <n> --launch-template-data \'{"NetworkInterfaces":[{"DeviceIndex":0,"AssociatePublicIpAddress":false}]}\'\naws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new>',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html'],
  evaluate(template) {
    const interfaces = extList<number | null>(template, 'public_ip_interfaces');
    if (interfaces === null) return error('the launch template data could not be read');
    return interfaces.length === 0
      ? pass('no network interface gets a public IPv4 address')
      : fail(
          `${template.com.name} (version ${extNum(template, 'version')}) assigns a public IPv4 address to device index ${interfaces.join(', ')}`,
        );
  },
});

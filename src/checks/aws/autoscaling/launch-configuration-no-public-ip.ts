import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.launch_configuration_no_public_ip',
  title: 'Auto Scaling launch configurations do not assign public IP addresses',
  severity: 'high',
  resource: 'aws.autoscaling.launch_configuration',
  triggers: ['CreateLaunchConfiguration'],
  description: 'The launch configuration gives every instance a public IP address.',
  risk: 'Every instance the group launches is reachable from the internet as soon as a security group lets traffic in.',
  remediation: {
    text: 'Create a launch configuration (better, a launch template) with AssociatePublicIpAddress false and put the instances behind a load balancer or NAT gateway.',
    cli: 'aws autoscaling create-launch-configuration --launch-configuration-name <new-name> --image-id <ami> --instance-type <type> --no-associate-public-ip-address',
  },
  references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-in-vpc.html#as-vpc-ipaddress'],
  evaluate(config) {
    // absent: the subnet's auto-assign setting applies, which aws.ec2.subnet_no_auto_public_ip judges
    return extBool(config, 'associate_public_ip') === true
      ? fail(`${config.com.name} assigns public IP addresses`)
      : pass('no public IP address is assigned by the launch configuration');
  },
});

import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.autoscaling.launch_configuration_imdsv2_required',
  title: 'Auto Scaling launch configurations require IMDSv2',
  severity: 'high',
  resource: 'aws.autoscaling.launch_configuration',
  triggers: ['CreateLaunchConfiguration'],
  description:
    'The launch configuration does not require session tokens (IMDSv2) for the instance metadata service.',
  risk: 'Instances launched from it answer IMDSv1, so a server-side request forgery in any of their applications can read the instance role credentials.',
  remediation: {
    text: 'Launch configurations cannot be changed: create one with HttpTokens required (better, a launch template) and switch the groups to it.',
    cli: 'aws autoscaling create-launch-configuration --launch-configuration-name <new-name> --image-id <ami> --instance-type <type> --metadata-options HttpTokens=required,HttpEndpoint=enabled',
  },
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/create-launch-config.html#launch-configurations-imds',
  ],
  evaluate(config) {
    if (extStr(config, 'metadata_endpoint') === 'disabled') return pass('the metadata service is disabled');
    const tokens = extStr(config, 'http_tokens');
    return tokens === 'required'
      ? pass('IMDSv2 is required')
      : fail(
          `${config.com.name} ${tokens === null ? 'sets no metadata options' : `sets HttpTokens ${tokens}`}`,
        );
  },
});

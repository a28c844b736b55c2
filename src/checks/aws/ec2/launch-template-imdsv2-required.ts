import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.launch_template_imdsv2_required',
  title: 'Launch templates require IMDSv2',
  severity: 'high',
  resource: 'aws.ec2.launch_template',
  triggers: ['CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'CreateLaunchTemplate'],
  description:
    'The default version of the launch template does not require session tokens (IMDSv2) for the instance metadata service.',
  risk: 'Instances launched from it answer IMDSv1, so a server-side request forgery in any of their applications can read the instance role credentials.',
  remediation: {
    text: 'Create a template version with MetadataOptions HttpTokens required and make it the default.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <n> --launch-template-data \'{"MetadataOptions":{"HttpTokens":"required","HttpEndpoint":"enabled"}}\'\naws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new>',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html'],
  evaluate(template) {
    if (extStr(template, 'metadata_endpoint') === 'disabled') return pass('the metadata service is disabled');
    const tokens = extStr(template, 'http_tokens');
    if (tokens === 'required') return pass('IMDSv2 is required');
    // an unset HttpTokens leaves IMDSv1 on for most AMIs: the template does not require IMDSv2
    return fail(
      `${template.com.name} (version ${extNum(template, 'version')}) ${tokens === null ? 'sets no metadata options' : `sets HttpTokens ${tokens}`}`,
    );
  },
});

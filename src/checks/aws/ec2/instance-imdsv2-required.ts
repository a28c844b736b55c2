import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.instance_imdsv2_required',
  title: 'EC2 instances require IMDSv2 for the metadata service',
  severity: 'high',
  resource: 'aws.ec2.instance',
  triggers: [],
  description: 'The instance metadata service still answers IMDSv1 requests (HttpTokens optional).',
  risk: 'With IMDSv1 a server-side request forgery in any application on the instance can read the instance role credentials.',
  remediation: {
    text: 'Require session tokens (IMDSv2) on the instance; set the account default for new instances too.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled\naws ec2 modify-instance-metadata-defaults --http-tokens required',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  ],
  evaluate(instance) {
    const state = typeof instance.com.state === 'string' ? instance.com.state : null;
    if (state === 'terminated' || state === 'shutting-down') return notApplicable(`instance is ${state}`);
    if (extStr(instance, 'metadata_endpoint') === 'disabled') return pass('the metadata service is disabled');
    const v2 = extBool(instance, 'imdsv2_required');
    if (v2 === null) return error('the metadata options are unreadable');
    return v2 ? pass('IMDSv2 is required') : fail(`${instance.com.name} accepts IMDSv1`);
  },
});

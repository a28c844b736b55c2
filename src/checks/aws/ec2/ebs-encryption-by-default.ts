import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.ebs_encryption_by_default',
  title: 'EBS encryption by default is on in every region',
  severity: 'medium',
  resource: 'aws.ec2.ebs_encryption_default',
  triggers: [],
  description:
    'New EBS volumes and snapshot copies in the region are not encrypted unless each request asks for it.',
  risk: 'Volumes created by templates, scripts or people who forget the flag store data unencrypted, and their snapshots can be shared in the clear.',
  remediation: {
    text: 'Turn on EBS encryption by default in each region (optionally with a customer managed KMS key).',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  evaluate(rec) {
    const on = extBool(rec, 'enabled');
    if (on === null) return error('the EBS encryption by default setting is unreadable');
    return on ? pass('on') : fail(`EBS encryption by default is off in ${rec.com.region}`);
  },
});

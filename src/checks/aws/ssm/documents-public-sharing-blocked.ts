import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.ssm.documents_public_sharing_blocked',
  title: 'Systems Manager blocks public sharing of documents in every region',
  severity: 'medium',
  resource: 'aws.ssm.service_settings',
  triggers: [],
  description: 'The region allows Systems Manager documents to be shared publicly.',
  risk: 'Anyone who can modify document permissions can share a document with every AWS account by mistake or on purpose, with its scripts and parameters.',
  remediation: {
    text: 'Turn on the block public sharing setting for Systems Manager documents in each region.',
    cli: 'aws ssm update-service-setting --setting-id /ssm/documents/console/public-sharing-permission --setting-value Disable --region <region>',
  },
  references: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html#block-public-access',
  ],
  evaluate(rec) {
    const blocked = extBool(rec, 'public_sharing_blocked');
    if (blocked === null) return error('the setting is missing from the record');
    return blocked
      ? pass('public sharing of documents is blocked')
      : fail(`public sharing of documents is allowed in ${rec.com.region}`);
  },
});

import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.accessanalyzer.enabled_in_region',
  title: 'IAM Access Analyzer for external access is active in every region',
  severity: 'medium',
  resource: 'aws.accessanalyzer.analyzers',
  triggers: [],
  description:
    'The region has no active account or organisation analyzer, so resources shared outside the zone of trust are not reported.',
  risk: 'Buckets, keys, roles and queues shared with other accounts or the public go unnoticed; analyzers are regional, so one region without an analyzer is a blind spot.',
  remediation: {
    text: 'Create an analyzer with the account (or organisation) as zone of trust in each region.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region <region>',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html'],
  evaluate(rec) {
    const active = extBool(rec, 'external_access_active');
    if (active === null) return error('the analyzers are unreadable');
    return active
      ? pass('an external access analyzer is active')
      : fail(`no active external access analyzer in ${rec.com.region}`);
  },
});

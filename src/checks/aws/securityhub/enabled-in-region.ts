import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.securityhub.enabled_in_region',
  title: 'AWS Security Hub is enabled in every region',
  severity: 'medium',
  resource: 'aws.securityhub.hub',
  triggers: [],
  description: 'The account is not subscribed to Security Hub in the region.',
  risk: 'Findings from GuardDuty, Inspector, Macie, Config and partner tools in that region are not gathered or checked against security standards.',
  remediation: {
    text: 'Enable Security Hub in each region (or centrally from the delegated administrator of the organisation).',
    cli: 'aws securityhub enable-security-hub --enable-default-standards --region <region>',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-v2-enable.html'],
  evaluate(rec) {
    const on = extBool(rec, 'enabled');
    if (on === null) return error('the Security Hub status is unreadable');
    return on ? pass('Security Hub is enabled') : fail(`Security Hub is not enabled in ${rec.com.region}`);
  },
});

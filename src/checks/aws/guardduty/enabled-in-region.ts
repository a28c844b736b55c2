import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.guardduty.enabled_in_region',
  title: 'Amazon GuardDuty is enabled in every region',
  severity: 'high',
  resource: 'aws.guardduty.detectors',
  triggers: [],
  description: 'The region has no enabled GuardDuty detector.',
  risk: 'Credential misuse, crypto-mining, reconnaissance and data exfiltration in that region go undetected; attackers favour regions nobody watches.',
  remediation: {
    text: "Create (or re-enable) a GuardDuty detector in each region, ideally from the organisation's delegated administrator with auto-enable for members.",
    cli: 'aws guardduty create-detector --enable --region <region>',
  },
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html'],
  evaluate(rec) {
    const on = extBool(rec, 'enabled');
    if (on === null)
      return error(`the detectors could not be read: ${extStr(rec, 'detectors_error') ?? 'unknown'}`);
    return on ? pass('GuardDuty is enabled') : fail(`GuardDuty is not enabled in ${rec.com.region}`);
  },
});

import { importCheck } from '../../import-check.js';

export default importCheck({
  id: 'aws.guardduty.imported_findings',
  resource: 'aws.guardduty.finding',
  source: 'aws.guardduty',
  detector: 'GuardDuty',
  severity: 'high',
  risk: 'GuardDuty reports threats (compromised instances and credentials, reconnaissance, crypto mining, exfiltration) that no configuration check can see.',
  remediation:
    'Investigate the finding in GuardDuty, contain the affected resource, then archive the finding (or suppress its type with a filter when it is expected).',
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings.html'],
});

import { importCheck } from '../../import-check.js';

export default importCheck({
  id: 'aws.securityhub.imported_findings',
  resource: 'aws.securityhub.finding',
  source: 'aws.securityhub',
  detector: 'Security Hub',
  severity: 'medium',
  risk: 'Security Hub aggregates the findings of its controls and of integrated products; left in its console they are missed by the team that works from Cloudward.',
  remediation:
    "Fix the resource as the finding's remediation says; Security Hub archives the finding, or set its workflow status to SUPPRESSED or RESOLVED when it is accepted.",
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings.html'],
});

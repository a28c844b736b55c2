import { importCheck } from '../../import-check.js';

export default importCheck({
  id: 'aws.accessanalyzer.imported_findings',
  resource: 'aws.accessanalyzer.finding',
  source: 'aws.accessanalyzer',
  detector: 'IAM Access Analyzer',
  severity: 'high',
  risk: 'Access Analyzer reports resources shared outside the zone of trust and access that is granted but unused.',
  remediation:
    'Remove the access the finding names from the resource policy or the role, or archive the finding (an archive rule) when the access is intended.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html'],
});

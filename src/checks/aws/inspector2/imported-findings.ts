import { importCheck } from '../../import-check.js';

export default importCheck({
  id: 'aws.inspector2.imported_findings',
  resource: 'aws.inspector2.finding',
  source: 'aws.inspector2',
  detector: 'Inspector',
  severity: 'high',
  risk: 'Inspector reports software vulnerabilities and unintended network reachability of instances, container images and functions.',
  remediation:
    'Update the vulnerable package (or rebuild the image / function) as the finding says; Inspector closes the finding on its next scan.',
  references: ['https://docs.aws.amazon.com/inspector/latest/user/findings-understanding.html'],
});

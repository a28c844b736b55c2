import { scanTypeCheck } from './scan-type.js';

export default scanTypeCheck({
  id: 'ec2_scanning_enabled',
  key: 'ec2',
  what: 'EC2 instances',
  resourceType: 'EC2',
  risk: 'Known vulnerabilities in the software of EC2 instances, and their unintended network exposure, are not found or reported.',
});

import { scanTypeCheck } from './scan-type.js';

export default scanTypeCheck({
  id: 'ecr_scanning_enabled',
  key: 'ecr',
  what: 'ECR container images',
  resourceType: 'ECR',
  risk: 'Known vulnerabilities in container images pushed to ECR are not found or reported.',
});

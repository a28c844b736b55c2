import { scanTypeCheck } from './scan-type.js';

export default scanTypeCheck({
  id: 'lambda_scanning_enabled',
  key: 'lambda',
  what: 'Lambda functions and layers',
  resourceType: 'LAMBDA',
  risk: 'Known vulnerabilities in the packages of Lambda functions and layers are not found or reported.',
});

import { scanTypeCheck } from './scan-type.js';

export default scanTypeCheck({
  id: 'lambda_code_scanning_enabled',
  key: 'lambdaCode',
  what: 'Lambda function code',
  resourceType: 'LAMBDA_CODE',
  risk: 'Flaws in the code of Lambda functions (injection, hard-coded credentials, weak cryptography) are not found or reported.',
});

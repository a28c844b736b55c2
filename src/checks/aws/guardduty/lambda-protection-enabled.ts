import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'lambda_protection_enabled',
  plan: 'Lambda Protection',
  feature: 'LAMBDA_NETWORK_LOGS',
  severity: 'high',
  risk: 'Lambda functions talking to known malicious hosts (crypto mining, command and control) go unnoticed.',
  fix: '[{"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/lambda-protection.html',
});

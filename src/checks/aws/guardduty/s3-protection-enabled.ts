import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 's3_protection_enabled',
  plan: 'S3 Protection',
  feature: 'S3_DATA_EVENTS',
  severity: 'high',
  risk: 'Suspicious access to data in S3 buckets (exfiltration, access from Tor or known bad hosts) is not detected.',
  fix: '[{"Name":"S3_DATA_EVENTS","Status":"ENABLED"}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html',
});

import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'rds_protection_enabled',
  plan: 'RDS Protection',
  feature: 'RDS_LOGIN_EVENTS',
  severity: 'high',
  risk: 'Anomalous logins to Aurora and RDS databases (brute force, access from unusual places) are not detected.',
  fix: '[{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/rds-protection.html',
});

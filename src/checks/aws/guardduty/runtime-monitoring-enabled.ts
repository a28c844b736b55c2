import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'runtime_monitoring_enabled',
  plan: 'Runtime Monitoring',
  feature: 'RUNTIME_MONITORING',
  severity: 'high',
  risk: 'Threats inside EC2 instances and containers (reverse shells, miners, privilege escalation) are not detected.',
  fix: '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED"}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});

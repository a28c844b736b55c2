import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'ec2_runtime_monitoring_enabled',
  plan: 'EC2 Runtime Monitoring',
  feature: 'RUNTIME_MONITORING',
  agent: 'EC2_AGENT_MANAGEMENT',
  severity: 'medium',
  risk: 'Threats inside EC2 instances are not detected at run time.',
  fix: '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED","AdditionalConfiguration":[{"Name":"EC2_AGENT_MANAGEMENT","Status":"ENABLED"}]}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});

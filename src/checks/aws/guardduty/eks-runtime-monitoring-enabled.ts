import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'eks_runtime_monitoring_enabled',
  plan: 'EKS Runtime Monitoring',
  feature: 'RUNTIME_MONITORING',
  agent: 'EKS_ADDON_MANAGEMENT',
  severity: 'medium',
  risk: 'Threats inside EKS nodes and containers (reverse shells, miners, container escapes) are not detected.',
  fix: '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED","AdditionalConfiguration":[{"Name":"EKS_ADDON_MANAGEMENT","Status":"ENABLED"}]}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});

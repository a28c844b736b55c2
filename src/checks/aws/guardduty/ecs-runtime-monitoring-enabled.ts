import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'ecs_runtime_monitoring_enabled',
  plan: 'ECS Fargate Runtime Monitoring',
  feature: 'RUNTIME_MONITORING',
  agent: 'ECS_FARGATE_AGENT_MANAGEMENT',
  severity: 'medium',
  risk: 'Threats inside ECS tasks on Fargate are not detected.',
  fix: '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED","AdditionalConfiguration":[{"Name":"ECS_FARGATE_AGENT_MANAGEMENT","Status":"ENABLED"}]}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});

import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.containers_enabled',
  plan: 'Containers',
  label: 'Defender for Containers',
  protects: 'Kubernetes clusters and container registries',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction',
});

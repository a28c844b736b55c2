import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.resource_manager_enabled',
  plan: 'Arm',
  label: 'Defender for Resource Manager',
  protects: 'Azure Resource Manager operations',
  reference:
    'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-resource-manager-introduction',
});

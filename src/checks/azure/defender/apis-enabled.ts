import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.apis_enabled',
  plan: 'Api',
  label: 'Defender for APIs',
  protects: 'APIs published in Azure API Management',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-apis-introduction',
});

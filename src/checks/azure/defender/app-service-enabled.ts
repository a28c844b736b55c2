import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.app_service_enabled',
  plan: 'AppServices',
  label: 'Defender for App Service',
  protects: 'App Service apps',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-app-service-introduction',
});

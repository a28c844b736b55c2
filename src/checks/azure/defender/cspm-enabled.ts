import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.cspm_enabled',
  plan: 'CloudPosture',
  label: 'Defender CSPM',
  protects: 'the cloud security posture (attack paths, agentless discovery)',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/concept-cloud-security-posture-management',
});

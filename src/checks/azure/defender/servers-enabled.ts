import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.servers_enabled',
  plan: 'VirtualMachines',
  label: 'Defender for Servers',
  protects: 'virtual machines and servers',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-servers-introduction',
});

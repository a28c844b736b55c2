import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.storage_enabled',
  plan: 'StorageAccounts',
  label: 'Defender for Storage',
  protects: 'storage accounts',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-storage-introduction',
});

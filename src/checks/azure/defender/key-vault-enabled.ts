import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.key_vault_enabled',
  plan: 'KeyVaults',
  label: 'Defender for Key Vault',
  protects: 'key vaults',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-key-vault-introduction',
});

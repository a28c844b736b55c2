import { azureSettingCheck } from '../setting-check.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

export default azureSettingCheck({
  id: 'azure.keyvault.vault_public_network_access_disabled',
  title: 'Key vaults refuse public network access',
  severity: 'medium',
  resource: KEY_VAULT,
  fact: 'public_network_access_enabled',
  want: false,
  triggers: KEY_VAULT_WRITES,
  description: 'The key vault accepts connections from public networks.',
  risk: 'A vault reachable from the internet depends on its credentials alone; a leaked token can be used from anywhere.',
  remediation: {
    text: 'Reach the vault through private endpoints and disable public network access.',
    cli: 'az keyvault update --name <vault> --resource-group <group> --public-network-access Disabled',
  },
  references: [`${KEY_VAULT_DOCS}network-security`],
  passed: (n) => `${n} refuses public network access`,
  failed: (n) => `${n} accepts connections from public networks`,
});

import { azureSettingCheck } from '../setting-check.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

export default azureSettingCheck({
  id: 'azure.keyvault.vault_private_endpoint_used',
  title: 'Key vaults are reached through private endpoints',
  severity: 'medium',
  resource: KEY_VAULT,
  fact: 'private_endpoint_connected',
  want: true,
  triggers: [...KEY_VAULT_WRITES, 'Microsoft.KeyVault/vaults/privateEndpointConnections/write'],
  description: 'The key vault has no approved private endpoint connection.',
  risk: 'Without a private endpoint, clients reach the vault over its public endpoint and traffic leaves the virtual network.',
  remediation: {
    text: 'Create a private endpoint for the vault in the virtual network of its clients, with the privatelink.vaultcore.azure.net DNS zone.',
    cli: 'az network private-endpoint create --name <pe> --resource-group <group> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <vault-id> --group-id vault --connection-name <name>',
  },
  references: [`${KEY_VAULT_DOCS}private-link-service`],
  passed: (n) => `${n} has an approved private endpoint`,
  failed: (n) => `${n} has no approved private endpoint`,
});

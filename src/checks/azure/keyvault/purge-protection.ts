import { azureSettingCheck } from '../setting-check.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

export default azureSettingCheck({
  id: 'azure.keyvault.vault_purge_protection',
  title: 'Key vaults have purge protection',
  severity: 'high',
  resource: KEY_VAULT,
  fact: 'purge_protection',
  want: true,
  triggers: KEY_VAULT_WRITES,
  description:
    'The key vault does not have purge protection: a deleted vault, key or secret can be purged before its retention ends.',
  risk: 'Someone with delete and purge rights, or a compromised identity, can destroy keys and secrets for good, and with them the data they encrypt.',
  remediation: {
    text: 'Turn on purge protection (it cannot be turned off again).',
    cli: 'az keyvault update --name <vault> --resource-group <group> --enable-purge-protection true',
  },
  references: [`${KEY_VAULT_DOCS}soft-delete-overview`],
  passed: (n) => `${n} has purge protection`,
  failed: (n) => `${n} has no purge protection`,
});

import { azureSettingCheck } from '../setting-check.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

export default azureSettingCheck({
  id: 'azure.keyvault.vault_rbac_authorization',
  title: 'Key vaults use Azure RBAC for data access',
  severity: 'medium',
  resource: KEY_VAULT,
  fact: 'rbac_authorization',
  want: true,
  triggers: KEY_VAULT_WRITES,
  description: 'The key vault grants data access through vault access policies instead of Azure RBAC.',
  risk: 'Access policies are granted per vault outside Azure RBAC: they escape Privileged Identity Management, deny assignments and the role reviews the rest of the estate gets, and anyone with Contributor on the vault can grant themselves data access.',
  remediation: {
    text: 'Assign Key Vault data roles to the principals that need them, then switch the permission model to Azure RBAC.',
    cli: 'az keyvault update --name <vault> --resource-group <group> --enable-rbac-authorization true',
  },
  references: [`${KEY_VAULT_DOCS}rbac-migration`],
  passed: (n) => `${n} uses Azure RBAC`,
  failed: (n) => `${n} uses vault access policies`,
});

export const KEY_VAULT = 'azure.keyvault.vault';

/** The Activity Log operations that change a key vault's settings, keys or secrets (through Resource Manager). */
export const KEY_VAULT_WRITES = [
  'Microsoft.KeyVault/vaults/write',
  'Microsoft.KeyVault/vaults/keys/write',
  'Microsoft.KeyVault/vaults/secrets/write',
];

export const KEY_VAULT_DOCS = 'https://learn.microsoft.com/azure/key-vault/general/';

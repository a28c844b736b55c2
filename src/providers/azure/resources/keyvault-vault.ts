import { armList, defineAzureCollector, type EnrichSpec } from '../collector.js';
import normaliser from '../normalisers/keyvault-vault.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const KEYVAULT_API_VERSION = '2023-07-01';

interface Vault {
  id: string;
}

/**
 * The keys or secrets of a vault, from Resource Manager's list below the vault (control plane,
 * so the vault's firewall does not apply). Only names and attributes are kept: Resource Manager
 * does not return secret values, and were one ever in an answer it would not reach the record.
 */
function entryList(kind: 'keys' | 'secrets', fact: string): EnrichSpec<Vault> {
  return {
    permission: `Microsoft.KeyVault/vaults/${kind}/read`,
    facts: [fact, kind],
    call: async (t, vault) => {
      const items = await t.list<{ id?: unknown; name?: unknown; properties?: { attributes?: unknown } }>(
        'arm',
        `${vault.id}/${kind}`,
        { 'api-version': KEYVAULT_API_VERSION },
      );
      return items.map((e) => ({
        id: e.id,
        name: e.name,
        properties: { attributes: e.properties?.attributes },
      }));
    },
  };
}

/**
 * Key vaults of a subscription (one paged list answers every vault setting), with two lists per
 * vault for the expiry of its keys and secrets.
 */
export const keyVaults = defineAzureCollector<Vault>({
  type: 'azure.keyvault.vault',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.KeyVault/vaults/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults',
    apiVersion: KEYVAULT_API_VERSION,
  }),
  enrich: {
    keys: entryList('keys', 'keys_without_expiry'),
    secrets: entryList('secrets', 'secrets_without_expiry'),
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'VaultNotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: keyVaults,
  normaliser,
  changedBy: armChangeEvents('Microsoft.KeyVault/vaults', ['keys/write', 'secrets/write']),
});

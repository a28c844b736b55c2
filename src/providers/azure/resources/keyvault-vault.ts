import { dataActionPermission } from '../adapter.js';
import { armGetBelow, armList, defineAzureCollector, type EnrichSpec } from '../collector.js';
import { isAzureError } from '../errors.js';
import normaliser from '../normalisers/keyvault-vault.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { RESOURCE_DIAGNOSTICS_API_VERSION } from './web-site.js';

export const KEYVAULT_API_VERSION = '2023-07-01';
/** The Key Vault data-plane API version of the certificate reads. */
export const KEYVAULT_DATA_API_VERSION = '7.4';

interface Vault {
  id: string;
  properties?: { vaultUri?: unknown };
}

interface CertificateItem {
  id?: unknown;
  attributes?: { enabled?: unknown; nbf?: unknown; exp?: unknown };
}

interface CertificatePolicy {
  x509_props?: { validity_months?: unknown };
  issuer?: { name?: unknown };
}

/**
 * The certificates of a vault with their issuance policy's validity, from the Key Vault data
 * plane: Resource Manager has no certificate read. Two reads, neither returning a secret or a
 * private key: the certificate list (ids and attributes) and each certificate's policy. The
 * vault's firewall and data-plane permissions apply; a refusal is kept as the reason the
 * certificates are unknown. Only the vault's own URI (a vault of the chosen cloud) is called.
 */
const certificates: EnrichSpec<Vault> = {
  permission: dataActionPermission('Microsoft.KeyVault/vaults/certificates/read'),
  facts: ['certificates'],
  call: async (t, vault) => {
    const vaultPath = t.vaultPath(String(vault.properties?.vaultUri ?? ''), '');
    const query = { 'api-version': KEYVAULT_DATA_API_VERSION };
    const items = await t.list<CertificateItem>('keyvault', `${vaultPath}/certificates`, query);
    const read = await Promise.all(
      items.map(async (c) => {
        const name = typeof c.id === 'string' ? (c.id.split('/').pop() ?? '') : '';
        const attributes = { enabled: c.attributes?.enabled, nbf: c.attributes?.nbf, exp: c.attributes?.exp };
        // an item without an id cannot be read further; its validity stays unknown
        if (!name) return { name: '(unnamed)', attributes, policy: null };
        let policy: CertificatePolicy | null;
        try {
          policy = await t.get<CertificatePolicy>(
            'keyvault',
            `${vaultPath}/certificates/${encodeURIComponent(name)}/policy`,
            query,
          );
        } catch (e) {
          // deleted between the list and this read (CertificateNotFound): no longer in the vault
          if (isAzureError(e) && e.kind === 'absent') return null;
          throw e;
        }
        return {
          name,
          attributes,
          policy: {
            validity_months: policy?.x509_props?.validity_months,
            issuer: policy?.issuer?.name,
          },
        };
      }),
    );
    return read.filter((c) => c !== null);
  },
};

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

/** The enabled keys of a keys answer (Azure leaves `enabled` out only for enabled items). */
function enabledKeyNames(keys: unknown): string[] {
  if (!Array.isArray(keys)) return [];
  return keys
    .filter(
      (k) =>
        (k as { properties?: { attributes?: { enabled?: unknown } } })?.properties?.attributes?.enabled !==
        false,
    )
    .map((k) => (k as { name?: unknown }).name)
    .filter((n): n is string => typeof n === 'string' && n !== '');
}

/**
 * The rotation policy of each enabled key, one Resource Manager GET per key: the list answer
 * leaves the policy out, the key's own answer carries it (KeyProperties.rotationPolicy, omitted
 * when the key has none). Only the policy is kept; the GET returns no key material.
 */
const keyRotation: EnrichSpec<Vault> = {
  permission: 'Microsoft.KeyVault/vaults/keys/read',
  facts: ['keys_without_rotation'],
  after: ['keys'],
  when: (_vault, raw) => enabledKeyNames(raw.keys).length > 0,
  call: (t, vault, ctx) =>
    Promise.all(
      enabledKeyNames(ctx.raw.keys).map(async (name) => {
        const key = await t.get<{ properties?: { rotationPolicy?: RotationPolicy | null } }>(
          'arm',
          `${vault.id}/keys/${encodeURIComponent(name)}`,
          { 'api-version': KEYVAULT_API_VERSION },
        );
        const policy = key?.properties?.rotationPolicy;
        return {
          name,
          rotationPolicy: policy
            ? {
                attributes: { expiryTime: policy.attributes?.expiryTime },
                lifetimeActions: (policy.lifetimeActions ?? []).map((a) => ({
                  action: { type: a?.action?.type },
                  trigger: {
                    timeAfterCreate: a?.trigger?.timeAfterCreate,
                    timeBeforeExpiry: a?.trigger?.timeBeforeExpiry,
                  },
                })),
              }
            : null,
        };
      }),
    ),
};

interface RotationPolicy {
  attributes?: { expiryTime?: unknown };
  lifetimeActions?: {
    action?: { type?: unknown };
    trigger?: { timeAfterCreate?: unknown; timeBeforeExpiry?: unknown };
  }[];
}

/**
 * Key vaults of a subscription (one paged list answers every vault setting), with two lists per
 * vault for the expiry of its keys and secrets, a GET per enabled key for its rotation policy,
 * the vault's diagnostic settings (where its audit log goes), and its certificates' validity from
 * the Key Vault data plane.
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
    keyRotation,
    certificates,
    diagnostics: armGetBelow<Vault>({
      permission: 'Microsoft.Insights/DiagnosticSettings/Read',
      suffix: '/providers/Microsoft.Insights/diagnosticSettings',
      apiVersion: RESOURCE_DIAGNOSTICS_API_VERSION,
      facts: ['audit_logging'],
      list: true,
    }),
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

import { STORAGE_API_VERSION } from '../../../src/providers/azure/resources/storage-account.js';
import { SUBSCRIPTIONS_API_VERSION } from '../../../src/providers/azure/scopes.js';
import { armList, type FixtureRoutes } from './fixture-server.js';
import { subscriptionItem } from './helpers.js';

/**
 * A test estate in Azure's answer shapes, as fixture routes: subscriptions and the resources of
 * each, with every setting the checks read either compliant (`good`) or planted wrong (`bad`).
 * Resource shapes follow the Resource Manager REST API (2023-05-01 for storage) and the
 * recorded exchanges in ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl.
 */

export const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

/** A storage account as GET .../storageAccounts lists it; `over` replaces properties. */
export function storageAccount(
  sub: string,
  rg: string,
  name: string,
  over: Record<string, unknown> = {},
  sku = 'Standard_RAGRS',
) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Storage/storageAccounts/${name}`;
  return {
    sku: { name: sku, tier: 'Standard' },
    kind: 'StorageV2',
    id,
    name,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    tags: { team: 'data' },
    properties: {
      keyCreationTime: { key1: '2026-10-01T09:12:44.0000000Z', key2: '2026-10-01T09:12:44.0000000Z' },
      keyPolicy: { keyExpirationPeriodInDays: 90 },
      allowCrossTenantReplication: false,
      privateEndpointConnections: [
        {
          id: `${id}/privateEndpointConnections/${name}.pe1`,
          name: `${name}.pe1`,
          type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
          properties: {
            provisioningState: 'Succeeded',
            privateEndpoint: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/privateEndpoints/${name}-pe`,
            },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionRequired: 'None',
            },
          },
        },
      ],
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: 'Disabled',
      isHnsEnabled: false,
      networkAcls: { bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
      supportsHttpsTrafficOnly: true,
      encryption: {
        services: {
          file: { keyType: 'Account', enabled: true, lastEnabledTime: '2026-10-01T09:12:44.0000000Z' },
          blob: { keyType: 'Account', enabled: true, lastEnabledTime: '2026-10-01T09:12:44.0000000Z' },
        },
        keySource: 'Microsoft.Storage',
        requireInfrastructureEncryption: true,
      },
      accessTier: 'Hot',
      provisioningState: 'Succeeded',
      creationTime: '2026-10-01T09:12:43.0000000Z',
      primaryLocation: 'westeurope',
      statusOfPrimary: 'available',
      ...over,
    },
  };
}

/** Every storage account setting a check reads, planted wrong (an old account left on Azure's defaults). */
export const BAD_STORAGE_SETTINGS: Record<string, unknown> = {
  supportsHttpsTrafficOnly: false,
  minimumTlsVersion: 'TLS1_0',
  allowBlobPublicAccess: true,
  allowSharedKeyAccess: undefined,
  publicNetworkAccess: undefined,
  allowCrossTenantReplication: true,
  defaultToOAuthAuthentication: undefined,
  keyPolicy: undefined,
  privateEndpointConnections: [],
  networkAcls: { bypass: 'None', virtualNetworkRules: [], ipRules: [], defaultAction: 'Allow' },
};

/** The storage checks each planted setting breaks. */
export const STORAGE_CHECKS = [
  'azure.storage.account_secure_transfer_required',
  'azure.storage.account_min_tls_1_2',
  'azure.storage.account_blob_anonymous_access_disabled',
  'azure.storage.account_default_network_action_deny',
  'azure.storage.account_public_network_access_disabled',
  'azure.storage.account_shared_key_access_disabled',
  'azure.storage.account_cross_tenant_replication_disabled',
  'azure.storage.account_trusted_services_allowed',
  'azure.storage.account_entra_authorization_default',
  'azure.storage.account_key_rotation_reminder',
  'azure.storage.account_private_endpoint_used',
  'azure.storage.account_geo_redundant',
];

export const storageListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts?api-version=${STORAGE_API_VERSION}`;

/** The routes of the subscription list. */
export function subscriptionRoutes(subs: [id: string, name: string, state?: string][]): FixtureRoutes {
  return {
    [`arm /subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`]: armList(
      subs.map(([id, name, state]) => subscriptionItem(id, name, state)),
    ),
  };
}

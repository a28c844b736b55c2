import type { Normaliser } from '../../../core/provider.js';
import type { AzureCollector } from '../collector.js';
import type { AzureResource } from '../resource.js';
import keyVault from './keyvault-vault.js';
import networkNsg from './network-nsg.js';
import storageAccount from './storage-account.js';

/** Every Azure resource type collected live, in the order their collections are reported. Add a new type here. */
export const AZURE_RESOURCES: readonly AzureResource[] = [storageAccount, networkNsg, keyVault];

export const AZURE_COLLECTORS: readonly AzureCollector[] = AZURE_RESOURCES.map((r) => r.collector);

export const AZURE_NORMALISERS: readonly Normaliser[] = AZURE_RESOURCES.map((r) => r.normaliser);

const BY_TYPE = new Map(AZURE_RESOURCES.map((r) => [r.collector.type, r]));

export function azureResource(type: string): AzureResource | undefined {
  return BY_TYPE.get(type);
}

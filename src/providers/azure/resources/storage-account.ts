import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/storage-account.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const STORAGE_API_VERSION = '2023-05-01';

/**
 * Storage accounts of a subscription: one list call answers every account setting the
 * account-level controls read (secure transfer, TLS, network default action, shared keys,
 * public blob access, infrastructure encryption, key source). Blob, file and queue service
 * properties are the services' own reads.
 */
export const storageAccounts = defineAzureCollector<{ id: string }>({
  type: 'azure.storage.account',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Storage/storageAccounts/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts',
    apiVersion: STORAGE_API_VERSION,
  }),
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'StorageAccountNotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: storageAccounts,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Storage/storageAccounts'),
});

import { stampCollectedAt } from '../../gcp/gcp-facts.js';
import { armGetBelow, armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/storage-account.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const STORAGE_API_VERSION = '2023-05-01';

interface StorageAccountItem {
  id: string;
  kind?: string;
}

/** Account kinds without a blob service (premium file shares), and without a file service (premium blobs). */
export const hasBlobService = (a: StorageAccountItem) => a.kind?.toLowerCase() !== 'filestorage';
export const hasFileService = (a: StorageAccountItem) =>
  !['blobstorage', 'blockblobstorage'].includes(a.kind?.toLowerCase() ?? '');

/**
 * Storage accounts of a subscription: one list call answers every account setting the
 * account-level controls read (secure transfer, TLS, network default action, shared keys,
 * public blob access, infrastructure encryption, key source). The blob and file service
 * properties (soft delete, versioning, SMB settings) are one GET each below the account, made
 * only for the kinds that have the service.
 */
export const storageAccounts = defineAzureCollector<StorageAccountItem>({
  type: 'azure.storage.account',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Storage/storageAccounts/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts',
    apiVersion: STORAGE_API_VERSION,
  }),
  enrich: {
    blobService: armGetBelow<StorageAccountItem>({
      permission: 'Microsoft.Storage/storageAccounts/blobServices/read',
      suffix: '/blobServices/default',
      apiVersion: STORAGE_API_VERSION,
      facts: ['blob_soft_delete', 'container_soft_delete', 'blob_versioning'],
      when: hasBlobService,
    }),
    fileService: armGetBelow<StorageAccountItem>({
      permission: 'Microsoft.Storage/storageAccounts/fileServices/read',
      suffix: '/fileServices/default',
      apiVersion: STORAGE_API_VERSION,
      facts: ['file_share_soft_delete', 'smb_versions', 'smb_channel_encryption'],
      when: hasFileService,
    }),
  },
  // access key ages are as at collection, also when a snapshot is audited later
  derive: stampCollectedAt,
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

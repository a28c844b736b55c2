import { armList, defineAzureCollector } from '../collector.js';
import { managedDisk } from '../normalisers/compute-disk.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { DISK_API_VERSION } from './compute-vm.js';

/** Managed disks of a subscription, attached or not: one paged list. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.compute.disk',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Compute/disks/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/disks',
      apiVersion: DISK_API_VERSION,
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser: managedDisk,
  // beginGetAccess / endGetAccess open and close a disk's SAS export URL
  changedBy: armChangeEvents('Microsoft.Compute/disks', ['beginGetAccess/action', 'endGetAccess/action']),
});

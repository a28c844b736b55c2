import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/compute-vm.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const COMPUTE_API_VERSION = '2024-07-01';
export const DISK_API_VERSION = '2024-03-02';

interface VirtualMachineItem {
  id: string;
  properties?: { storageProfile?: { osDisk?: { managedDisk?: { id?: string } } } };
}

const osDiskId = (vm: VirtualMachineItem) => vm.properties?.storageProfile?.osDisk?.managedDisk?.id;

/**
 * Virtual machines of a subscription: the list answers each VM's model (disks, security
 * profile, OS patch settings), and the OS disk's encryption is one GET of the managed disk,
 * made only for VMs with a managed OS disk and only when a selected check reads it.
 */
export const virtualMachines = defineAzureCollector<VirtualMachineItem>({
  type: 'azure.compute.vm',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Compute/virtualMachines/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines',
    apiVersion: COMPUTE_API_VERSION,
  }),
  enrich: {
    osDisk: {
      permission: 'Microsoft.Compute/disks/read',
      facts: ['os_disk_encrypted', 'os_disk_encryption_type', 'azure_disk_encryption'],
      when: (vm) => typeof osDiskId(vm) === 'string',
      absentOn: ['ResourceNotFound', 'NotFound'],
      call: (t, vm) => t.get('arm', osDiskId(vm) as string, { 'api-version': DISK_API_VERSION }),
    },
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: virtualMachines,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Compute/virtualMachines', ['extensions/write']),
});

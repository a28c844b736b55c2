import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/network-virtual-network.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/**
 * Virtual networks of a subscription: one paged list answers each network with its subnets
 * and their network security groups. Their regions are the regions in use for Network Watcher.
 */
export const virtualNetworks = defineAzureCollector<{ id: string }>({
  type: 'azure.network.virtual_network',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Network/virtualNetworks/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/virtualNetworks',
    apiVersion: NETWORK_API_VERSION,
  }),
  getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
});

export default defineAzureResource({
  collector: virtualNetworks,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Network/virtualNetworks', ['subnets/write', 'subnets/delete']),
});

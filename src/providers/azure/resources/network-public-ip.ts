import { armList, defineAzureCollector } from '../collector.js';
import { publicIpAddress } from '../normalisers/network-public-ip.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/** Public IP addresses of a subscription: one paged list. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.network.public_ip',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Network/publicIPAddresses/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/publicIPAddresses',
      apiVersion: NETWORK_API_VERSION,
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser: publicIpAddress,
  changedBy: armChangeEvents('Microsoft.Network/publicIPAddresses'),
});

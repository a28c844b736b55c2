import { armList, defineAzureCollector } from '../collector.js';
import { bastionHost } from '../normalisers/network-bastion-host.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/** Azure Bastion hosts of a subscription: one paged list. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.network.bastion_host',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Network/bastionHosts/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/bastionHosts',
      apiVersion: NETWORK_API_VERSION,
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser: bastionHost,
  changedBy: armChangeEvents('Microsoft.Network/bastionHosts'),
});

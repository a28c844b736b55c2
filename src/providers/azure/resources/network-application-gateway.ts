import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/network-application-gateway.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/**
 * Application gateways of a subscription: one paged list answers each gateway with its SKU, WAF
 * policy or configuration, HTTP/2 flag and TLS policies (of the gateway and its SSL profiles).
 */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.network.application_gateway',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Network/applicationGateways/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/applicationGateways',
      apiVersion: NETWORK_API_VERSION,
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser,
  changedBy: armChangeEvents('Microsoft.Network/applicationGateways'),
});

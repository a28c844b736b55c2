import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/network-nsg.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const NETWORK_API_VERSION = '2024-05-01';

/**
 * Network security groups of a subscription: the list answers each group with its custom and
 * default security rules, so one paged list reads every rule the port checks need.
 */
export const networkSecurityGroups = defineAzureCollector<{ id: string }>({
  type: 'azure.network.nsg',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Network/networkSecurityGroups/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/networkSecurityGroups',
    apiVersion: NETWORK_API_VERSION,
  }),
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: networkSecurityGroups,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Network/networkSecurityGroups', [
    'securityRules/write',
    'securityRules/delete',
  ]),
});

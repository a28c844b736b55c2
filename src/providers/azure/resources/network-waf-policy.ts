import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/network-waf-policy.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/**
 * Application Gateway web application firewall policies of a subscription: one paged list
 * answers each policy with its settings and managed rule sets.
 */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.network.waf_policy',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      apiVersion: NETWORK_API_VERSION,
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser,
  changedBy: armChangeEvents('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies'),
});

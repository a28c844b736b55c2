import { mapConcurrent } from '../../kit/task-pool.js';
import { defineAzureCollector, scopedPath } from '../collector.js';
import { AzureAbsentError } from '../errors.js';
import normaliser from '../normalisers/network-virtual-network-gateway.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

/** Microsoft.Resources generic resource list. */
export const RESOURCES_API_VERSION = '2021-04-01';

const TYPE = 'Microsoft.Network/virtualNetworkGateways';

interface Gateway {
  id: string;
}

/**
 * Virtual network gateways of a subscription. Resource Manager lists them per resource group
 * only, so the subscription's generic resource list filtered to the gateway type finds them (one
 * paged list, however many resource groups) and each is read with one GET {id}, which answers
 * its point-to-site configuration (a gateway deleted in between is left out).
 */
export default defineAzureResource({
  collector: defineAzureCollector<Gateway>({
    type: 'azure.network.virtual_network_gateway',
    level: 'subscription',
    list: {
      permission: 'Microsoft.Network/virtualNetworkGateways/read',
      alsoCalls: ['Microsoft.Resources/subscriptions/resources/read'],
      all: async (t, ctx) => {
        const get = (id: string) => t.get<Gateway>('arm', id, { 'api-version': NETWORK_API_VERSION });
        if (ctx.only) return [await get(ctx.only)];
        const found = await t.list<Gateway>(
          'arm',
          scopedPath('/subscriptions/{subscriptionId}/resources', ctx),
          {
            $filter: `resourceType eq '${TYPE}'`,
            'api-version': RESOURCES_API_VERSION,
          },
        );
        const read = await mapConcurrent(found, Math.max(1, ctx.itemConcurrency), (g) =>
          // a gateway deleted between the list and its read is gone, not a failure
          get(g.id).catch((e: unknown) => {
            if (e instanceof AzureAbsentError) return null;
            throw e;
          }),
        );
        return read.filter((g): g is Gateway => g !== null);
      },
    },
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser,
  changedBy: armChangeEvents(TYPE),
});

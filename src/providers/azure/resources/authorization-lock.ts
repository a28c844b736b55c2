import { armList, defineAzureCollector } from '../collector.js';
import { managementLock } from '../normalisers/authorization-lock.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const LOCKS_API_VERSION = '2020-05-01';

/**
 * Management locks of a subscription: one paged list answers every lock in it, on the
 * subscription, its resource groups and its resources.
 */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.authorization.lock',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Authorization/locks/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/locks',
      apiVersion: LOCKS_API_VERSION,
    }),
    getOne: {
      ids: armIds,
      absentOn: ['LockNotFound', 'ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'],
    },
  }),
  normaliser: managementLock,
  changedBy: armChangeEvents('Microsoft.Authorization/locks'),
});

import { armList, defineAzureCollector } from '../collector.js';
import { roleDefinition } from '../normalisers/authorization.js';
import { armIds, defineAzureResource } from '../resource.js';

/** The custom role definitions assignable in the subscription. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.authorization.role_definition',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Authorization/roleDefinitions/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions',
      apiVersion: '2022-04-01',
      query: { $filter: "type eq 'CustomRole'" },
    }),
    getOne: { ids: armIds, absentOn: ['RoleDefinitionDoesNotExist', 'ResourceNotFound'] },
  }),
  normaliser: roleDefinition,
  changedBy: {
    events: {
      'Microsoft.Authorization/roleDefinitions/write': ['resourceId', 'resource_id'],
      'Microsoft.Authorization/roleDefinitions/delete': ['resourceId', 'resource_id'],
    },
    normalise: (v) => v.toLowerCase(),
  },
});

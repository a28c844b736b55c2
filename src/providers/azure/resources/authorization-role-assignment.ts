import { armList, defineAzureCollector } from '../collector.js';
import { roleAssignment, rootRoleAssignment } from '../normalisers/authorization.js';
import { defineAzureResource } from '../resource.js';

export const ROLE_ASSIGNMENTS_API_VERSION = '2022-04-01';

const EVENTS = {
  'Microsoft.Authorization/roleAssignments/write': [],
  'Microsoft.Authorization/roleAssignments/delete': [],
};

/**
 * The role assignments that apply to the whole subscription: those at the subscription and
 * those inherited from its management groups and the root (`atScope()`), not those below it.
 * The owner count is a property of the whole list, so any assignment change re-reads it.
 */
export const subscriptionRoleAssignments = defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.authorization.role_assignment',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Authorization/roleAssignments/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleAssignments',
      apiVersion: ROLE_ASSIGNMENTS_API_VERSION,
      query: { $filter: 'atScope()' },
      readById: false,
    }),
  }),
  normaliser: roleAssignment,
  singleton: true,
  changedBy: { events: EVENTS },
});

/**
 * The role assignments at the root scope ("/") of the tenant, once per tenant. Reading them
 * needs the read permission at the root (a Reader assignment at "/", or elevated access); without
 * it Azure answers 403 and the checks that read them report an error.
 */
export const rootRoleAssignments = defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.authorization.root_role_assignment',
    level: 'tenant',
    list: armList({
      permission: 'Microsoft.Authorization/roleAssignments/read',
      path: '/providers/Microsoft.Authorization/roleAssignments',
      apiVersion: ROLE_ASSIGNMENTS_API_VERSION,
      query: { $filter: 'atScope()' },
      readById: false,
    }),
  }),
  normaliser: rootRoleAssignment,
  singleton: true,
  changedBy: { events: EVENTS },
});

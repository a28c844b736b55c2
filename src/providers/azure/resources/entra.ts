import { defineAzureCollector, graphList, graphSingle } from '../collector.js';
import {
  authorizationPolicy,
  conditionalAccessPolicy,
  securityDefaults,
  userRegistration,
} from '../normalisers/entra.js';
import { defineAzureResource } from '../resource.js';

/**
 * Entra ID through Microsoft Graph, once per tenant. Graph has no Activity Log events of its
 * own (its changes are in the Entra audit log), so these are re-read by each scan.
 */

export const entraSecurityDefaults = defineAzureResource({
  collector: defineAzureCollector<unknown>({
    type: 'azure.entra.security_defaults',
    level: 'tenant',
    api: 'graph',
    list: graphSingle({
      permission: 'Policy.Read.All',
      path: '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy',
    }),
  }),
  normaliser: securityDefaults,
});

export const entraAuthorizationPolicy = defineAzureResource({
  collector: defineAzureCollector<unknown>({
    type: 'azure.entra.authorization_policy',
    level: 'tenant',
    api: 'graph',
    list: graphSingle({ permission: 'Policy.Read.All', path: '/v1.0/policies/authorizationPolicy' }),
  }),
  normaliser: authorizationPolicy,
});

export const entraConditionalAccessPolicies = defineAzureResource({
  collector: defineAzureCollector<unknown>({
    type: 'azure.entra.conditional_access_policy',
    level: 'tenant',
    api: 'graph',
    list: graphList({ permission: 'Policy.Read.All', path: '/v1.0/identity/conditionalAccess/policies' }),
  }),
  normaliser: conditionalAccessPolicy,
});

/** Needs Entra ID P1 or P2 in the tenant; without it Graph answers 403 and MFA checks report error. */
export const entraUserRegistration = defineAzureResource({
  collector: defineAzureCollector<unknown>({
    type: 'azure.entra.user_registration',
    level: 'tenant',
    api: 'graph',
    list: graphList({
      permission: 'AuditLog.Read.All',
      path: '/v1.0/reports/authenticationMethods/userRegistrationDetails',
      query: { $top: 999 },
    }),
  }),
  normaliser: userRegistration,
});

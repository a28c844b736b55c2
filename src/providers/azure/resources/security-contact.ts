import { armList, defineAzureCollector } from '../collector.js';
import { securityContact } from '../normalisers/security.js';
import { defineAzureResource } from '../resource.js';

/** Defender for Cloud security contacts: who is mailed about alerts and attack paths. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.security.contact',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Security/securityContacts/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Security/securityContacts',
      apiVersion: '2023-12-01-preview',
      readById: false,
    }),
  }),
  normaliser: securityContact,
  singleton: true,
  changedBy: {
    events: {
      'Microsoft.Security/securityContacts/write': [],
      'Microsoft.Security/securityContacts/delete': [],
    },
  },
});

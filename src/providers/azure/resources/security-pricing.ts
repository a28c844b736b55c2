import { armList, defineAzureCollector } from '../collector.js';
import { securityPricing } from '../normalisers/security.js';
import { defineAzureResource } from '../resource.js';

/** Defender for Cloud plans: one list answers every plan's tier (Standard = on) and extensions. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.security.pricing',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Security/pricings/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings',
      apiVersion: '2024-01-01',
      readById: false,
    }),
  }),
  normaliser: securityPricing,
  singleton: true,
  changedBy: { events: { 'Microsoft.Security/pricings/write': [] } },
});

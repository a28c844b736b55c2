import { armList, defineAzureCollector } from '../collector.js';
import { securitySetting } from '../normalisers/security.js';
import { defineAzureResource } from '../resource.js';

/** Defender for Cloud settings (WDATP: the Defender for Endpoint integration, MCAS, Sentinel). */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.security.setting',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Security/settings/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Security/settings',
      apiVersion: '2022-05-01',
      readById: false,
    }),
  }),
  normaliser: securitySetting,
  singleton: true,
  changedBy: { events: { 'Microsoft.Security/settings/write': [] } },
});

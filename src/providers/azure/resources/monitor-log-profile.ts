import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/monitor-log-profile.js';
import { defineAzureResource } from '../resource.js';

/** The subscription's (legacy) Activity Log profile, for the log retention check. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.monitor.log_profile',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Insights/LogProfiles/Read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/logprofiles',
      apiVersion: '2016-03-01',
      readById: false,
    }),
  }),
  normaliser,
  singleton: true,
  changedBy: {
    events: { 'Microsoft.Insights/logProfiles/write': [], 'Microsoft.Insights/logProfiles/delete': [] },
  },
});

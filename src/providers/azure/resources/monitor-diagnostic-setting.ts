import { armList, defineAzureCollector } from '../collector.js';
import { diagnosticSetting } from '../normalisers/monitor.js';
import { defineAzureResource } from '../resource.js';

/** The subscription's Activity Log diagnostic settings (the export of the subscription's activity log). */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.monitor.diagnostic_setting',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Insights/DiagnosticSettings/Read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/diagnosticSettings',
      apiVersion: '2021-05-01-preview',
      readById: false,
    }),
  }),
  normaliser: diagnosticSetting,
  singleton: true,
  changedBy: {
    events: {
      'Microsoft.Insights/diagnosticSettings/write': [],
      'Microsoft.Insights/diagnosticSettings/delete': [],
    },
  },
});
